from odoo import fields, models
from odoo.exceptions import UserError

EFFECTS = [
    ("none", "No Effect"),
    ("low", "Low"),
    ("medium", "Medium"),
    ("high", "High"),
]


class TrainingApplicationCase(models.Model):
    """A case where the employee applied the training to a real problem, with
    the manager's evaluation of its effect (P3.2.1)."""

    _name = "training.application.case"
    _description = "Application Case"
    _inherit = ["training.followup.record"]

    name = fields.Char(string="Problem", required=True)
    applied = fields.Text(string="What Was Applied")
    outcome = fields.Text(string="Result")
    effect = fields.Selection(EFFECTS, tracking=True)
    effect_evaluation = fields.Text(string="Manager's Evaluation")
    state = fields.Selection(
        [("draft", "Draft"), ("submitted", "Submitted"), ("evaluated", "Evaluated")],
        default="draft",
        tracking=True,
    )

    def action_submit(self):
        if any(case.state != "draft" for case in self):
            raise UserError(self.env._("Only a draft case can be submitted."))
        self.state = "submitted"
        for case in self:
            case.followup_id._done_steps("application_case", record=case)
            # P3.2.1: a new case brings the application record up to date
            case.followup_id._done_steps("record_update", record=case)
        return True

    def action_evaluate(self):
        for case in self:
            if case.state != "submitted" or not case.effect:
                raise UserError(
                    self.env._("Rate the effect of a submitted case to evaluate it.")
                )
        self.sudo().state = "evaluated"
        return True
