from odoo import fields, models

ANSWER_STATES = [
    ("blank", "Blank"),
    ("submitted", "Submitted"),
]


class TrainingSatisfactionAnswer(models.Model):
    """One anonymous answer sheet of a questionnaire (P3.1.4): WHAT was
    answered, never WHO. Made blank at kick-off and filled in place by
    training.satisfaction.questionnaire._submit(); it has no author, no
    timestamp and no link to a person, a completion or a step. Nobody reads
    it directly: only statistics of large enough groups are shown."""

    _name = "training.satisfaction.answer"
    _description = "Anonymous Questionnaire Answer"
    _log_access = False
    _order = "id"

    questionnaire_id = fields.Many2one(
        "training.satisfaction.questionnaire",
        required=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one("res.company", required=True)
    state = fields.Selection(ANSWER_STATES, default="blank", required=True)
    department_id = fields.Many2one(
        "hr.department",
        string="Respondents' Department",
        help="Kept at release only when at least the minimum group of the "
        "answers released together come from this department.",
    )
    released = fields.Boolean(
        help="Counted in the statistics: released with at least the minimum "
        "group of other answers once the collection closed.",
    )
    sealed = fields.Boolean(
        help="Rewritten by the daily sealing with the other answers of the day."
    )
    line_ids = fields.One2many("training.satisfaction.answer.line", "answer_id")

    # the daily release finds the answers waiting for it without reading the
    # blank and the released sheets of every year
    _waiting_release_idx = models.Index(
        "(questionnaire_id) WHERE state = 'submitted' AND released IS NOT TRUE"
    )
