from odoo import fields, models


class TrainingFollowupReportTrend(models.Model):
    """One month after the training in a follow-up report (P4.3): the
    evaluated application cases and their average effect, the closed
    evaluations and their average result, frozen with the report's
    statistics, so the report shows whether application grows or fades."""

    _name = "training.followup.report.trend"
    _inherit = ["training.process.guard"]
    # P4.3: written by the report's Compute only
    _process_records = True
    _description = "Follow-up Report Application Trend"
    _order = "report_id, month_after, id"

    report_id = fields.Many2one(
        "training.followup.report", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="report_id.company_id", store=True)
    month_after = fields.Integer(
        string="Month after Training",
        readonly=True,
        aggregator=None,
        help="Whole months from the end of the training: 0 is the first month.",
    )
    case_count = fields.Integer(string="Application Cases", readonly=True)
    case_effect = fields.Float(string="Average Effect (0-3)", readonly=True)
    evaluation_count = fields.Integer(string="Evaluations Closed", readonly=True)
    evaluation_result = fields.Float(
        string="Average Evaluation Result (%)", readonly=True
    )
