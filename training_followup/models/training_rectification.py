from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..tools.process_guard import CHATTER_PREFIXES, process_action
from ..tools.reader_language import feedback_by_language, for_reader, post_by_language

RECTIFICATION_STATES = [
    ("draft", "Draft"),
    ("issued", "Issued"),
    ("answered", "Answered"),
    ("accepted", "Accepted"),
    ("rejected", "Rejected"),
]
# what the addressee of a rectification may write: the answer
ADDRESSEE_FIELDS = {"answer"}


class TrainingRectification(models.Model):
    """A rectification demand of the supervision group (P5.1 限期整改): what
    to rectify, by whom and by when. The addressee answers with what was done;
    the group accepts or rejects. Its deadline is a follow-up step, so it is
    reminded and escalated like every other deadline; a rectification that
    goes overdue or is rejected is escalated to the group's leader and
    flagged for the appraisal (P5.2)."""

    _name = "training.rectification"
    _description = "Rectification Demand"
    # P4.6: archived with the yearly cycle (training.followup.archivable)
    _archive_sequence = 90
    _archive_date_field = "date_deadline"
    _archive_report = "training_followup.action_report_rectification"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "training.followup.step.source",
        "training.followup.archivable",
        "training.process.guard",
    ]
    # P5.1: Issue, Answer, Accept and Reject (with its reason) move a demand
    _process_fields = (
        "state",
        "date_issued",
        "issued_by_id",
        "date_answered",
        "answered_by_id",
        "rejection_reason",
        "escalation_sent_date",
        "appraisal_flag",
    )
    _order = "date_deadline desc, id desc"
    _check_company_auto = True
    _step_field = "rectification_id"
    _step_type = "rectification"

    @api.model
    def _default_date_deadline(self, company=None):
        """The default rectification period on the working calendar of the
        demand's company (the inspection's), not of the current company."""
        company = (
            company
            or self.env["res.company"].browse(
                self.env.context.get("default_company_id")
            )
            or self.env.company
        )
        return company._training_due_date(
            fields.Date.context_today(self),
            company.training_rectification_days,
            "working_days",
        )

    name = fields.Char(string="Demand", required=True, tracking=True)
    description = fields.Html(string="Details")
    inspection_id = fields.Many2one(
        "training.supervision.inspection",
        ondelete="restrict",
        index=True,
        check_company=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    department_id = fields.Many2one(string="Addressed to Department")
    user_id = fields.Many2one(
        help="Who answers the demand, usually the department's manager."
    )
    date_deadline = fields.Date(
        default=lambda self: self._default_date_deadline(),
        help="The demand must be answered by this day.",
    )
    issued_by_id = fields.Many2one("res.users", default=lambda self: self.env.user)
    date_issued = fields.Date(readonly=True, copy=False)
    state = fields.Selection(
        RECTIFICATION_STATES, default="draft", required=True, tracking=True, copy=False
    )
    answer = fields.Text(
        string="What Was Done",
        copy=False,
        help="The addressee's answer: what was rectified and how.",
    )
    date_answered = fields.Date(readonly=True, copy=False)
    answered_by_id = fields.Many2one(
        "res.users",
        readonly=True,
        copy=False,
        help="Who sent the answer; they never accept or reject it.",
    )
    rejection_reason = fields.Text(readonly=True, copy=False)
    is_late = fields.Boolean(
        string="Late",
        related="step_id.is_late",
        store=True,
        help="Answered after its deadline, or still unanswered once it passed.",
    )
    escalation_sent_date = fields.Date(
        related="step_id.escalation_sent_date", string="Escalated On"
    )
    appraisal_flag = fields.Boolean(
        string="Flagged for Appraisal",
        compute="_compute_appraisal_flag",
        store=True,
        help="The demand went overdue or its answer was rejected; the "
        "department and the responsible person lose points in the appraisal.",
    )
    can_answer = fields.Boolean(compute="_compute_can_answer")
    can_manage = fields.Boolean(compute="_compute_can_manage")

    @api.depends_context("uid")
    def _compute_can_manage(self):
        is_supervisor = self._is_supervisor()
        for demand in self:
            demand.can_manage = is_supervisor

    @api.depends("state", "is_late")
    def _compute_appraisal_flag(self):
        for demand in self:
            demand.appraisal_flag = demand.state == "rejected" or demand.is_late

    @api.depends_context("uid")
    @api.depends("state", "user_id", "department_id")
    def _compute_can_answer(self):
        user = self.env.user
        for demand in self:
            demand.can_answer = demand.state == "issued" and (
                demand.user_id == user
                or demand.sudo().department_id.manager_id.user_id == user
            )

    @api.onchange("inspection_id")
    def _onchange_inspection_id(self):
        if self.inspection_id:
            if self.inspection_id.company_id != self.company_id:
                self.date_deadline = self._default_date_deadline(
                    self.inspection_id.company_id
                )
            self.company_id = self.inspection_id.company_id

    def _is_supervisor(self):
        return self.env.user.has_group("training_followup.group_training_supervisor")

    def write(self, vals):
        written = {f for f in vals if not f.startswith(CHATTER_PREFIXES)}
        # field-level access of the addressee (the process fields are the
        # process guard's): the actions write their state in sudo, which
        # passes here as it passes the record rules
        if written and not self.env.su and not self._is_supervisor():
            if written - ADDRESSEE_FIELDS:
                raise AccessError(
                    self.env._(
                        "Only the supervision group can change a rectification "
                        "demand; its addressee writes the answer."
                    )
                )
            if any(not demand.can_answer for demand in self):
                raise AccessError(
                    self.env._("Only the addressee answers an issued demand.")
                )
        if {"date_deadline", "user_id"} & set(vals) and any(
            demand.state not in ("draft", "issued") for demand in self
        ):
            raise UserError(
                self.env._(
                    "The deadline and the responsible person of an answered "
                    "demand cannot change."
                )
            )
        # P5.1: an issued demand's deadline moves, but never into the past
        # (as when it is issued)
        if vals.get("date_deadline") and any(
            demand.state == "issued" for demand in self
        ):
            if fields.Date.to_date(vals["date_deadline"]) < fields.Date.context_today(
                self
            ):
                raise UserError(self.env._("The deadline of a demand cannot be past."))
        result = super().write(vals)
        if {"date_deadline", "user_id"} & set(vals):
            self.filtered(lambda d: d.state == "issued")._sync_step()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_already_issued(self):
        if any(demand.state != "draft" for demand in self):
            raise UserError(self.env._("Only a draft demand can be deleted."))

    # ------------------------------------------------------------------
    # Life of a demand
    # ------------------------------------------------------------------
    @process_action
    def action_issue(self):
        """Send the demand: its deadline becomes a step of the responsible
        person, with the to-do, the reminder and the escalations."""
        if any(demand.state != "draft" for demand in self):
            raise UserError(self.env._("Only a draft demand can be issued."))
        today = fields.Date.context_today(self)
        if any(demand.date_deadline < today for demand in self):
            raise UserError(self.env._("The deadline of a demand cannot be past."))
        self.sudo().write({"state": "issued", "date_issued": today})
        self._open_deadline_steps()
        return True

    def _get_step_name(self):
        return self.env._("Rectification: %(demand)s", demand=self.name)

    @process_action
    def action_answer(self):
        """The addressee reports what was done (P5.1)."""
        for demand in self:
            if not demand.can_answer and not self._is_supervisor():
                raise AccessError(
                    self.env._("Only the addressee answers an issued demand.")
                )
            if demand.state != "issued":
                raise UserError(self.env._("Only an issued demand can be answered."))
            if not (demand.answer or "").strip():
                raise UserError(
                    self.env._("Write what was done before sending the answer.")
                )
        today = fields.Date.context_today(self)
        self.sudo().write(
            {
                "state": "answered",
                "date_answered": today,
                "answered_by_id": self.env.user.id,
            }
        )
        for demand in self:
            demand.step_id.sudo()._mark_done(demand)
            reviewer = demand.issued_by_id or self.env.user
            for_reader(demand, reviewer).sudo().activity_schedule(
                "mail.mail_activity_data_todo",
                summary=for_reader(self, reviewer).env._(
                    "Review the answer to: %(demand)s", demand=demand.name
                ),
                user_id=reviewer.id,
            )
        return True

    @process_action
    def action_accept(self):
        self._check_group_decision()
        self.write({"state": "accepted"})
        # P1.3: the "done" note in the language of the to-do's holder
        feedback_by_language(
            self.activity_search(["mail.mail_activity_data_todo"]), lambda _env: None
        )
        return True

    def action_open_reject(self):
        self._check_group_decision()
        return self.env["training.followup.reason"]._open_for(
            self, self.env._("Reject the Answer"), "rectification_reject"
        )

    @process_action
    def _reject(self, reason):
        """Reject the answer (P5.1), the decision `rectification_reject` of
        the reason dialog: flagged for the appraisal and escalated to the
        leader of the supervision group at once."""
        self._check_group_decision()
        self.write({"state": "rejected", "rejection_reason": reason})
        feedback_by_language(
            self.activity_search(["mail.mail_activity_data_todo"]), lambda _env: None
        )
        for demand in self:
            leaders = self.env["training.supervision.member"]._get_leader(
                demand.company_id
            )
            post_by_language(
                demand,
                (leaders | demand.user_id).partner_id,
                lambda local: {
                    "body": Markup("<p>%s</p><p>%s</p>")
                    % (
                        local.env._(
                            "The answer of %(department)s to the rectification "
                            "demand was rejected; it is flagged for the appraisal.",
                            department=local.department_id.display_name,
                        ),
                        reason,
                    )
                },
                subtype_xmlid="mail.mt_comment",
            )
            for leader in leaders:
                for_reader(demand, leader).activity_schedule(
                    "mail.mail_activity_data_todo",
                    summary=for_reader(self, leader).env._(
                        "Rejected rectification: %(demand)s", demand=demand.name
                    ),
                    user_id=leader.id,
                )
        return True

    def _check_group_decision(self):
        if not self._is_supervisor():
            raise AccessError(
                self.env._("Only the supervision group accepts or rejects an answer.")
            )
        if any(demand.state != "answered" for demand in self):
            raise UserError(
                self.env._("Only an answered demand can be accepted or rejected.")
            )
        # P5.1: nobody judges the rectification of their own department or
        # their own answer
        user = self.env.user
        for demand in self:
            if user in demand.answered_by_id | demand.user_id:
                raise UserError(
                    self.env._(
                        "The rectification demand %(demand)s was addressed to you "
                        "or answered by you: another member of the supervision "
                        "group accepts or rejects the answer.",
                        demand=demand.name,
                    )
                )
            if demand.department_id in demand._get_own_departments(user):
                raise UserError(
                    self.env._(
                        "The rectification demand %(demand)s is addressed to your "
                        "own department %(department)s: another member of the "
                        "supervision group accepts or rejects the answer.",
                        demand=demand.name,
                        department=demand.department_id.display_name,
                    )
                )

    def _get_own_departments(self, user):
        """The departments `user` belongs to in the demand's company: their
        employee's department and the department they represent in the
        supervision group (P5.1)."""
        self.ensure_one()
        employees = (
            user.sudo()
            .with_context(active_test=False)
            .employee_ids.filtered(lambda e: e.company_id == self.company_id)
        )
        members = (
            self.env["training.supervision.member"]
            .sudo()
            .search(
                [("user_id", "=", user.id), ("company_id", "=", self.company_id.id)]
            )
        )
        return employees.department_id | members.department_id

    def _get_step_escalation_users(self):
        """An overdue demand goes to the leader of the supervision group and
        to whoever issued it (P5.1)."""
        leaders = self.env["training.supervision.member"]._get_leader(self.company_id)
        return leaders | self.issued_by_id


class TrainingFollowupStep(models.Model):
    """P5.1: the deadline of a rectification demand is a follow-up step; the
    demand declares itself a source of steps here (docs/architecture.md)."""

    # a satellite extends the step from its own file (docs/architecture.md,
    # "The sources of a step, declared once"): kept apart on purpose
    _inherit = "training.followup.step"  # pylint: disable=consider-merging-classes-inherited

    rectification_id = fields.Many2one(
        "training.rectification",
        ondelete="cascade",
        index="btree_not_null",
        step_source=True,
        help="The deadline of this rectification demand.",
    )
