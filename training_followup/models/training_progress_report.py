from odoo import fields, models
from odoo.exceptions import UserError


class TrainingProgressReport(models.Model):
    """The employee's periodic report on applying the training (P3.2.2, P2.3.2):
    results, difficulties and support needed, reviewed by the manager."""

    _name = "training.progress.report"
    _description = "Progress Report"
    _inherit = ["training.followup.record"]
    results = fields.Text(required=True)
    difficulties = fields.Text()
    support_needed = fields.Text()
    review = fields.Text(string="Manager's Review")
    state = fields.Selection(
        [("draft", "Draft"), ("submitted", "Submitted"), ("reviewed", "Reviewed")],
        default="draft",
        tracking=True,
    )

    def action_submit(self):
        if any(report.state != "draft" for report in self):
            raise UserError(self.env._("Only a draft report can be submitted."))
        self.state = "submitted"
        for report in self:
            report.followup_id._done_steps("progress_report", record=report)
        return True

    def action_review(self):
        if any(report.state != "submitted" or not report.review for report in self):
            raise UserError(self.env._("Write the review of a submitted report first."))
        self.sudo().state = "reviewed"
        return True
