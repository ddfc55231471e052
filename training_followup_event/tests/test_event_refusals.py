from datetime import datetime

from odoo.addons.training_followup.tests.common import JsonRpcMixin
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, tagged

from .common import TrainingEventCase


@tagged("post_install", "-at_install")
class TestEventRefusals(TrainingEventCase):
    """P4.1: bad input of a training event is refused with a clear message
    and changes nothing; only training officers link courses and follow up
    attendance."""

    def assertNothingMade(self, event):
        self.assertFalse(event.training_session_id)
        self.assertFalse(
            self.env["training.session"].search([("event_id", "=", event.id)])
        )

    def test_p4_1_attendee_without_employee_refused(self):
        """An attendee whose contact is no employee's work contact cannot be
        marked Attended on a training event."""
        event = self.create_event(self.employee)
        stranger = self.env["event.registration"].create(
            {
                "event_id": event.id,
                "partner_id": self.env["res.partner"].create({"name": "TF Guest"}).id,
            }
        )
        with self.assertRefused(UserError, "TF Guest.*no employee's work contact"):
            stranger.with_user(self.user_officer).action_set_done()
        self.assertEqual(stranger.state, "open")
        self.assertNothingMade(event)
        # the employee's own attendance is followed up
        self.registration_of(event, self.employee).action_set_done()
        self.assertEqual(event.training_session_id.participant_ids, self.employee)

    def test_p4_1_employee_of_other_company_refused(self):
        """An employee of another company cannot be followed up at the
        event of this one."""
        other_company = self.env["res.company"].create({"name": "TF Other Company"})
        foreigner = (
            self.env["hr.employee"]
            .with_company(other_company)
            .create({"name": "TF Foreigner", "company_id": other_company.id})
        )
        event = self.create_event(foreigner)
        registration = self.registration_of(event, foreigner)
        with self.assertRefused(UserError, "TF Foreigner works for TF Other Company"):
            registration.action_set_done()
        self.assertEqual(registration.state, "open")
        self.assertNothingMade(event)

    def test_p4_1_event_without_end_refused(self):
        """Odoo requires an event's end; the sync refuses an event without
        one all the same, before it writes anything."""
        event = self.env["event.event"].new(
            {
                "name": "TF Undated Workshop",
                "training_course_id": self.course.id,
                "date_begin": datetime(2026, 4, 1, 0, 0),
                "date_end": False,
            }
        )
        sessions = self.env["training.session"].search_count([])
        with self.assertRefused(UserError, "TF Undated Workshop has no end date"):
            event._training_sync_sessions()
        self.assertEqual(self.env["training.session"].search_count([]), sessions)

    def test_p4_1_course_of_other_company_refused(self):
        """A course of another company cannot be linked to an event."""
        other_company = self.env["res.company"].create({"name": "TF Other Company"})
        foreign_course = self.env["training.course"].create(
            {"name": "TF Foreign Course", "company_id": other_company.id}
        )
        event = self.create_event(self.employee)
        with self.assertRefused(ValidationError, "TF Foreign Course belongs to"):
            event.with_user(
                self.user_officer
            ).sudo().training_course_id = foreign_course
        self.assertEqual(event.training_course_id, self.course)

    def test_p4_1_course_fixed_once_session_made(self):
        """Once attendance made the session, the event's course stays."""
        event = self.create_event(self.employee)
        self.registration_of(event, self.employee).action_set_done()
        other_course = self.env["training.course"].create({"name": "TF Other"})
        with self.assertRefused(UserError, "can no longer change"):
            event.with_user(self.user_officer).training_course_id = other_course
        self.assertEqual(event.training_course_id, self.course)

    def test_p4_1_only_officers_link_courses(self):
        """An event user who is no training officer cannot link a course; a
        training officer with event rights can."""
        event = self.create_event(self.employee, event_type_id=False)
        with self.assertRefused(AccessError, "Only a training officer links"):
            event.with_user(self.user_event).write(
                {"training_course_id": self.course.id}
            )
        self.assertFalse(event.training_course_id)
        # an event user creates events; one of a template with a course is
        # a training of it, but naming another course is the officer's
        Event = self.env["event.event"].with_user(self.user_event)
        with self.assertRefused(AccessError, "Only a training officer links"):
            Event.create(
                {
                    "name": "Not a training",
                    "date_begin": event.date_begin,
                    "date_end": event.date_end,
                    "training_course_id": self.course.id,
                }
            )
        self.assertTrue(
            Event.create(
                {
                    "name": "Plain",
                    "date_begin": event.date_begin,
                    "date_end": event.date_end,
                }
            )
        )
        event.with_user(self.user_officer).write({"training_course_id": self.course.id})
        self.assertEqual(event.training_course_id, self.course)

    def test_p4_1_only_officers_follow_up_attendance(self):
        """Neither an employee nor an event user who is no training officer
        runs the sync; the officer does."""
        event = self.create_event(self.employee)
        self.registration_of(event, self.employee).write({"state": "done"})
        event.training_session_id.followup_plan_id.unlink()
        for user in (self.user_employee, self.user_event):
            with self.assertRefused(AccessError, "Only a training officer"):
                event.with_user(user).action_training_followup_attendance()
            self.assertFalse(event.training_plan_id)
        action = event.with_user(
            self.user_officer
        ).action_training_followup_attendance()
        self.assertEqual(action["res_id"], event.training_plan_id.id)


@tagged("post_install", "-at_install")
class TestEventGuard(HttpCase, TrainingEventCase, JsonRpcMixin):
    """P4.1: the links between an event and its session are made by the
    sync only; a client write of them is refused."""

    def test_p4_1_client_cannot_link_event_and_session(self):
        event = self.create_event(self.employee)
        self.registration_of(event, self.employee).action_set_done()
        session = event.training_session_id
        other = self.create_session(self.colleague)
        self.authenticate(self.user_officer.login, self.user_officer.login)
        error, _message = self.call_kw(
            "event.event", "write", [event.ids, {"training_session_id": other.id}]
        )
        self.assertEqual(error, "odoo.exceptions.UserError")
        error, message = self.call_kw(
            "training.session", "write", [other.ids, {"event_id": event.id}]
        )
        self.assertEqual(error, "odoo.exceptions.UserError")
        self.assertIn("set by the follow-up itself", message)
        self.env.invalidate_all()
        self.assertEqual(event.training_session_id, session)
        self.assertFalse(other.event_id)
