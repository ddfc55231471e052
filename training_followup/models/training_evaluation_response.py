from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools.process_guard import is_in_process, process_action
from .training_evaluation import EVALUATOR_ROLES


class TrainingEvaluationResponse(models.Model):
    """One evaluator's scores and comments. Private: an evaluator sees only
    their own until the evaluation is closed; the employee never sees another
    evaluator's response."""

    _name = "training.evaluation.response"
    _inherit = [
        "training.personal.link",
        "training.company.link",
        "training.process.guard",
    ]
    # P3.1.2: a response is submitted with its button; its score is computed
    _process_fields = ("state", "score")
    _company_parent_field = "evaluation_id"
    _description = "Evaluation Response"
    _link_letter = "e"
    _order = "evaluation_id, role, id"

    evaluation_id = fields.Many2one(
        "training.evaluation", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="evaluation_id.company_id", store=True)
    employee_id = fields.Many2one(related="evaluation_id.employee_id")
    user_id = fields.Many2one(
        "res.users",
        string="Evaluator",
        index=True,
        help="Empty for the self-evaluation of an employee without a login, "
        "who fills it in through their personal link.",
    )
    role = fields.Selection(EVALUATOR_ROLES, required=True)
    state = fields.Selection(
        [("todo", "To Fill In"), ("submitted", "Submitted")], default="todo"
    )
    line_ids = fields.One2many(
        "training.evaluation.response.line", "response_id", string="Scores"
    )
    score = fields.Float(
        compute="_compute_score",
        store=True,
        help="Average of the criteria, in percent.",
    )
    comment = fields.Text()

    @api.depends("line_ids.score")
    def _compute_score(self):
        for response in self:
            scores = [
                int(score) for score in response.line_ids.mapped("score") if score
            ]
            response.score = 100.0 * sum(scores) / (5 * len(scores)) if scores else 0.0

    @api.constrains("user_id", "role")
    def _check_evaluator(self):
        if any(not r.user_id and r.role != "self" for r in self):
            raise ValidationError(
                self.env._("Only a self-evaluation may have no evaluator login.")
            )

    def write(self, vals):
        # P4.6: the forms of an archived evaluation are archived with it
        self.evaluation_id._check_not_archived(vals)
        # P3.1.2: a submitted response is final, sudo included; only the
        # process (its submission) writes it on
        if not is_in_process(self.env) and any(
            response.state == "submitted" for response in self
        ):
            raise UserError(self.env._("A submitted evaluation cannot be changed."))
        return super().write(vals)

    def _get_link_state(self):
        self.ensure_one()
        if self.state == "submitted":
            return "used"
        if self.evaluation_id.state != "open":
            return "expired"
        return "open"

    def _send_link(self):
        template = self.env.ref(
            "training_followup.mail_template_self_evaluation_link"
        ).sudo()
        template.send_mail_batch(self.ids)
        return self

    def _submit_through_link(self, scores, comment):
        """The self-evaluation sent through the personal link: {line id: '1'
        to '5'} for every criterion, then submitted as from the form."""
        self.ensure_one()
        lines = self.sudo().line_ids
        for line in lines:
            score = str(scores.get(line.id) or "")
            if score not in {"1", "2", "3", "4", "5"}:
                raise UserError(self.env._("Score every criterion from 1 to 5 first."))
            line.score = score
        self.sudo().comment = (comment or "").strip()[:4000] or False
        return self.sudo().action_submit()

    @process_action
    def action_submit(self):
        """P2.3.1 / P3.1.2: submit; the evaluator's step is done."""
        step_types = {
            "supervisor": "supervisor_evaluation",
            "peer": "peer_evaluation",
            "self": "self_evaluation",
        }
        for response in self:
            if response.state != "todo":
                raise UserError(self.env._("This evaluation was already submitted."))
            if any(not line.score for line in response.line_ids):
                raise UserError(self.env._("Score every criterion from 1 to 5 first."))
        self.sudo().state = "submitted"
        for response in self:
            response.evaluation_id.followup_id._done_steps(
                step_types[response.role], record=response, user=response.user_id
            )
        return True
