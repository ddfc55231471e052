from odoo import fields, models


class TrainingSatisfactionAnswerLine(models.Model):
    """The answer to one question on an anonymous sheet."""

    _name = "training.satisfaction.answer.line"
    _description = "Anonymous Questionnaire Answer Line"
    _log_access = False
    _order = "id"

    answer_id = fields.Many2one(
        "training.satisfaction.answer", required=True, ondelete="cascade", index=True
    )
    questionnaire_id = fields.Many2one(
        "training.satisfaction.questionnaire", required=True, index=True
    )
    question_id = fields.Many2one(
        "training.satisfaction.question", required=True, ondelete="cascade"
    )
    rating = fields.Integer()
    value_text = fields.Text(string="Text Answer")
