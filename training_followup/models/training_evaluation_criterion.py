from odoo import fields, models

CRITERION_GROUPS = [
    ("attitude", "Work Attitude"),
    ("ability", "Work Ability"),
    ("results", "Work Results"),
]


class TrainingEvaluationCriterion(models.Model):
    """A criterion of the work-performance evaluation form (工作表现评估表,
    P3.1.2, P2.1.2), in one of the policy's three groups."""

    _name = "training.evaluation.criterion"
    _description = "Evaluation Criterion"
    _order = "criterion_group, sequence, id"

    name = fields.Char(required=True, translate=True)
    criterion_group = fields.Selection(CRITERION_GROUPS, string="Group", required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)
