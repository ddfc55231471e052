from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..tools.process_guard import process_action
from ..tools.reader_language import (
    in_every_language,
    post_by_language,
    stored_translations,
    write_translations,
)
from .training_followup_step import PLAN_STEP_TYPES

PLAN_STATES = [
    ("draft", "Draft"),
    ("running", "Running"),
    ("analysing", "Analysing"),
    ("reported", "Reported"),
    ("closed", "Closed"),
]


class TrainingFollowupPlan(models.Model):
    """The follow-up plan of one session (跟踪管理计划, P2.1.1): made and
    communicated within the kick-off deadline (P4.1), then run through dated
    steps for every participant."""

    _name = "training.followup.plan"
    _description = "Follow-up Plan"
    # P4.6: archived with the yearly cycle (training.followup.archivable)
    _archive_sequence = 10
    _archive_date_field = "date_end"
    _archive_report = "training_followup.action_report_followup_plan"
    _inherit = [
        "training.company.link",
        "mail.thread",
        "mail.activity.mixin",
        "training.followup.archivable",
        "training.effect.mixin",
        "training.team.scope",
        "training.process.guard",
    ]
    # P4.1-P4.3: a plan is communicated, analysed, reported and closed by its buttons
    _process_fields = ("state", "date_communicated", "date_closed")
    _mail_post_access = "read"
    _order = "kickoff_deadline desc, id desc"
    _check_company_auto = True
    _company_parent_field = "session_id"
    _effect_session_field = "session_id"

    # the session's name in every language (see _copy_session_name)
    name = fields.Char(
        compute="_compute_name", store=True, readonly=False, translate=True
    )
    session_id = fields.Many2one(
        "training.session",
        required=True,
        ondelete="restrict",
        index=True,
        tracking=True,
        domain="[('state', '!=', 'cancelled'), ('followup_plan_ids', '=', False)]",
    )
    course_id = fields.Many2one(related="session_id.course_id", store=True)
    company_id = fields.Many2one(related="session_id.company_id", store=True)
    template_id = fields.Many2one(
        "training.followup.template",
        required=True,
        tracking=True,
        check_company=True,
        domain="['|', ('company_id', '=', False), ('company_id', '=', company_id)]",
    )
    officer_id = fields.Many2one(
        "res.users",
        string="Training Officer",
        required=True,
        default=lambda self: self.env.user,
        tracking=True,
        check_company=True,
        domain=lambda self: [
            (
                "group_ids",
                "in",
                self.env.ref("training_followup.group_training_officer").id,
            )
        ],
    )
    date_end = fields.Date(
        related="session_id.date_end", string="Training End Date", store=True
    )
    kickoff_deadline = fields.Date(
        compute="_compute_kickoff_deadline",
        store=True,
        help="The plan must be communicated by this day: the training end "
        "date plus the kick-off working days of the company calendar.",
    )
    date_communicated = fields.Date(readonly=True, copy=False)
    date_closed = fields.Date(
        readonly=True,
        copy=False,
        help="Plan completion: the plan counts as completed on time when "
        "closed by the deadline of its last step.",
    )
    state = fields.Selection(
        PLAN_STATES, default="draft", required=True, tracking=True, copy=False
    )
    note = fields.Html(
        string="Purpose, Content and Methods",
        help="Sent to the employing departments and the participants.",
    )
    followup_ids = fields.One2many("training.followup", "plan_id", string="Follow-ups")
    step_ids = fields.One2many("training.followup.step", "plan_id", string="Steps")
    questionnaire_ids = fields.One2many(
        "training.satisfaction.questionnaire", "plan_id", string="Questionnaires"
    )
    questionnaire_response_rate = fields.Float(
        string="Response Rate", related="questionnaire_ids.response_rate"
    )
    # P4.3: the session's Kirkpatrick levels and return on investment
    # (training.effect.mixin, computed from the session) and what they show
    currency_id = fields.Many2one(related="session_id.currency_id")
    benefit_amount = fields.Monetary(related="session_id.benefit_amount")
    in_my_scope = fields.Boolean(
        help="I am followed up in it, or I manage a follow-up of it or the "
        "department of one of its participants.",
    )
    followup_count = fields.Integer(compute="_compute_counts")
    step_count = fields.Integer(compute="_compute_counts")
    step_late_count = fields.Integer(compute="_compute_counts")

    _session_unique = models.Constraint(
        "unique(session_id)", "A session has one follow-up plan only."
    )

    @api.depends("session_id.name")
    def _compute_name(self):
        for plan in self:
            plan.name = plan.session_id.name

    def _copy_session_name(self):
        """The plan is named after its session in every language."""
        names = stored_translations(self.session_id, "name")
        write_translations(
            self, "name", {plan.id: names.get(plan.session_id.id) for plan in self}
        )

    @api.depends("session_id.date_end", "company_id.training_kickoff_days")
    def _compute_kickoff_deadline(self):
        for plan in self:
            if not plan.session_id.date_end:
                plan.kickoff_deadline = False
                continue
            company = plan.company_id or self.env.company
            plan.kickoff_deadline = company._training_due_date(
                plan.session_id.date_end, company.training_kickoff_days, "working_days"
            )

    @api.model
    def _get_my_scope_domain(self):
        """The plans of one's own or one's team's follow-ups."""
        uid = self.env.uid
        _hierarchy, department = self.env["hr.employee"]._training_people_of_user()
        # sudo: the ids only feed the user's own record rule
        followups = (
            self.env["training.followup"]
            .sudo()
            .search(
                [
                    "|",
                    "|",
                    ("employee_user_id", "=", uid),
                    ("manager_user_id", "=", uid),
                    ("employee_id", "in", department),
                ]
            )
        )
        return [("id", "in", followups.plan_id.ids)]

    def _compute_counts(self):
        Step = self.env["training.followup.step"]
        steps = dict(
            Step._read_group([("plan_id", "in", self.ids)], ["plan_id"], ["__count"])
        )
        late = dict(
            Step._read_group(
                [("plan_id", "in", self.ids), ("is_late", "=", True)],
                ["plan_id"],
                ["__count"],
            )
        )
        followups = dict(
            self.env["training.followup"]._read_group(
                [("plan_id", "in", self.ids)], ["plan_id"], ["__count"]
            )
        )
        for plan in self:
            plan.step_count = steps.get(plan, 0)
            plan.step_late_count = late.get(plan, 0)
            plan.followup_count = followups.get(plan, 0)

    @api.constrains("session_id")
    def _check_session(self):
        for plan in self:
            if plan.session_id.state == "cancelled":
                raise ValidationError(
                    self.env._("A cancelled session has no follow-up plan.")
                )

    @api.onchange("session_id")
    def _onchange_session_id(self):
        if self.session_id and not self.template_id:
            self.template_id = self._default_template(self.session_id)

    @api.model
    def _default_template(self, session):
        Template = self.env["training.followup.template"]
        domain = [("company_id", "in", [False, session.company_id.id])]
        return Template.search(
            [*domain, ("course_type", "=", session.course_type)], limit=1
        ) or Template.search(domain, limit=1)

    @api.model_create_multi
    def create(self, vals_list):
        plans = super().create(vals_list)
        named = [bool(vals.get("name")) for vals in vals_list]
        plans.browse(
            [
                plan.id
                for plan, has_name in zip(plans, named, strict=True)
                if not has_name
            ]
        )._copy_session_name()
        return plans

    def _check_writable(self, vals):
        if any(plan.state == "closed" for plan in self) and set(vals) - {
            "message_main_attachment_id",
            "cycle_id",
        }:
            raise UserError(self.env._("A closed follow-up plan cannot be changed."))

    @api.ondelete(at_uninstall=False)
    def _unlink_except_not_draft(self):
        # after `_unlink_except_archived` (names' order): an archived plan
        # says so first
        if any(plan.state != "draft" for plan in self):
            raise UserError(self.env._("Only a draft follow-up plan can be deleted."))

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    @process_action
    def action_communicate(self):
        """P4.1: tell the employing departments' managers and every participant
        the purpose, content, methods and schedule, by mail and activity; then
        the plan runs (follow-ups and steps are created)."""
        for plan in self:
            if plan.state != "draft":
                raise UserError(
                    self.env._("Only a draft follow-up plan can be communicated.")
                )
            if plan.session_id.state != "done":
                raise UserError(
                    self.env._(
                        "The follow-up starts once the session %(session)s is done.",
                        session=plan.session_id.name,
                    )
                )
            if not plan.session_id.participant_ids:
                raise UserError(self.env._("The session has no participants."))
            if not plan.template_id.line_ids:
                raise UserError(
                    self.env._(
                        "The follow-up template %(template)s has no steps.",
                        template=plan.template_id.name,
                    )
                )
        for plan in self:
            plan._start_followups()
            plan._notify_kickoff()
        self.write(
            {"state": "running", "date_communicated": fields.Date.context_today(self)}
        )
        # the alarm of a plan past its kick-off deadline has been answered
        self.session_id.sudo().activity_unlink(
            ["training_followup.mail_activity_type_missing_plan"], only_automated=False
        )
        return True

    @process_action
    def action_analyse(self):
        """The officer starts analysing the results (P4.3); computing the
        follow-up report does it too."""
        self._check_state("running")
        self.state = "analysing"

    @process_action
    def action_report(self):
        """P4.3: the plan is reported once its follow-up report went to
        management; submitting the report does it, this button only checks."""
        self._check_state("analysing")
        reported = self.env["training.followup.report"].search_count(
            [
                ("plan_ids", "in", self.ids),
                ("state", "in", ("submitted", "acknowledged", "shared")),
            ]
        )
        if not reported:
            raise UserError(
                self.env._(
                    "Submit the follow-up report of this plan to management first."
                )
            )
        self.state = "reported"

    @process_action
    def _set_reported(self, report):
        """The follow-up report covering these plans was submitted: its step
        is done and the plans are reported (P4.3)."""
        plans = self.filtered(lambda p: p.state in ("running", "analysing"))
        plans.sudo().state = "reported"
        steps = self.sudo().step_ids.filtered(
            lambda s: s.step_type == "followup_report" and s.state == "todo"
        )
        first = self.env["training.followup.step"].sudo()
        for plan in self:
            first |= steps.filtered(lambda s, p=plan: s.plan_id == p).sorted(
                lambda s: (s.date_deadline, s.id)
            )[:1]
        return first._mark_done(report)

    @process_action
    def action_close(self):
        """The follow-up ends: every step still to do ends with it (cancelled,
        never reminded, late or counted again)."""
        self._check_state("reported")
        ending = self.followup_ids.filtered(lambda f: f.state == "running")
        ending.state = "done"
        # P3.1.1: the resume shows the follow-up done
        ending._sync_resume_lines()
        self.sudo().step_ids._cancel("plan_closed")
        self.write({"state": "closed", "date_closed": fields.Date.context_today(self)})
        # P3.1.4: a closed plan takes no more answers; what it has is released
        questionnaires = self.sudo().questionnaire_ids
        questionnaires.filtered(lambda q: q.collection_state == "collecting").write(
            {"collection_state": "closed"}
        )
        questionnaires._release_answers()

    @process_action
    def action_print_feedback_sheets(self):
        """P2.3.1, P3.1.4: the slips with the personal links of the
        participants who have not answered; those who had no way to answer
        now have the printed sheet."""
        self._check_feedback_sheet_printer()
        self.sudo().questionnaire_ids.completion_ids.filtered(
            lambda c: c.state == "pending" and c.reach == "none"
        ).write({"sheet_handed_out": True})
        return self.env.ref(
            "training_followup.action_report_feedback_sheet"
        ).report_action(self)

    def _check_feedback_sheet_printer(self):
        """The feedback sheets open other people's forms: training officers
        print them, nobody else."""
        if not self.env.user.has_group("training_followup.group_training_officer"):
            raise AccessError(
                self.env._("Only a training officer prints the feedback sheets.")
            )
        self.check_access("read")

    def _check_state(self, state):
        label = dict(self._fields["state"]._description_selection(self.env))[state]
        if any(plan.state != state for plan in self):
            raise UserError(
                self.env._(
                    "This action needs a plan in the state %(state)s.", state=label
                )
            )

    def action_view_steps(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "training_followup.training_followup_step_action"
        )
        action["domain"] = [("plan_id", "=", self.id)]
        action["context"] = {"search_default_group_followup": 1}
        return action

    def action_view_questionnaire(self):
        """P3.1.4: the response rate, who is missing and the results."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "training_followup.training_satisfaction_questionnaire_action"
        )
        action.update(
            {
                "res_id": self.questionnaire_ids[:1].id,
                "view_mode": "form",
                "views": [(False, "form")],
            }
        )
        return action

    def action_view_followups(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "training_followup.training_followup_action"
        )
        action["domain"] = [("plan_id", "=", self.id)]
        return action

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def _get_due_dates(self, day_zero=None):
        """{template line: [due dates]} counted from `day_zero` (the training
        end by default): one calendar computation per line and repetition,
        shared by every participant of the same day 0 (same calendar)."""
        self.ensure_one()
        company = self.company_id
        day_zero = day_zero or self.date_end
        dates = {}
        for line in self.template_id.line_ids:
            value, unit = line._get_offset(company)
            dates[line] = [
                company._training_due_date(day_zero, value * (n + 1), unit)
                for n in range(line._get_repeat_count(company))
            ]
        return dates

    @process_action
    def _start_followups(self, employees=None, not_before=None):
        """Create one follow-up per participant (or per joining `employees`),
        every dated step and the first to-do of each responsible user (P4.1,
        P4.2), in a fixed number of queries whatever the number of
        participants (docs/performance.md). At kick-off the plan's own steps are
        made too; a participant who joins later gets the steps of the
        participants, their passed deadlines moved to `not_before`."""
        self.ensure_one()
        joining = employees is not None
        employees = self.session_id.participant_ids if not joining else employees
        Followup = self.env["training.followup"].with_context(
            tracking_disable=True, mail_create_nolog=True, mail_create_nosubscribe=True
        )
        # a participant removed then added again takes up their follow-up
        back = self.followup_ids.filtered(lambda f: f.employee_id in employees)
        back.write({"state": "running"})
        back._sync_manager()
        followups = back | Followup.create(
            [
                self._prepare_followup_values(employee)
                for employee in employees - back.employee_id
            ]
        )
        vals_list = []
        # a step is named after its template line, in every language
        line_names = stored_translations(self.template_id.line_ids, "name")
        # P4.1: the plan's steps count from the training end, a participant's
        # from their own day 0 (one calendar computation per distinct day)
        by_day = followups.grouped("date_end")
        due_dates = {day: self._get_due_dates(day) for day in by_day}
        for line, dates in self._get_due_dates().items():
            is_plan_step = line.step_type in PLAN_STEP_TYPES
            if is_plan_step and joining:
                continue
            for index, date_deadline in enumerate(dates, start=1):
                suffix = "" if len(dates) == 1 else f" {index}"
                names = {
                    lang: f"{value}{suffix}"
                    for lang, value in line_names.get(line.id, {}).items()
                } or {"en_US": f"{line.name}{suffix}"}
                values = {
                    "plan_id": self.id,
                    "template_line_id": line.id,
                    "name": names,
                    "step_type": line.step_type,
                    "responsible": line.responsible,
                    "date_deadline": date_deadline,
                    "not_before": not_before,
                }
                if is_plan_step:
                    vals_list.append(values)
                    continue
                for day, day_followups in by_day.items():
                    deadline = due_dates[day][line][index - 1]
                    vals_list += [
                        dict(values, date_deadline=deadline, followup_id=followup.id)
                        for followup in day_followups
                    ]
        vals_list += self._prepare_record_update_steps(followups, not_before)
        Step = self.env["training.followup.step"]
        steps = Step._create_steps(vals_list, schedule=False)
        # the steps of each type, read from what was asked (no read back)
        by_type = {}
        for step_id, values in zip(steps.ids, vals_list, strict=True):
            by_type.setdefault(values["step_type"], []).append(step_id)
        questionnaire_steps = Step.browse(by_type.get("questionnaire", []))
        # P3.1.4: the anonymous questionnaire, its completions and blank sheets
        Questionnaire = self.env["training.satisfaction.questionnaire"]
        if joining:
            self.questionnaire_ids[:1]._add_participants(questionnaire_steps)
        else:
            Questionnaire._create_for_plan(self, questionnaire_steps)
        # P4.1: communicating the plan is its kick-off step
        Step.browse(by_type.get("kickoff", []))._mark_done(self)
        steps._schedule_activities()
        # P3.1.1: each participant's resume holds the training from kick-off
        followups._sync_resume_lines()
        if joining:
            self._notify_kickoff(followups)
        return followups

    def _prepare_record_update_steps(self, followups, not_before=None):
        """P3.2.1: every few months of the follow-up year (settings), each
        employee brings their training application record up to date."""
        company = self.company_id
        months = company.training_record_update_months
        if not months:
            return []
        names = in_every_language(
            self.env, lambda env: env._("Update the training application record")
        )
        # counted from each participant's own day 0 (P4.1)
        deadlines = {
            day: [
                company._training_due_date(day, months * n, "months")
                for n in range(1, max(1, 12 // months) + 1)
            ]
            for day in set(followups.mapped("date_end"))
        }
        return [
            {
                "plan_id": self.id,
                "followup_id": followup.id,
                "name": names,
                "step_type": "record_update",
                "responsible": "employee",
                "date_deadline": date_deadline,
                "not_before": not_before,
            }
            for followup in followups
            for date_deadline in deadlines[followup.date_end]
        ]

    def _prepare_followup_values(self, employee):
        return {
            "plan_id": self.id,
            "employee_id": employee.id,
            "manager_user_id": employee._training_manager_user().id,
        }

    def _get_step_escalation_users(self):
        """Who hears, with the responsible user's manager, that a step of this
        plan is late: the plan's training officer."""
        return self.officer_id

    def _notify_kickoff(self, followups=None):
        """One message to the managers and the participants (or those of the
        joining `followups`), in each reader's language (one message per
        language); their to-dos are the activities of their first steps."""
        self.ensure_one()
        followups = self.followup_ids if followups is None else followups
        partners = (
            followups.employee_user_id.partner_id | followups.manager_user_id.partner_id
        )

        def render(plan):
            return {
                "body": Markup("<p>%s</p>%s<p>%s</p>")
                % (
                    plan.env._(
                        "The follow-up of the training %(session)s starts. Please "
                        "cooperate with the training department.",
                        session=plan.session_id.name,
                    ),
                    plan.note or plan.template_id.note or "",
                    plan.env._(
                        "Your deadlines are listed in your follow-up and your "
                        "activities."
                    ),
                ),
                "subject": plan.env._("Follow-up plan: %(plan)s", plan=plan.name),
            }

        post_by_language(
            self,
            partners,
            render,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )

    @api.model
    def _cron_check_kickoff(self):
        """P4.1: flag every done session past its kick-off deadline whose plan
        was not communicated (no plan, or a plan still a draft) with one
        activity for the training officers (never twice)."""
        sessions = self.env["training.session"].search(
            [
                ("state", "=", "done"),
                "|",
                ("followup_plan_ids", "=", False),
                ("followup_plan_ids.state", "=", "draft"),
            ]
        )
        today = fields.Date.context_today(self)
        late = sessions.filtered(
            lambda s: (
                s.company_id._training_due_date(
                    s.date_end, s.company_id.training_kickoff_days, "working_days"
                )
                < today
            )
        )
        late._flag_missing_plan()
        return late
