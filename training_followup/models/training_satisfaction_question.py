from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools.process_guard import is_in_process

# P3.1.4: the four dimensions of satisfaction, the self-assessment of applying
# the training at work, and the free-text suggestions.
DIMENSIONS = [
    ("content", "Course Content"),
    ("method", "Training Method"),
    ("trainer", "Trainer"),
    ("schedule", "Schedule"),
    ("application", "Application at Work"),
    ("suggestion", "Suggestions"),
]

QUESTION_TYPES = [
    ("rating", "Rating (1 to 5)"),
    ("text", "Free Text"),
]


class TrainingSatisfactionQuestion(models.Model):
    """A question of the anonymous training-effect questionnaire (P3.1.4).
    Without a questionnaire it belongs to the default question set the
    training administrator edits; each plan copies that set at kick-off, so
    later edits never change a running questionnaire."""

    _name = "training.satisfaction.question"
    _description = "Questionnaire Question"
    _order = "sequence, id"
    _check_company_auto = True

    sequence = fields.Integer(default=10)
    name = fields.Char(string="Question", required=True, translate=True)
    dimension = fields.Selection(DIMENSIONS, required=True, default="content")
    question_type = fields.Selection(QUESTION_TYPES, required=True, default="rating")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        help="Empty: the question is asked in every company.",
    )
    questionnaire_id = fields.Many2one(
        "training.satisfaction.questionnaire",
        ondelete="cascade",
        index=True,
        readonly=True,
        check_company=True,
        help="Empty for the default question set; set on the copy a plan asks.",
    )

    @api.onchange("dimension")
    def _onchange_dimension(self):
        if self.dimension == "suggestion":
            self.question_type = "text"

    @api.model_create_multi
    def create(self, vals_list):
        """P2: a question a plan asks is its company's: the copy takes the
        company of its questionnaire (a different one, or none, is refused by
        the company check of the questionnaire link)."""
        for vals in vals_list:
            if vals.get("questionnaire_id") and "company_id" not in vals:
                questionnaire = (
                    self.env["training.satisfaction.questionnaire"]
                    .sudo()
                    .browse(vals["questionnaire_id"])
                )
                vals["company_id"] = questionnaire.company_id.id
        return super().create(vals_list)

    def write(self, vals):
        self._check_not_asked()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_asked(self):
        self._check_not_asked()

    def _check_not_asked(self):
        # P3.1.4: the copies a sent questionnaire asks are frozen, sudo
        # included: its answers refer to them; the questionnaire's own
        # code (its kick-off, in process) alone makes them
        if not is_in_process(self.env) and any(
            question.questionnaire_id for question in self
        ):
            raise UserError(
                self.env._(
                    "The questions of a questionnaire already sent cannot be changed. "
                    "Edit the default question set: later plans will ask it."
                )
            )

    @api.model
    def _get_default_set(self, company):
        return self.search(
            [
                ("questionnaire_id", "=", False),
                ("company_id", "in", [False, company.id]),
            ]
        )
