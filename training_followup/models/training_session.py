from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools.process_guard import process_action
from ..tools.reader_language import for_reader, stored_translations, write_translations

SESSION_STATES = [
    ("draft", "Draft"),
    ("scheduled", "Scheduled"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
]


class TrainingSession(models.Model):
    """One delivery of a course to a group of employees (P1.2). Its end date
    starts every follow-up deadline (P4.1)."""

    _name = "training.session"
    _description = "Training Session"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "hr.mixin",
        "training.effect.mixin",
        "training.team.scope",
        "training.process.guard",
    ]
    # P4.1: a session moves with its buttons
    _process_fields = ("state",)
    _order = "date_start desc, id desc"
    _check_company_auto = True

    # the course's name and the start day, in every language of the course's
    # name (see _name_after_course)
    name = fields.Char(
        compute="_compute_name",
        store=True,
        readonly=False,
        required=True,
        precompute=True,
        translate=True,
    )
    course_id = fields.Many2one(
        "training.course",
        required=True,
        tracking=True,
        check_company=True,
        index=True,
    )
    course_type = fields.Selection(related="course_id.course_type", store=True)
    date_start = fields.Date(
        string="Start Date", required=True, tracking=True, default=fields.Date.today
    )
    date_end = fields.Date(
        string="End Date",
        required=True,
        tracking=True,
        default=fields.Date.today,
        help="Follow-up deadlines are counted from this day.",
    )
    trainer_type = fields.Selection(
        [("employee", "Internal (employee)"), ("partner", "External")],
        default="employee",
        required=True,
    )
    trainer_employee_id = fields.Many2one(
        "hr.employee", string="Internal Trainer", check_company=True
    )
    trainer_partner_id = fields.Many2one("res.partner", string="External Trainer")
    department_id = fields.Many2one(
        "hr.department",
        string="Organising Department",
        check_company=True,
        help="The training department that organises the training and its follow-up.",
    )
    participant_ids = fields.Many2many(
        "hr.employee",
        "training_session_participant_rel",
        "session_id",
        "employee_id",
        string="Participants",
        check_company=True,
    )
    participant_count = fields.Integer(compute="_compute_participant_count")
    in_my_scope = fields.Boolean(
        help="I take part in it or give it, or an employee under me or in a "
        "department I manage takes part in it.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    state = fields.Selection(
        SESSION_STATES, default="draft", required=True, tracking=True, copy=False
    )
    notes = fields.Html()
    followup_plan_ids = fields.One2many(
        "training.followup.plan", "session_id", string="Follow-up Plans"
    )
    followup_plan_id = fields.Many2one(
        "training.followup.plan",
        string="Follow-up Plan",
        compute="_compute_followup_plan_id",
    )

    # what the return on investment is computed from; the four Kirkpatrick
    # levels (P4.3) and the return on investment: training.effect.mixin
    currency_id = fields.Many2one(related="company_id.currency_id")
    other_cost = fields.Monetary(
        string="Other Costs",
        help="Costs of the session beyond the course cost per participant "
        "(venue, travel, external trainer...).",
    )
    benefit_amount = fields.Monetary(
        string="Recorded Benefit",
        help="The benefit the company attributes to this training (savings, extra "
        "revenue...). The return on investment is shown once it is recorded.",
    )

    @api.depends("followup_plan_ids")
    def _compute_followup_plan_id(self):
        for session in self:
            session.followup_plan_id = session.followup_plan_ids[:1]

    @api.depends("course_id.name", "date_start")
    def _compute_name(self):
        for session in self:
            if session.course_id and session.date_start:
                start = fields.Date.to_string(session.date_start)
                session.name = f"{session.course_id.name} ({start})"
            elif not session.name:
                session.name = session.course_id.name or False

    @api.model_create_multi
    def create(self, vals_list):
        sessions = super().create(vals_list)
        named = [bool(vals.get("name")) for vals in vals_list]
        sessions.browse(
            [s.id for s, has_name in zip(sessions, named, strict=True) if not has_name]
        )._name_after_course()
        return sessions

    def write(self, vals):
        before = (
            {session: session.participant_ids for session in self}
            if "participant_ids" in vals
            else {}
        )
        result = super().write(vals)
        if {"course_id", "date_start"} & set(vals) and not vals.get("name"):
            self._name_after_course()
        for session, participants in before.items():
            session._followup_participants_changed(participants)
        return result

    @process_action
    def _followup_participants_changed(self, before):
        """P4.2: the follow-up follows the list of participants of a running
        plan. A participant added gets a follow-up with the participants'
        steps, dated from the training end but never due before the next
        working day; a participant removed has their follow-up cancelled."""
        self.ensure_one()
        plan = self.followup_plan_id.sudo()
        if plan.state not in ("running", "analysing"):
            return
        added = self.participant_ids - before
        removed = before - self.participant_ids
        followups = plan.followup_ids
        if removed:
            followups.filtered(lambda f: f.employee_id in removed)._end(
                "participant_removed"
            )
        if added:
            plan._start_followups(
                employees=added,
                not_before=plan.company_id._training_next_working_day(),
            )

    def _name_after_course(self):
        """The computed name in every language of the course's name (a
        Chinese reader sees the course's Chinese name), and the plans'."""
        sessions = self.filtered(lambda s: s.course_id and s.date_start)
        courses = stored_translations(sessions.course_id, "name")
        write_translations(
            self,
            "name",
            {
                session.id: {
                    lang: f"{value} ({fields.Date.to_string(session.date_start)})"
                    for lang, value in courses.get(session.course_id.id, {}).items()
                }
                for session in sessions
            },
        )
        sessions.followup_plan_ids._copy_session_name()

    def _get_day_zero(self, employees):
        """P4.1: {employee id: day 0 of their follow-up}. Every deadline of a
        participant's steps counts from it; by default the session's end for
        everyone. A bridge gives a participant their own end (the end of their
        time slot of a multi-slot event, their completion of an online course)
        by extending this method; an employee it does not name keeps the
        session's end."""
        self.ensure_one()
        return dict.fromkeys(employees.ids, self.date_end)

    @api.depends("participant_ids")
    def _compute_participant_count(self):
        for session in self:
            session.participant_count = len(session.participant_ids)

    @api.model
    def _get_my_scope_domain(self):
        """Own, given, team and department sessions: the user gives it, or
        they or their people take part."""
        uid = self.env.uid
        hierarchy, department = self.env["hr.employee"]._training_people_of_user()
        # sudo: the ids only feed the user's own record rule
        own = (
            self.env["hr.employee"]
            .sudo()
            .with_context(active_test=False)
            .search([("user_id", "=", uid)])
        )
        return [
            "|",
            ("trainer_employee_id.user_id", "=", uid),
            ("participant_ids", "in", own.ids + hierarchy + department),
        ]

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for session in self:
            if session.date_end < session.date_start:
                raise ValidationError(
                    self.env._(
                        "The session %(session)s ends before it starts.",
                        session=session.name,
                    )
                )

    @api.constrains("other_cost", "benefit_amount")
    def _check_costs(self):
        if any(session.other_cost < 0 for session in self):
            raise ValidationError(self.env._("The other costs cannot be negative."))

    @api.constrains("trainer_type", "trainer_employee_id", "trainer_partner_id")
    def _check_trainer(self):
        for session in self:
            if session.trainer_type == "employee" and session.trainer_partner_id:
                raise ValidationError(
                    self.env._("An internal trainer must be an employee.")
                )
            if session.trainer_type == "partner" and session.trainer_employee_id:
                raise ValidationError(
                    self.env._(
                        "An external trainer must be a contact, not an employee."
                    )
                )

    @api.constrains("state", "participant_ids")
    def _check_done_has_participants(self):
        for session in self:
            if session.state == "done" and not session.participant_ids:
                raise ValidationError(
                    self.env._(
                        "The session %(session)s cannot be done without participants.",
                        session=session.name,
                    )
                )

    @api.constrains("participant_ids", "course_id", "date_start", "date_end", "state")
    def _check_participant_twice(self):
        """An employee cannot attend two overlapping sessions of one course."""
        sessions = self.filtered(lambda s: s.state != "cancelled" and s.participant_ids)
        if not sessions:
            return
        overlapping = self.search(self._get_overlap_domain(sessions))
        for session in sessions:
            for other in overlapping:
                if (
                    other == session
                    or other.course_id != session.course_id
                    or other.date_start > session.date_end
                    or other.date_end < session.date_start
                ):
                    continue
                twice = session.participant_ids & other.participant_ids
                if twice:
                    raise ValidationError(
                        self.env._(
                            "%(employees)s already take part in the session "
                            "%(other)s of this course over the same dates.",
                            employees=", ".join(twice.mapped("name")),
                            other=other.name,
                        )
                    )

    def _get_overlap_domain(self, sessions):
        return [
            ("course_id", "in", sessions.course_id.ids),
            ("state", "!=", "cancelled"),
            ("participant_ids", "in", sessions.participant_ids.ids),
            ("date_start", "<=", max(sessions.mapped("date_end"))),
            ("date_end", ">=", min(sessions.mapped("date_start"))),
        ]

    @process_action
    def action_schedule(self):
        for session in self:
            if session.state != "draft":
                raise UserError(self.env._("Only a draft session can be scheduled."))
        self.state = "scheduled"

    @process_action
    def action_done(self):
        for session in self:
            if session.state not in ("draft", "scheduled"):
                raise UserError(
                    self.env._("Only a planned session can be marked as done.")
                )
        self.state = "done"

    @process_action
    def action_cancel(self):
        if any(session.state == "done" for session in self):
            raise UserError(
                self.env._("A session that took place cannot be cancelled.")
            )
        self.state = "cancelled"

    @process_action
    def action_reset_draft(self):
        if any(session.state != "cancelled" for session in self):
            raise UserError(
                self.env._("Only a cancelled session can be reset to draft.")
            )
        self.state = "draft"

    def action_create_followup_plan(self):
        """P4.1: make the follow-up plan of the session (or open the one made)."""
        self.ensure_one()
        if self.state == "cancelled":
            raise UserError(self.env._("A cancelled session has no follow-up plan."))
        plan = self.followup_plan_id
        if not plan:
            Plan = self.env["training.followup.plan"]
            plan = Plan.create(
                {
                    "session_id": self.id,
                    "template_id": Plan._default_template(self).id,
                }
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": "training.followup.plan",
            "res_id": plan.id,
            "view_mode": "form",
        }

    def _flag_missing_plan(self):
        """One activity per session for the training officers: its follow-up plan
        is past the kick-off deadline (P4.1). Never scheduled twice."""
        activity_type = self.env.ref(
            "training_followup.mail_activity_type_missing_plan"
        )
        flagged = self.env["mail.activity"].search(
            [
                ("res_model", "=", self._name),
                ("res_id", "in", self.ids),
                ("activity_type_id", "=", activity_type.id),
            ]
        )
        officers = self.env.ref("training_followup.group_training_officer").all_user_ids
        vals_list = []
        for session in self - self.browse(flagged.mapped("res_id")):
            user = (session.create_uid & officers) or officers[:1]
            vals_list.append(
                {
                    "res_model_id": self.env["ir.model"]._get_id(self._name),
                    "res_id": session.id,
                    "activity_type_id": activity_type.id,
                    "summary": for_reader(self, user).env._(
                        "Follow-up plan past its kick-off deadline"
                    ),
                    "user_id": user.id or self.env.uid,
                    "date_deadline": fields.Date.context_today(self),
                }
            )
        return self.env["mail.activity"].sudo().create(vals_list)

    def action_view_participants(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Participants"),
            "res_model": "hr.employee",
            "view_mode": "list,form",
            "domain": [("id", "in", self.participant_ids.ids)],
        }
