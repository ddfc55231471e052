from odoo import fields, models
from odoo.exceptions import UserError

from ..tools.process_guard import process_action
from ..tools.reader_language import in_every_language


class TrainingProgressReport(models.Model):
    """The employee's periodic report on applying the training (P3.2.2, P2.3.2):
    results, difficulties and support needed, reviewed by the manager."""

    _name = "training.progress.report"
    _description = "Progress Report"
    _inherit = ["training.followup.record", "training.process.guard"]
    # P2.3.2: a progress report is submitted and reviewed with its buttons
    _process_fields = ("state",)
    results = fields.Text(required=True)
    difficulties = fields.Text()
    support_needed = fields.Text()
    review = fields.Text(string="Manager's Review")
    state = fields.Selection(
        [("draft", "Draft"), ("submitted", "Submitted"), ("reviewed", "Reviewed")],
        default="draft",
        tracking=True,
    )

    @process_action
    def action_submit(self):
        """P2.3.2: the report goes to both departments: the manager gets a
        dated step to review it, the training officer follows it."""
        if any(report.state != "draft" for report in self):
            raise UserError(self.env._("Only a draft report can be submitted."))
        self.state = "submitted"
        for report in self:
            report.followup_id._done_steps("progress_report", record=report)
        self._open_review_steps()
        return True

    def _open_review_steps(self):
        today = fields.Date.context_today(self)
        names = in_every_language(
            self.env, lambda env: env._("Review the progress report")
        )
        vals_list = []
        for report in self:
            followup = report.followup_id.sudo()
            company = followup.company_id
            vals_list.append(
                {
                    "plan_id": followup.plan_id.id,
                    "followup_id": followup.id,
                    "name": names,
                    "step_type": "progress_review",
                    "responsible": "manager",
                    "date_deadline": company._training_due_date(
                        today, company.training_progress_review_days, "working_days"
                    ),
                }
            )
            report.message_subscribe(
                partner_ids=(
                    followup.manager_user_id | followup.plan_id.officer_id
                ).partner_id.ids
            )
        return self.env["training.followup.step"]._create_steps(vals_list)

    @process_action
    def action_review(self):
        if any(report.state != "submitted" or not report.review for report in self):
            raise UserError(self.env._("Write the review of a submitted report first."))
        self.sudo().state = "reviewed"
        for report in self:
            report.followup_id._done_steps("progress_review", record=report)
        return True
