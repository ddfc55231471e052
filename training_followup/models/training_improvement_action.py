from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..tools.process_guard import CHATTER_PREFIXES, process_action
from ..tools.reader_language import feedback_by_language, for_reader

ACTION_STATES = [
    ("planned", "Planned"),
    ("in_progress", "In Progress"),
    ("done", "Done"),
    ("effective", "Verified Effective"),
    ("not_effective", "Verified Not Effective"),
    ("cancelled", "Cancelled"),
]
SOURCES = [
    ("report", "Follow-up Report"),
    ("meeting", "Meeting"),
    ("inspection", "Inspection"),
    ("other", "Other"),
]
OPEN_STATES = ("planned", "in_progress")
# what the responsible person may write besides the state buttons
RESPONSIBLE_FIELDS = {"actual_effect"}


class TrainingImprovementAction(models.Model):
    """An improvement measure (P4.5 改进措施): what is done about a problem
    found by a report, a meeting or an inspection, by which department and
    person, by when, with the expected effect. The training officer checks
    its progress and, once done, verifies whether it was effective. Its
    deadline is a follow-up step: reminded and escalated like the others."""

    _name = "training.improvement.action"
    _description = "Improvement Action"
    # P4.6: archived with the yearly cycle (training.followup.archivable)
    _archive_sequence = 30
    _archive_date_field = "date_deadline"
    _archive_report = "training_followup.action_report_improvement_action"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "training.followup.archivable",
        "training.followup.step.source",
        "training.process.guard",
    ]
    # P4.5: Start, Done and the verification move an improvement action
    _process_fields = ("state", "date_done", "date_verified", "verified_by_id")
    _order = "date_deadline, id"
    _check_company_auto = True
    _step_field = "action_id"
    _step_type = "improvement_action"

    name = fields.Char(string="Measure", required=True, tracking=True)
    description = fields.Html()
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    report_id = fields.Many2one(
        "training.followup.report",
        string="From Report",
        index="btree_not_null",
        check_company=True,
    )
    meeting_id = fields.Many2one(
        "training.meeting",
        string="From Meeting",
        index="btree_not_null",
        check_company=True,
    )
    inspection_id = fields.Many2one(
        "training.supervision.inspection",
        string="From Inspection",
        index="btree_not_null",
        check_company=True,
    )
    source = fields.Selection(SOURCES, compute="_compute_source", store=True)
    department_id = fields.Many2one(string="Responsible Department")
    officer_id = fields.Many2one(
        "res.users",
        string="Training Officer",
        default=lambda self: self.env.user,
        tracking=True,
        domain=lambda self: [
            (
                "group_ids",
                "in",
                self.env.ref("training_followup.group_training_officer").id,
            )
        ],
        help="Checks the progress and verifies the effect.",
    )
    expected_effect = fields.Text(required=True)
    actual_effect = fields.Text(tracking=True)
    verification = fields.Text(help="How the training officer checked the effect.")
    date_done = fields.Date(readonly=True, copy=False)
    date_verified = fields.Date(readonly=True, copy=False)
    verified_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    state = fields.Selection(
        ACTION_STATES, default="planned", required=True, tracking=True, copy=False
    )
    check_ids = fields.One2many(
        "training.improvement.check", "action_id", string="Progress Checks"
    )
    progress = fields.Integer(
        string="Progress (%)",
        compute="_compute_progress",
        store=True,
        help="The progress found by the latest check.",
    )
    is_late = fields.Boolean(
        related="step_id.is_late",
        string="Late",
        store=True,
        help="Done after its deadline, or still open once it passed.",
    )

    can_manage = fields.Boolean(compute="_compute_can_manage")

    @api.depends_context("uid")
    def _compute_can_manage(self):
        is_officer = self.env.user.has_group("training_followup.group_training_officer")
        for action in self:
            action.can_manage = is_officer

    @api.depends("report_id", "meeting_id", "inspection_id")
    def _compute_source(self):
        for action in self:
            if action.report_id:
                action.source = "report"
            elif action.meeting_id:
                action.source = "meeting"
            elif action.inspection_id:
                action.source = "inspection"
            else:
                action.source = "other"

    @api.depends("check_ids.progress", "check_ids.date")
    def _compute_progress(self):
        for action in self:
            latest = action.check_ids.sorted(lambda c: (c.date, c.id))[-1:]
            action.progress = latest.progress if latest else 0

    @api.onchange("report_id")
    def _onchange_report_id(self):
        if self.report_id and not self.description:
            self.description = self.report_id._get_improvement_description()

    @api.model_create_multi
    def create(self, vals_list):
        self._check_officer()
        actions = super().create(vals_list)
        today = fields.Date.context_today(self)
        if any(action.date_deadline < today for action in actions):
            raise UserError(self.env._("The deadline of a measure cannot be past."))
        actions._open_deadline_steps()
        return actions

    def _get_step_name(self):
        return self.env._("Improvement: %(action)s", action=self.name)

    def _check_officer(self):
        # who plans a measure: an access right, which superuser mode passes
        if not self.env.su and not self.env.user.has_group(
            "training_followup.group_training_officer"
        ):
            raise AccessError(
                self.env._("Only a training officer plans an improvement action.")
            )

    def _is_responsible(self):
        user = self.env.user
        return self.user_id == user or (
            self.sudo().department_id.manager_id.user_id == user
        )

    def write(self, vals):
        # field-level access of the responsible person (the process fields
        # are the process guard's): the actions write in sudo, which passes
        # here as it passes the record rules
        if not self.env.su and not self.env.user.has_group(
            "training_followup.group_training_officer"
        ):
            written = {f for f in vals if not f.startswith(CHATTER_PREFIXES)}
            if written - RESPONSIBLE_FIELDS or not all(
                action._is_responsible() for action in self
            ):
                raise AccessError(
                    self.env._(
                        "Only the training officer changes an improvement action; "
                        "its responsible person records the actual effect."
                    )
                )
        if {"date_deadline", "user_id"} & set(vals) and any(
            action.state not in OPEN_STATES for action in self
        ):
            raise UserError(
                self.env._(
                    "The deadline and the responsible person of a finished "
                    "measure cannot change."
                )
            )
        # P4.5: a measure's deadline moves, but never into the past (as when
        # it is planned)
        if vals.get("date_deadline") and fields.Date.to_date(
            vals["date_deadline"]
        ) < fields.Date.context_today(self):
            raise UserError(self.env._("The deadline of a measure cannot be past."))
        result = super().write(vals)
        if {"date_deadline", "user_id"} & set(vals):
            self._sync_step()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_already_started(self):
        if any(action.state != "planned" for action in self):
            raise UserError(
                self.env._("Only a planned measure can be deleted; cancel it instead.")
            )

    def unlink(self):
        # work, not a check: the to-dos of the measure's step go with it (an
        # activity shared with another open step stays); a refusal of the
        # ondelete checks rolls this back with the deletion
        self.step_id.sudo()._release_activities()
        return super().unlink()

    # ------------------------------------------------------------------
    # Life of a measure: planned -> in progress -> done -> verified
    # ------------------------------------------------------------------
    def _check_states(self, states, message):
        if any(action.state not in states for action in self):
            raise UserError(message)

    def _check_can_report(self):
        if self.env.user.has_group("training_followup.group_training_officer"):
            return
        if not all(action._is_responsible() for action in self):
            raise AccessError(
                self.env._("Only the responsible person reports on this measure.")
            )

    @process_action
    def action_start(self):
        self._check_can_report()
        self._check_states(
            ("planned",), self.env._("Only a planned measure can be started.")
        )
        self.sudo().write({"state": "in_progress"})
        return True

    @process_action
    def action_done(self):
        """The responsible person reports the measure carried out, with its
        actual effect; the step is done (on time or late)."""
        self._check_can_report()
        self._check_states(
            OPEN_STATES, self.env._("Only a planned or running measure can be done.")
        )
        if any(not (action.actual_effect or "").strip() for action in self):
            raise UserError(
                self.env._("Describe the actual effect before marking it done.")
            )
        self.sudo().write(
            {"state": "done", "date_done": fields.Date.context_today(self)}
        )
        for action in self:
            action.step_id.sudo()._mark_done(action)
            if action.officer_id:
                for_reader(action, action.officer_id).sudo().activity_schedule(
                    "mail.mail_activity_data_todo",
                    summary=for_reader(self, action.officer_id).env._(
                        "Verify the effect of: %(action)s", action=action.name
                    ),
                    user_id=action.officer_id.id,
                )
        return True

    def action_verify_effective(self):
        return self._verify("effective")

    def action_verify_not_effective(self):
        return self._verify("not_effective")

    @process_action
    def _verify(self, state):
        """P4.5: the training officer checks whether the measure worked."""
        self._check_officer()
        self._check_states(
            ("done",), self.env._("Only a done measure can be verified.")
        )
        # P4.5, P5.1: whoever carried the measure out never judges its effect
        for action in self:
            if action._is_responsible():
                raise UserError(
                    self.env._(
                        "You are responsible for the measure %(action)s: another "
                        "training officer verifies its effect.",
                        action=action.name,
                    )
                )
        if any(not (action.verification or "").strip() for action in self):
            raise UserError(self.env._("Describe how the effect was verified."))
        self.write(
            {
                "state": state,
                "date_verified": fields.Date.context_today(self),
                "verified_by_id": self.env.user.id,
            }
        )
        # P1.3: the "done" note in the language of the to-do's holder
        feedback_by_language(
            self.activity_search(["mail.mail_activity_data_todo"]), lambda _env: None
        )
        return True

    @process_action
    def action_cancel(self):
        self._check_officer()
        self._check_states(
            OPEN_STATES,
            self.env._("Only a planned or running measure can be cancelled."),
        )
        self.write({"state": "cancelled"})
        self.step_id.sudo()._cancel("source_cancelled")
        return True

    def _get_step_escalation_users(self):
        """A late measure goes to the training officer who follows it."""
        return self.officer_id


class TrainingFollowupStep(models.Model):
    """P4.5: the deadline of an improvement action is a follow-up step; the
    action declares itself a source of steps here (docs/architecture.md)."""

    # a satellite extends the step from its own file (docs/architecture.md,
    # "The sources of a step, declared once"): kept apart on purpose
    _inherit = "training.followup.step"  # pylint: disable=consider-merging-classes-inherited

    action_id = fields.Many2one(
        "training.improvement.action",
        string="Improvement Action",
        ondelete="cascade",
        index="btree_not_null",
        step_source=True,
        help="The deadline of this improvement action.",
    )
