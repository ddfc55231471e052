from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import TrainingFollowupCase


@tagged("post_install", "-at_install")
class TestSettings(TrainingFollowupCase):
    """Every [X] of the policy is a company setting with the policy's default."""

    def test_policy_defaults(self):
        company = self.env["res.company"].create({"name": "TF New Co"})
        self.assertEqual(company.training_kickoff_days, 5)  # P4.1
        self.assertEqual(company.training_test_weeks, 2)  # P3.1.1
        self.assertEqual(company.training_questionnaire_weeks, 1)  # P3.1.4
        self.assertEqual(company.training_evaluation_months, 3)  # P3.1.2
        self.assertEqual(company.training_report_frequency, "month")  # P3.2.2
        self.assertEqual(company.training_meeting_frequency, "quarter")  # P3.2.2
        self.assertEqual(company.training_career_review_months, 12)  # P3.3.3
        self.assertEqual(
            company.training_weight_supervisor
            + company.training_weight_peer
            + company.training_weight_self,
            100,
        )
        self.assertEqual(company.training_anonymity_min_group, 3)  # P3.1.4

    def test_settings_form_saves_to_company(self):
        with Form(self.env["res.config.settings"]) as form:
            form.training_kickoff_days = 7
            form.training_report_frequency = "quarter"
        self.assertEqual(self.company.training_kickoff_days, 7)
        self.assertEqual(self.company.training_report_frequency, "quarter")

    def test_p3_1_2_weights_must_total_100(self):
        with self.assertRefused(ValidationError, "total 100"):
            self.company.write({"training_weight_supervisor": 60})
        self.assertEqual(self.company.training_weight_supervisor, 50)

    def test_invalid_delays_refused(self):
        with self.assertRefused(ValidationError, "at least 1"):
            self.company.training_kickoff_days = 0
        with self.assertRefused(ValidationError, "cannot be negative"):
            self.company.training_reminder_days = -1
        with self.assertRefused(ValidationError, "at least 2"):
            self.company.training_anonymity_min_group = 1

    def test_settings_reserved_to_administrator(self):
        self.assertTrue(
            self.user_admin.has_group("training_followup.group_training_admin")
        )
        self.assertTrue(
            self.user_admin.has_group("training_followup.group_training_officer")
        )
        self.assertTrue(
            self.user_admin.has_group("training_followup.group_training_supervisor")
        )
        self.assertFalse(
            self.user_officer.has_group("training_followup.group_training_admin")
        )
