from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain

from ..tools.domains import boolean_search, set_from_search
from ..tools.process_guard import process_action

EFFECTS = [
    ("none", "No Effect"),
    ("low", "Low"),
    ("medium", "Medium"),
    ("high", "High"),
]
# P3.2.1: the manager's evaluation of an application case as a score (0-3),
# the one scale of the addon: the analyses and the export show it, the
# appraisal takes it as a share of full effect (effect_share)
EFFECT_SCORES = {"none": 0, "low": 1, "medium": 2, "high": 3}


def effect_share(effect):
    """P5.2: the effect of an application case as a share of full effect
    (0-1): its score over the highest score."""
    return EFFECT_SCORES[effect] / max(EFFECT_SCORES.values())


# P3.2.1, P2.2.3: what only the employing department (or a training officer)
# writes on a case: the rating of its effect, never the employee themself
EVALUATION_FIELDS = {"effect", "effect_evaluation"}


class TrainingApplicationCase(models.Model):
    """A case where the employee applied the training to a real problem, with
    the manager's evaluation of its effect (P3.2.1). Only an evaluated case
    counts in the figures (analysis, Kirkpatrick level 4, appraisal)."""

    _name = "training.application.case"
    _description = "Application Case"
    _inherit = ["training.followup.record", "training.process.guard"]
    # P3.2.1: a case is submitted and evaluated with its buttons; once
    # evaluated, its rating is final
    _process_fields = ("state",)
    _process_locked_states = ("evaluated",)
    _process_locked_fields = ("effect", "effect_evaluation")

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
    # the one truth of who rates a case: the Evaluate button shows it, the
    # record rule letting managers write a case searches it, and the rating
    # fields are checked against it
    can_evaluate = fields.Boolean(
        compute="_compute_can_evaluate",
        search="_search_can_evaluate",
    )

    @api.depends_context("uid")
    @api.depends("followup_id")
    def _compute_can_evaluate(self):
        # the department is on the employee's version, read by HR only
        set_from_search(self, "can_evaluate")

    def _search_can_evaluate(self, operator, value):
        return boolean_search(operator, value, self._get_evaluator_domain())

    @api.model
    def _get_evaluator_domain(self):
        """P2.2.3, P3.2.1: the cases the current user rates: the employing
        department (用人部门) rates the effect — the employee's manager (the
        follow-up's manager) or the manager of the employee's department —
        or a training officer; never the employee, whatever other role they
        hold."""
        uid = self.env.uid
        not_own = Domain("followup_id.employee_user_id", "!=", uid)
        if self.env.user.has_group("training_followup.group_training_officer"):
            return not_own
        return not_own & (
            Domain("followup_id.manager_user_id", "=", uid)
            | Domain("employee_id.department_id.manager_id.user_id", "=", uid)
        )

    def _check_evaluator(self):
        # who rates, the same truth as the record rule (can_evaluate), not a
        # process lock: superuser mode passes it as it passes the rule
        if self.env.su:
            return
        if self.filtered(lambda case: not case.can_evaluate):
            raise AccessError(
                self.env._(
                    "Only the employee's manager or a training officer rates the "
                    "effect of an application case; the employee cannot rate "
                    "their own."
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        cases = super().create(vals_list)
        rated = [
            case
            for case, vals in zip(cases, vals_list, strict=True)
            if EVALUATION_FIELDS & set(vals)
        ]
        self.browse([case.id for case in rated])._check_evaluator()
        return cases

    def write(self, vals):
        if EVALUATION_FIELDS & set(vals):
            self._check_evaluator()
        return super().write(vals)

    @process_action
    def action_submit(self):
        if any(case.state != "draft" for case in self):
            raise UserError(self.env._("Only a draft case can be submitted."))
        self.check_access("write")
        self.sudo().state = "submitted"
        for case in self:
            case.followup_id._done_steps("application_case", record=case)
            # P3.2.1: a new case brings the application record up to date
            case.followup_id._done_steps("record_update", record=case)
        return True

    @process_action
    def action_evaluate(self):
        """P3.2.1, P2.2.3: the manager (or a training officer) evaluates the
        effect of a submitted case; from now on it counts in the figures."""
        self._check_evaluator()
        for case in self:
            if case.state != "submitted" or not case.effect:
                raise UserError(
                    self.env._("Rate the effect of a submitted case to evaluate it.")
                )
        self.sudo().state = "evaluated"
        return True
