from odoo import fields, models

from .training_course_objective import INDICATORS
from .training_followup_report import ATTAINMENTS


class TrainingFollowupReportObjective(models.Model):
    """One training objective in a follow-up report (P4.3): its target, the
    value reached, frozen with the report's statistics, and the attainment."""

    _name = "training.followup.report.objective"
    _inherit = ["training.process.guard"]
    # P4.3: written by the report's Compute only
    _process_records = True
    _description = "Follow-up Report Objective"
    _order = "report_id, course_id, id"

    report_id = fields.Many2one(
        "training.followup.report", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="report_id.company_id", store=True)
    objective_id = fields.Many2one(
        "training.course.objective", string="Course Objective", ondelete="set null"
    )
    course_id = fields.Many2one("training.course", readonly=True)
    name = fields.Char(string="Objective", required=True, readonly=True)
    indicator = fields.Selection(INDICATORS, readonly=True)
    target = fields.Float(readonly=True)
    actual = fields.Float(string="Reached", readonly=True)
    attainment = fields.Selection(ATTAINMENTS, readonly=True)
