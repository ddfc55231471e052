from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import TrainingEventCase


@tagged("post_install", "-at_install")
class TestEventTour(HttpCase, TrainingEventCase):
    """P4.1 in a real browser: attendance marked in Events becomes a plan."""

    def test_p4_1_officer_marks_attendance_plan_appears(self):
        now = fields.Datetime.now().replace(microsecond=0)
        event = self.create_event(
            self.employee | self.colleague,
            name="TF Tour Workshop",
            date_begin=now - timedelta(days=1),
            date_end=now + timedelta(hours=2),
        )
        self.start_tour(
            "/odoo", "training_followup_event_tour", login=self.user_officer.login
        )
        plan = event.training_plan_id
        self.assertEqual(plan.state, "draft")
        self.assertEqual(plan.session_id.participant_ids, self.colleague)
        self.assertEqual(plan.officer_id, self.user_officer)
