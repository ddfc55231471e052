from odoo import api, fields, models
from odoo.exceptions import ValidationError

# what a training objective is measured by, and the scale of its target
INDICATORS = [
    ("test_score", "Average Test Score (%)"),
    ("pass_rate", "Test Pass Rate (%)"),
    ("evaluation_result", "Average Evaluation Result (%)"),
    ("questionnaire_rating", "Questionnaire Rating (1-5)"),
    ("application_effect", "Application Effect (0-3)"),
]
INDICATOR_MAXIMUM = {
    "test_score": 100.0,
    "pass_rate": 100.0,
    "evaluation_result": 100.0,
    "questionnaire_rating": 5.0,
    "application_effect": 3.0,
}


class TrainingCourseObjective(models.Model):
    """A measurable objective of a course (P4.3: were the training goals
    met?): which result of the follow-up measures it and the target to reach.
    The follow-up report states, for each, whether it was attained."""

    _name = "training.course.objective"
    _description = "Training Objective"
    _order = "course_id, sequence, id"
    _inherit = ["training.company.link"]
    _company_parent_field = "course_id"

    sequence = fields.Integer(default=10)
    course_id = fields.Many2one(
        "training.course", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="course_id.company_id", store=True)
    name = fields.Char(string="Objective", required=True, translate=True)
    indicator = fields.Selection(INDICATORS, required=True, default="test_score")
    target = fields.Float(
        required=True,
        help="The objective is attained when the indicator reaches this value, "
        "partly attained from 80 % of it.",
    )

    @api.constrains("indicator", "target")
    def _check_target(self):
        for objective in self:
            maximum = INDICATOR_MAXIMUM[objective.indicator]
            if not 0 < objective.target <= maximum:
                raise ValidationError(
                    self.env._(
                        "The target of “%(objective)s” must be above 0 and at most "
                        "%(maximum)s.",
                        objective=objective.name,
                        maximum=maximum,
                    )
                )
