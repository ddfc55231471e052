from odoo import fields
from odoo.addons.training_followup.tests.common import JsonRpcMixin
from odoo.tests import HttpCase, tagged

from .common import ElearningFollowupCase


@tagged("post_install", "-at_install")
class TestElearningBrowser(HttpCase, ElearningFollowupCase, JsonRpcMixin):
    """P4.1 in the browser and over the web client's JSON-RPC."""

    def test_p4_1_employee_completes_course_on_website(self):
        self.start_tour(
            self.channel.website_url,
            "training_followup_slides_complete_tour",
            login=self.user_employee.login,
        )
        membership = self.env["slide.channel.partner"].search(
            [
                ("channel_id", "=", self.channel.id),
                ("partner_id", "=", self.user_employee.partner_id.id),
            ]
        )
        self.assertEqual(membership.member_status, "completed")
        today = fields.Date.context_today(self.env["slide.channel.partner"])
        self.assertEqual(membership.training_completion_date, today)
        followup = self.env["training.followup"].search(
            [
                ("session_id.slide_channel_id", "=", self.channel.id),
                ("employee_id", "=", self.employee.id),
            ]
        )
        self.assertEqual(followup.plan_id.state, "running")
        self.assertEqual(followup.date_end, today)
        line, expected = self.expected_first_deadline(
            followup.plan_id.template_id, today
        )
        steps = followup.step_ids.filtered(lambda s: s.template_line_id == line)
        self.assertEqual(min(steps.mapped("date_deadline")), expected)

    def test_p4_1_guard_refuses_client_write_of_completion_fields(self):
        """What the completion records is never typed: a training officer who
        is an eLearning officer cannot write it from the web client."""
        membership = self.complete(self.employee.work_contact_id)
        session = membership.training_session_id
        other = self.create_session(self.colleague)
        self.authenticate(self.user_officer.login, self.user_officer.login)
        for field, value in (
            ("training_completion_date", "2026-01-05"),
            ("training_employee_id", self.colleague.id),
            ("training_session_id", other.id),
        ):
            error, message = self.call_kw(
                "slide.channel.partner", "write", [membership.ids, {field: value}]
            )
            self.assertEqual(error, "odoo.exceptions.UserError", field)
            self.assertIn("set by the follow-up itself", message)
        error, message = self.call_kw(
            "training.session",
            "write",
            [other.ids, {"slide_channel_id": self.channel.id}],
        )
        self.assertEqual(error, "odoo.exceptions.UserError")
        self.assertIn("set by the follow-up itself", message)
        error, _message = self.call_kw(
            "training.session",
            "create",
            [[{"course_id": self.course.id, "slide_channel_id": self.channel.id}]],
        )
        self.assertEqual(error, "odoo.exceptions.UserError")
        self.env.invalidate_all()
        self.assertEqual(membership.training_employee_id, self.employee)
        self.assertEqual(membership.training_session_id, session)
        self.assertEqual(
            membership.training_completion_date,
            fields.Date.context_today(membership),
        )
        self.assertFalse(other.slide_channel_id)
