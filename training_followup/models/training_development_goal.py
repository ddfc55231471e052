from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools.process_guard import is_in_process

LOCKED_GOAL_FIELDS = {"name", "horizon", "target", "date_horizon"}


class TrainingDevelopmentGoal(models.Model):
    """A goal of a development plan: short term (1-2 years) or long term
    (3-5 years), with a measurable target (P3.3.1)."""

    _name = "training.development.goal"
    _description = "Development Goal"
    _order = "plan_id, horizon desc, date_horizon, id"
    _inherit = ["training.company.link"]
    _company_parent_field = "plan_id"

    plan_id = fields.Many2one(
        "training.development.plan", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="plan_id.company_id", store=True)
    name = fields.Char(string="Goal", required=True)
    horizon = fields.Selection(
        [("short", "Short Term (1-2 years)"), ("long", "Long Term (3-5 years)")],
        required=True,
        default="short",
    )
    target = fields.Char(string="Measurable Target")
    date_horizon = fields.Date(string="By")
    state = fields.Selection(
        [("open", "Open"), ("achieved", "Achieved"), ("dropped", "Dropped")],
        string="Status",
        default="open",
        required=True,
    )
    progress = fields.Integer(string="Progress (%)")

    @api.constrains("progress")
    def _check_progress(self):
        if any(not 0 <= goal.progress <= 100 for goal in self):
            raise ValidationError(self.env._("Progress is a percentage from 0 to 100."))

    def _get_progress(self):
        self.ensure_one()
        return 100 if self.state == "achieved" else self.progress

    def write(self, vals):
        # P3.3.3: once agreed, the goals change through a career review (its
        # new version, in process) or by the manager; sudo is no way round
        if not is_in_process(self.env) and LOCKED_GOAL_FIELDS & set(vals):
            for goal in self:
                if goal.plan_id.state != "draft" and not goal.plan_id._is_manager():
                    raise UserError(
                        self.env._(
                            "The goals of an agreed plan are changed by a career "
                            "review, not directly."
                        )
                    )
        return super().write(vals)
