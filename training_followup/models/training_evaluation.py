from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools.process_guard import process_action
from ..tools.reader_language import for_document

EVALUATOR_ROLES = [
    ("supervisor", "Supervisor"),
    ("peer", "Peer"),
    ("self", "Self"),
]


class TrainingEvaluation(models.Model):
    """Work-performance evaluation of one participant (工作表现评估, P3.1.2):
    supervisor, peer and self evaluations combined with the settings' weights,
    and the department's report (strengths, weaknesses, suggestions)."""

    _name = "training.evaluation"
    _description = "Work-performance Evaluation"
    # P4.6: archived with the yearly cycle (training.followup.archivable)
    _archive_sequence = 50
    _archive_date_field = "followup_id.date_end"
    _archive_report = "training_followup.action_report_evaluation"
    # its chatter is written in its employee's language (reader_language)
    _training_reader_employee = "employee_id"
    _inherit = [
        "training.company.link",
        "mail.thread",
        "mail.activity.mixin",
        "hr.mixin",
        "training.followup.archivable",
        "training.process.guard",
    ]
    # P3.1.2: an evaluation is opened and closed, and its result weighted,
    # by its buttons
    _process_fields = ("state", "result", "date_closed")
    _order = "id desc"
    _check_company_auto = True
    _company_parent_field = "followup_id"
    _rec_name = "followup_id"

    followup_id = fields.Many2one(
        "training.followup", required=True, ondelete="cascade", index=True
    )
    employee_id = fields.Many2one(related="followup_id.employee_id", store=True)
    employee_user_id = fields.Many2one(
        related="followup_id.employee_user_id", store=True, index=True
    )
    manager_user_id = fields.Many2one(
        related="followup_id.manager_user_id", store=True, index=True
    )
    company_id = fields.Many2one(related="followup_id.company_id", store=True)
    peer_employee_ids = fields.Many2many(
        "hr.employee",
        string="Peers",
        check_company=True,
        help="Colleagues chosen by the manager to evaluate the employee.",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("open", "In Progress"), ("closed", "Closed")],
        default="draft",
        tracking=True,
    )
    response_ids = fields.One2many(
        "training.evaluation.response", "evaluation_id", string="Responses"
    )
    result = fields.Float(
        readonly=True,
        aggregator="avg",
        help="Weighted result in percent, frozen when the evaluation is closed: "
        "supervisor, peer and self averages weighted by the settings, over the "
        "submitted responses only.",
    )
    date_closed = fields.Date(
        string="Closed On",
        readonly=True,
        copy=False,
        help="The day the evaluation was closed and its result frozen.",
    )
    strengths = fields.Text()
    weaknesses = fields.Text()
    suggestions = fields.Text(string="Targeted Suggestions")

    @api.constrains("peer_employee_ids", "followup_id")
    def _check_peers(self):
        """P3.1.2: supervisor, peers and the employee are different people:
        the employee is never their own peer, the manager evaluates as the
        supervisor and never as a peer, and nobody evaluates twice."""
        for evaluation in self.sudo():
            followup = evaluation.followup_id
            peers = evaluation.peer_employee_ids
            employee = followup.employee_id
            if employee in peers or (
                employee.user_id and employee.user_id in peers.user_id
            ):
                raise ValidationError(
                    self.env._(
                        "%(employee)s cannot be their own peer: the employee "
                        "evaluates themself in the self-evaluation.",
                        employee=employee.name,
                    )
                )
            managers = peers.filtered(
                lambda p, f=followup, e=employee: (
                    p == e.parent_id or (p.user_id and p.user_id == f.manager_user_id)
                )
            )
            if managers:
                raise ValidationError(
                    self.env._(
                        "%(manager)s is the employee's manager and evaluates as "
                        "the supervisor, never as a peer.",
                        manager=managers[0].name,
                    )
                )
            users = peers.user_id
            if len(users) < len(peers.filtered("user_id")):
                raise ValidationError(
                    self.env._(
                        "Each evaluator evaluates once: two chosen peers are the "
                        "same user."
                    )
                )

    @process_action
    def action_open(self):
        """Send the evaluation forms: one response for the supervisor, each peer
        and the employee; the peers get their own dated step."""
        for evaluation in self:
            if evaluation.state != "draft":
                raise UserError(self.env._("This evaluation is already open."))
            evaluation._create_responses()
        self.state = "open"
        return True

    def _create_responses(self):
        self.ensure_one()
        followup = self.followup_id
        criteria = self.env["training.evaluation.criterion"].search([])
        evaluators = [(followup.manager_user_id, "supervisor")]
        evaluators += [(peer.user_id, "peer") for peer in self.peer_employee_ids]
        vals_list = [
            self._prepare_response(user, role, criteria)
            for user, role in evaluators
            if user
        ]
        # the employee evaluates themselves with their login, or without one
        # through their personal link (P2.3.1)
        vals_list.append(
            self._prepare_response(followup.employee_user_id, "self", criteria)
        )
        responses = self.env["training.evaluation.response"].sudo().create(vals_list)
        responses.filtered(
            lambda r: r.role == "self" and not r.user_id and r._get_email_to()
        )._send_link()
        followup._assign_peer_steps(
            responses.filtered(lambda r: r.role == "peer").user_id
        )
        return responses

    def _prepare_response(self, user, role, criteria):
        return {
            "evaluation_id": self.id,
            "user_id": user.id,
            "role": role,
            "line_ids": [
                fields.Command.create({"criterion_id": c.id}) for c in criteria
            ],
        }

    def _get_weighted_result(self):
        """Weighted mean of the role averages over submitted responses; a role
        without any submitted response leaves the weights of the others."""
        self.ensure_one()
        company = self.company_id or self.env.company
        weights = {
            "supervisor": company.training_weight_supervisor,
            "peer": company.training_weight_peer,
            "self": company.training_weight_self,
        }
        submitted = self.sudo().response_ids.filtered(lambda r: r.state == "submitted")
        total = weight_sum = 0.0
        for role, weight in weights.items():
            responses = submitted.filtered(lambda r, role=role: r.role == role)
            if responses and weight:
                average = sum(responses.mapped("score")) / len(responses)
                total += weight * average
                weight_sum += weight
        return total / weight_sum if weight_sum else 0.0

    def _get_group_averages(self):
        """[(criterion group, average %)] over every submitted response, for
        the printed report: no single evaluator's scores, and nothing before
        the evaluation is closed (P3.1.2)."""
        self.ensure_one()
        if self.state != "closed":
            return []
        Line = self.env["training.evaluation.response.line"].sudo()
        groups = Line._read_group(
            [
                ("response_id.evaluation_id", "=", self.id),
                ("response_id.state", "=", "submitted"),
                ("score", "!=", False),
            ],
            ["criterion_group", "score"],
            ["__count"],
        )
        totals = {}
        for group, score, count in groups:
            points, lines = totals.get(group, (0, 0))
            totals[group] = (points + int(score) * count, lines + count)
        labels = dict(Line._fields["criterion_group"]._description_selection(self.env))
        return [
            (labels.get(group, group), 100.0 * points / (5 * lines))
            for group, (points, lines) in sorted(totals.items())
        ]

    @process_action
    def action_close(self):
        """The manager closes the evaluation with the department's report; the
        result is frozen and the evaluation report step is done."""
        for evaluation in self:
            if evaluation.state != "open":
                raise UserError(
                    self.env._("Only an evaluation in progress can be closed.")
                )
            # P3.1.2, P5.1: the evaluated employee never closes their own
            if evaluation.employee_user_id == self.env.user:
                raise UserError(
                    self.env._(
                        "You cannot close your own work-performance evaluation: "
                        "your manager or a training officer closes it."
                    )
                )
            # P3.1.2: text made of spaces only is no report
            if not all(
                (text or "").strip()
                for text in (
                    evaluation.strengths,
                    evaluation.weaknesses,
                    evaluation.suggestions,
                )
            ):
                raise UserError(
                    self.env._(
                        "Write the evaluation report first: strengths, weaknesses and "
                        "targeted suggestions."
                    )
                )
            if not evaluation.sudo().response_ids.filtered(
                lambda r: r.state == "submitted"
            ):
                raise UserError(
                    self.env._("No evaluator has submitted a response yet.")
                )
        for evaluation in self:
            evaluation.sudo().write(
                {
                    "result": evaluation._get_weighted_result(),
                    "state": "closed",
                    "date_closed": fields.Date.context_today(self),
                }
            )
            evaluation.followup_id._done_steps("evaluation_report", record=evaluation)
            if evaluation.employee_user_id:
                # P1.3: the employee's evaluation speaks the employee's language
                local = for_document(evaluation)
                local.message_post(
                    body=local.env._(
                        "Your work-performance evaluation is closed: %(result).1f %%.",
                        result=evaluation.result,
                    ),
                    partner_ids=evaluation.employee_user_id.partner_id.ids,
                )
        # P3.1.1: the result reaches the employee's resume and skills
        self.followup_id._results_changed()
        return True

    @api.ondelete(at_uninstall=False)
    def _unlink_except_closed(self):
        if any(evaluation.state == "closed" for evaluation in self):
            raise UserError(self.env._("A closed evaluation cannot be deleted."))
