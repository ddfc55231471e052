from odoo import fields, models

from ..models.training_followup_report import QUALITY_SCORES


class TrainingFollowupReportAcknowledge(models.TransientModel):
    """Management acknowledges a follow-up report (P4.3) with remarks and a
    quality score."""

    _name = "training.followup.report.acknowledge"
    _description = "Acknowledge a Follow-up Report"

    report_id = fields.Many2one(
        "training.followup.report", required=True, ondelete="cascade"
    )
    remarks = fields.Text(string="Management Remarks")
    quality_score = fields.Selection(
        QUALITY_SCORES, string="Report Quality", required=True
    )

    def action_confirm(self):
        self.ensure_one()
        self.report_id.action_acknowledge(self.remarks, self.quality_score)
        return {"type": "ir.actions.act_window_close"}
