from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools.reader_language import for_document
from .training_improvement_action import OPEN_STATES


class TrainingImprovementCheck(models.Model):
    """A progress check of an improvement action by the training department
    (P4.5: checks its progress regularly and clears obstacles)."""

    _name = "training.improvement.check"
    _description = "Improvement Action Progress Check"
    _order = "date desc, id desc"
    _inherit = ["training.company.link"]
    _company_parent_field = "action_id"

    action_id = fields.Many2one(
        "training.improvement.action", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="action_id.company_id", store=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    user_id = fields.Many2one(
        "res.users", string="Checked By", default=lambda self: self.env.user
    )
    progress = fields.Integer(string="Progress (%)", required=True)
    note = fields.Text(string="Findings")
    obstacles = fields.Text(help="What blocks the measure and how it is cleared.")

    @api.constrains("progress")
    def _check_progress(self):
        if any(not 0 <= check.progress <= 100 for check in self):
            raise ValidationError(
                self.env._("The progress of a measure is between 0 and 100%.")
            )

    @api.model_create_multi
    def create(self, vals_list):
        checks = super().create(vals_list)
        checks.action_id._check_not_archived()
        if any(check.action_id.state not in OPEN_STATES for check in checks):
            raise UserError(
                self.env._("Progress is checked on a planned or running measure.")
            )
        for check in checks:
            # P1.3: a note on a company document, in the company's language
            action = for_document(check.action_id)
            action.message_post(
                body=action.env._(
                    "Progress check: %(progress)s%%. %(note)s",
                    progress=check.progress,
                    note=check.note or "",
                ),
                subtype_xmlid="mail.mt_note",
            )
        return checks

    def write(self, vals):
        self.action_id._check_not_archived()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_action_archived(self):
        self.action_id._check_not_archived()
