from datetime import datetime

from odoo import Command
from odoo.addons.training_followup.tests.common import TrainingFollowupCase
from odoo.tests import new_test_user


class TrainingEventCase(TrainingFollowupCase):
    """The roles of the main addon; the training officer also runs Events
    (event user), and an event user who is no training officer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_officer.group_ids = [
            Command.link(cls.env.ref("event.group_event_user").id)
        ]
        cls.user_event = new_test_user(
            cls.env, login="tf_test_event_user", groups="event.group_event_user"
        )
        cls.event_type = cls.env["event.type"].create(
            {"name": "TF Workshop", "training_course_id": cls.course.id}
        )

    @classmethod
    def create_event(cls, attendees=None, **values):
        """A training event of the course, 1-3 April 2026 in Shanghai time
        (UTC+8), with one registration (open) per employee of
        `attendees`, by their work contact."""
        attendees = cls.env["hr.employee"] if attendees is None else attendees
        event = cls.env["event.event"].create(
            {
                "name": "TF Complaint Handling Workshop",
                "event_type_id": cls.event_type.id,
                "date_tz": "Asia/Shanghai",
                # 1 April 08:00 to 3 April 18:00, Shanghai time
                "date_begin": datetime(2026, 4, 1, 0, 0),
                "date_end": datetime(2026, 4, 3, 10, 0),
                **values,
            }
        )
        cls.register(event, attendees)
        return event

    @classmethod
    def register(cls, event, employees, slot=None):
        return cls.env["event.registration"].create(
            [
                {
                    "event_id": event.id,
                    "partner_id": employee.work_contact_id.id,
                    "event_slot_id": slot.id if slot else False,
                }
                for employee in employees
            ]
        )

    @staticmethod
    def registration_of(event, employee):
        return event.registration_ids.filtered(
            lambda r: r.partner_id == employee.work_contact_id
        )
