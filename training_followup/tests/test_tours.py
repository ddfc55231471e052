from odoo.tests import HttpCase, tagged

from .common import TrainingFollowupCase


@tagged("post_install", "-at_install")
class TestTours(HttpCase, TrainingFollowupCase):
    """The main flows in a real browser."""

    def test_p1_2_officer_creates_session_employee_sees_it(self):
        self.start_tour(
            "/odoo", "training_followup_session_tour", login=self.user_officer.login
        )
        session = self.env["training.session"].search(
            [("participant_ids", "in", self.employee.ids)]
        )
        self.assertEqual(len(session), 1)
        self.assertEqual(session.course_id, self.course)
        self.start_tour(
            "/odoo",
            "training_followup_my_trainings_tour",
            login=self.user_employee.login,
        )
