from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools.process_guard import is_in_process, process_action
from ..tools.reader_language import in_every_language

PLAN_STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
    ("agreed", "Agreed"),
    ("active", "Active"),
    ("closed", "Closed"),
    ("replaced", "Replaced by a New Version"),
]


class TrainingDevelopmentPlan(models.Model):
    """Personal development plan (个人发展计划, P3.3.1, P2.3.3): short- and
    long-term goals, the career path and concrete actions, drafted by the
    employee from the follow-up's feedback, agreed by the manager, reviewed
    every year (P3.3.3)."""

    _name = "training.development.plan"
    _description = "Personal Development Plan"
    # its chatter is written in its employee's language (reader_language)
    _training_reader_employee = "employee_id"
    _inherit = ["mail.thread", "mail.activity.mixin", "training.process.guard"]
    # P3.3: a development plan is submitted, agreed, activated, versioned
    # and closed by its buttons
    _process_fields = ("state", "version", "previous_version_id", "date_active")
    _order = "employee_id, version desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    employee_id = fields.Many2one(
        "hr.employee",
        required=True,
        index=True,
        check_company=True,
        default=lambda self: self.env.user.employee_id,
    )
    employee_user_id = fields.Many2one(
        related="employee_id.user_id", store=True, index=True, string="Employee User"
    )
    manager_user_id = fields.Many2one(
        "res.users",
        string="Manager",
        compute="_compute_manager_user_id",
        store=True,
        index=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    followup_id = fields.Many2one(
        "training.followup",
        string="From Follow-up",
        index=True,
        check_company=True,
        help="The follow-up whose results the plan answers.",
    )
    evaluation_weaknesses = fields.Text(
        compute="_compute_feedback", string="Weaknesses Found"
    )
    evaluation_suggestions = fields.Text(
        compute="_compute_feedback", string="Suggestions Received"
    )
    knowledge_grade = fields.Selection(related="followup_id.knowledge_grade")
    state = fields.Selection(PLAN_STATES, default="draft", required=True, tracking=True)
    version = fields.Integer(default=1, readonly=True)
    previous_version_id = fields.Many2one(
        "training.development.plan", readonly=True, copy=False, check_company=True
    )
    target_job_id = fields.Many2one("hr.job", tracking=True, check_company=True)
    alignment = fields.Text(
        string="Alignment with Company Strategy",
        help="How the plan serves the company's strategy and business needs.",
    )
    goal_ids = fields.One2many(
        "training.development.goal", "plan_id", string="Goals", copy=True
    )
    action_ids = fields.One2many(
        "training.development.action", "plan_id", string="Actions", copy=True
    )
    review_ids = fields.One2many("training.career.review", "plan_id", string="Reviews")
    date_active = fields.Date(string="Active Since", readonly=True, copy=False)
    completion = fields.Float(
        compute="_compute_completion",
        store=True,
        aggregator="avg",
        help="Average progress of the goals and actions still counted (see "
        "docs/development_plans.md): an achieved goal or a done action counts "
        "100 %, a dropped goal or cancelled action is left out.",
    )
    support_note = fields.Text(
        string="Support Offered",
        help="Resources, learning opportunities and promotion channels "
        "offered by the manager and the training department.",
    )

    @api.depends("employee_id.name", "version")
    def _compute_name(self):
        for plan in self:
            plan.name = self.env._(
                "Development plan of %(employee)s (v%(version)s)",
                employee=plan.employee_id.name or "",
                version=plan.version,
            )

    @api.depends("employee_id")
    def _compute_manager_user_id(self):
        for plan in self:
            plan.manager_user_id = plan.employee_id._training_manager_user()

    @api.depends("followup_id")
    def _compute_feedback(self):
        for plan in self:
            evaluation = plan.followup_id.evaluation_ids.filtered(
                lambda e: e.state == "closed"
            )[-1:]
            plan.evaluation_weaknesses = evaluation.weaknesses
            plan.evaluation_suggestions = evaluation.suggestions

    @api.depends(
        "goal_ids.state",
        "goal_ids.progress",
        "action_ids.state",
        "action_ids.progress",
    )
    def _compute_completion(self):
        for plan in self:
            values = [
                goal._get_progress()
                for goal in plan.goal_ids
                if goal.state != "dropped"
            ]
            values += [
                action._get_progress()
                for action in plan.action_ids
                if action.state != "cancelled"
            ]
            plan.completion = sum(values) / len(values) if values else 0.0

    @api.constrains("state", "employee_id")
    def _check_one_active(self):
        for plan in self.filtered(lambda p: p.state == "active"):
            others = self.search_count(
                [
                    ("employee_id", "=", plan.employee_id.id),
                    ("state", "=", "active"),
                    ("id", "!=", plan.id),
                ]
            )
            if others:
                raise ValidationError(
                    self.env._(
                        "%(employee)s already has an active development plan.",
                        employee=plan.employee_id.name,
                    )
                )

    def _is_manager(self):
        """The manager of the employee, or a training officer."""
        self.ensure_one()
        return self.manager_user_id == self.env.user or self.env.user.has_group(
            "training_followup.group_training_officer"
        )

    @process_action
    def action_submit(self):
        for plan in self:
            if plan.state != "draft":
                raise UserError(self.env._("Only a draft plan can be submitted."))
            if not plan.goal_ids.filtered(lambda g: g.horizon == "short") or not (
                plan.goal_ids.filtered(lambda g: g.horizon == "long")
            ):
                raise UserError(
                    self.env._(
                        "A development plan needs short-term (1-2 years) and "
                        "long-term (3-5 years) goals."
                    )
                )
        self.state = "submitted"
        for plan in self:
            plan.followup_id._done_steps("development_plan", record=plan)
        return True

    @process_action
    def action_agree(self):
        """P3.3.2: the manager agrees the plan; its goals are locked."""
        for plan in self:
            if plan.state != "submitted":
                raise UserError(self.env._("Only a submitted plan can be agreed."))
            if not plan._is_manager() or plan.employee_user_id == self.env.user:
                raise UserError(
                    self.env._(
                        "Only the employee's manager or a training officer can "
                        "agree the plan."
                    )
                )
        self.sudo().state = "agreed"
        return True

    def action_new_review(self):
        """P3.3.3: open the career review of the active plan."""
        self.ensure_one()
        review = self.review_ids.filtered(lambda r: r.state == "draft")[:1]
        if not review:
            review = self.env["training.career.review"].create({"plan_id": self.id})
        return {
            "type": "ir.actions.act_window",
            "res_model": "training.career.review",
            "res_id": review.id,
            "view_mode": "form",
        }

    @process_action
    def action_back_to_draft(self):
        for plan in self:
            if plan.state not in ("submitted", "agreed"):
                raise UserError(
                    self.env._("Only a submitted or agreed plan goes back to draft.")
                )
        self.state = "draft"
        return True

    @process_action
    def action_activate(self):
        """The agreed plan starts; its yearly career review becomes a dated step."""
        for plan in self:
            if plan.state != "agreed":
                raise UserError(self.env._("Only an agreed plan can start."))
        self.sudo().write(
            {"state": "active", "date_active": fields.Date.context_today(self)}
        )
        self._create_review_steps()
        self.action_ids._open_deadline_steps()
        return True

    @process_action
    def action_close(self):
        for plan in self:
            if plan.state != "active" or not plan._is_manager():
                raise UserError(
                    self.env._(
                        "The manager or a training officer closes an active plan."
                    )
                )
            # P3.3.3, P5.2: the employee never closes their own plan
            if plan.employee_user_id == self.env.user:
                raise UserError(
                    self.env._(
                        "You cannot close your own development plan: your manager "
                        "or a training officer closes it."
                    )
                )
        self.sudo().state = "closed"
        # the plan's reviews and actions end with it
        self._get_open_steps()._cancel("source_cancelled")
        return True

    def _get_open_steps(self):
        """The open steps of the plans: their actions' and their reviews'."""
        review_steps = self.followup_id.sudo().step_ids.filtered(
            lambda s: s.step_type == "career_review" and s.state == "todo"
        )
        return (self.action_ids.step_id.sudo() | review_steps).filtered(
            lambda s: s.state == "todo"
        )

    def _get_review_date(self, start=None):
        """P3.3.3: the review is due the configured number of months after the
        plan became active (or after the last review), moved to the next
        working day of the calendar."""
        self.ensure_one()
        company = self.company_id
        return company._training_due_date(
            start or self.date_active, company.training_career_review_months, "months"
        )

    def _create_review_steps(self, start=None):
        """The next career review of each plan, a dated step of its follow-up
        (the one deadline mechanism); made again after every review while the
        plan is active (P3.3.3)."""
        names = in_every_language(self.env, lambda env: env._("Career review"))
        return self.env["training.followup.step"]._create_steps(
            [
                {
                    "plan_id": plan.followup_id.plan_id.id,
                    "followup_id": plan.followup_id.id,
                    "name": names,
                    "step_type": "career_review",
                    "responsible": "manager",
                    "user_id": plan.manager_user_id.id,
                    "date_deadline": plan._get_review_date(start),
                }
                for plan in self.filtered("followup_id")
            ]
        )

    @process_action
    def _new_version(self, values):
        """P3.3.3: a review adjusts the plan in a new version; the old one is
        replaced and stays readable. The actions are copied and carry their
        open steps, so the deadlines go on without a duplicate; the replaced
        version no longer counts in the appraisal (P5.2)."""
        self.ensure_one()
        self.sudo().state = "replaced"
        new_plan = self.sudo().copy(
            {
                "version": self.version + 1,
                "previous_version_id": self.id,
                "state": "active",
                "date_active": fields.Date.context_today(self),
                **values,
            }
        )
        for old, new in zip(self.action_ids, new_plan.action_ids, strict=True):
            if old.step_id:
                new.sudo().step_id, old.sudo().step_id = old.step_id, False
        return new_plan

    def write(self, vals):
        locked = {"goal_ids", "target_job_id", "employee_id", "followup_id"}
        # P3.3.3: once agreed, the goals change through a career review (its
        # new version, in process) or by the manager; sudo is no way round
        if not is_in_process(self.env) and locked & set(vals):
            for plan in self:
                if plan.state not in ("draft",) and not plan._is_manager():
                    raise UserError(
                        self.env._(
                            "The goals of an agreed plan are changed by a career "
                            "review, not directly."
                        )
                    )
        return super().write(vals)
