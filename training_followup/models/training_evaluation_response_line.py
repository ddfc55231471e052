from odoo import fields, models
from odoo.exceptions import UserError

from ..tools.process_guard import is_in_process


class TrainingEvaluationResponseLine(models.Model):
    _name = "training.evaluation.response.line"
    _description = "Evaluation Score"
    _order = "response_id, criterion_group, id"

    response_id = fields.Many2one(
        "training.evaluation.response", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="response_id.company_id", store=True)
    criterion_id = fields.Many2one(
        "training.evaluation.criterion", required=True, ondelete="restrict"
    )
    criterion_group = fields.Selection(
        related="criterion_id.criterion_group", store=True
    )
    score = fields.Selection(
        [
            ("1", "1 - Poor"),
            ("2", "2 - Fair"),
            ("3", "3 - Good"),
            ("4", "4 - Very Good"),
            ("5", "5 - Outstanding"),
        ],
    )
    comment = fields.Char()

    def write(self, vals):
        self.response_id.evaluation_id._check_not_archived(vals)
        # P3.1.2: the scores of a submitted response are final, sudo included
        if not is_in_process(self.env) and any(
            line.response_id.state == "submitted" for line in self
        ):
            raise UserError(self.env._("A submitted evaluation cannot be changed."))
        return super().write(vals)
