import csv
import io
import json
import logging

import psycopg2
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from ..tools.process_guard import process_action
from ..tools.reader_language import feedback_by_language, for_document, for_reader

# P1.3, P4.1: what a step is for; a follow-up template line picks one of these
STEP_TYPES = [
    ("kickoff", "Follow-up Kick-off"),
    ("questionnaire", "Training-effect Questionnaire"),
    ("knowledge_test", "Knowledge/Skill Test"),
    ("self_evaluation", "Self-evaluation"),
    ("supervisor_evaluation", "Supervisor Evaluation"),
    ("peer_evaluation", "Peer Evaluation"),
    ("evaluation_report", "Evaluation Report"),
    ("observation", "Behaviour Observation"),
    ("progress_report", "Progress Report"),
    ("application_case", "Application Case"),
    ("development_plan", "Personal Development Plan"),
    ("development_action", "Development Action"),
    ("career_review", "Career Review"),
    ("meeting", "Coordination Meeting"),
    ("followup_report", "Follow-up Report"),
    # a step of the company's own that no record of the addon fulfils: its
    # responsible training officer marks it done by hand, with the reason
    ("manual", "Other (Done by Hand)"),
]
# P2.1, P5.2: the only steps ticked by hand; every other step is done by the
# record that fulfils it (a test, an evaluation, a report, an answer...)
HAND_STEP_TYPES = ("manual",)
# Steps owned by the plan as a whole, not by one participant.
PLAN_STEP_TYPES = ("kickoff", "meeting", "followup_report")
RESPONSIBLES = [
    ("officer", "Training Officer"),
    ("manager", "Manager"),
    ("employee", "Employee"),
    ("peer", "Peers"),
]
# steps that do not come from a follow-up template: the deadlines of an
# improvement action (P4.5) and of a rectification demand (P5.1)
LOOP_STEP_TYPES = [
    ("improvement_action", "Improvement Action"),
    ("rectification", "Rectification"),
    # and the steps the settings make: the manager's review of each progress
    # report (P2.3.2), the periodic update of the application record (P3.2.1)
    # and the scheduled inspections of the supervision group (P5.1)
    ("progress_review", "Progress Report Review"),
    ("record_update", "Application Record Update"),
    ("inspection", "Supervision Inspection"),
]

_logger = logging.getLogger(__name__)

# a digest lists this many steps, then links to the list of the others
DIGEST_ROWS = 30

# phase: (date field that opens it, field recording when it was sent, template)
NOTICE_PHASES = {
    "reminder": (
        "reminder_date",
        "reminder_sent_date",
        "training_followup.mail_template_step_reminder",
    ),
    "escalation": (
        "escalation_date",
        "escalation_sent_date",
        "training_followup.mail_template_step_escalation",
    ),
    "escalation2": (
        "escalation2_date",
        "escalation2_sent_date",
        "training_followup.mail_template_step_escalation_hr",
    ),
}

STEP_STATES = [
    ("todo", "To Do"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
]
# why a step ended without being done: its reason ended (see docs/architecture.md)
CANCEL_REASONS = [
    ("plan_closed", "Follow-up plan closed"),
    ("participant_removed", "Participant removed from the session"),
    ("employee_archived", "Employee left the company"),
    ("source_cancelled", "Its record was cancelled"),
    ("reassigned", "Handed to the people chosen"),
    ("manual", "Cancelled by hand"),
]
# the columns _create_steps writes besides the step's source (COPY, in this
# order; the source columns, one per declared source, follow)
CREATE_COLUMNS = (
    "name",
    "followup_id",
    "template_line_id",
    "company_id",
    "employee_id",
    "department_id",
    "step_type",
    "responsible",
    "user_id",
    "date_deadline",
    "reminder_date",
    "escalation_date",
    "escalation2_date",
)


def step_source_fields(model_fields):
    """{field name: model} of the step's sources: its Many2one fields
    declared with ``step_source=True``, by the core (the plan) and by each
    satellite in its own file (docs/architecture.md)."""
    return {
        name: field.comodel_name
        for name, field in model_fields.items()
        if getattr(field, "step_source", False)
    }


class OneSourceConstraint(models.Constraint):
    """P1.3: a step belongs to exactly one of its declared sources. The
    CHECK is built from the declaration, so a satellite adding a source adds
    it to the constraint too (the table's constraint follows on upgrade)."""

    def __init__(self):
        super().__init__("", self._message)

    def get_definition(self, registry):
        names = sorted(step_source_fields(registry["training.followup.step"]._fields))
        return "CHECK(num_nonnulls({}) = 1)".format(", ".join(names))

    @staticmethod
    def _message(env, _diagnostics=None):
        Step = env["training.followup.step"]
        return env._(
            "A follow-up step belongs to exactly one of: %(sources)s.",
            sources=", ".join(
                Step._fields[name]._description_string(env)
                for name in Step._get_step_sources()
            ),
        )


class TrainingFollowupStep(models.Model):
    """A dated obligation of the follow-up (P1.3 timely): what, who, by when
    in working days, and whether it was done on time. The one mechanism behind
    every deadline of the policy: reminders, lateness and the appraisal of
    P5.2 all read steps."""

    _name = "training.followup.step"
    _description = "Follow-up Step"
    _inherit = ["training.team.scope", "training.process.guard"]
    # P1.3, P5.2: a step is made, moved, done and cancelled by the follow-up's
    # actions only; its deadline, outcome and counters are what the appraisal
    # counts, so no field of it is entered by hand
    _process_records = True
    _order = "date_deadline, id"

    # every installed language: each reader sees the step in their own
    name = fields.Char(required=True, translate=True)
    # the core's source; each satellite declares its own in its file, the
    # same way (step_source=True): everything else about sources derives
    plan_id = fields.Many2one(
        "training.followup.plan", ondelete="cascade", index=True, step_source=True
    )
    followup_id = fields.Many2one(
        "training.followup",
        ondelete="cascade",
        index=True,
        help="Empty for the steps of the plan as a whole (meetings, report).",
    )
    template_line_id = fields.Many2one(
        "training.followup.template.line", ondelete="set null"
    )
    company_id = fields.Many2one(
        "res.company",
        compute="_compute_source_values",
        store=True,
        precompute=True,
        index=True,
    )
    employee_id = fields.Many2one(
        "hr.employee",
        compute="_compute_source_values",
        store=True,
        index=True,
        precompute=True,
    )
    step_type = fields.Selection(STEP_TYPES + LOOP_STEP_TYPES, required=True)
    responsible = fields.Selection(RESPONSIBLES, required=True)
    user_id = fields.Many2one("res.users", string="Responsible User", index=True)
    date_deadline = fields.Date(string="Deadline", required=True, index=True)
    state = fields.Selection(STEP_STATES, default="todo", required=True, index=True)
    date_done = fields.Date(readonly=True, copy=False)
    cancel_reason = fields.Selection(
        CANCEL_REASONS,
        readonly=True,
        copy=False,
        help="Why the step ended without being done. A cancelled step is never "
        "reminded, never late and never counted in statistics or appraisals.",
    )
    # False, never empty, as _create_steps writes them: a step made by the
    # ORM is stored like one made in bulk
    is_late = fields.Boolean(
        string="Late",
        default=False,
        readonly=True,
        index=True,
        help="Done after its deadline, or still to do once its deadline passed "
        "(updated every day).",
    )
    on_time = fields.Boolean(
        default=False,
        readonly=True,
        help="Done on or before its deadline (appraisal: timeliness).",
    )
    activity_id = fields.Many2one("mail.activity", readonly=True, copy=False)
    department_id = fields.Many2one(
        "hr.department",
        string="Employing Department",
        compute="_compute_source_values",
        store=True,
        precompute=True,
    )
    # Notices (P1.3 timely): when each is due, in working days, and when sent.
    reminder_date = fields.Date(
        compute="_compute_notice_dates",
        store=True,
        precompute=True,
        index=True,
        help="The responsible user is reminded from this working day on.",
    )
    escalation_date = fields.Date(
        compute="_compute_notice_dates",
        store=True,
        precompute=True,
        index=True,
        help="A late step is escalated to the responsible user's manager and the "
        "training officer from this working day on.",
    )
    escalation2_date = fields.Date(
        string="Second Escalation Date",
        compute="_compute_notice_dates",
        store=True,
        precompute=True,
        index=True,
        help="A step still late is escalated to the head of HR from this day on.",
    )
    reminder_sent_date = fields.Date(string="Reminded On", readonly=True, copy=False)
    escalation_sent_date = fields.Date(string="Escalated On", readonly=True, copy=False)
    escalation2_sent_date = fields.Date(
        string="Escalated to HR On", readonly=True, copy=False
    )

    done_by_id = fields.Many2one(
        "res.users",
        string="Done by Hand by",
        readonly=True,
        copy=False,
        help="Who marked the step done by hand, without a record fulfilling it.",
    )
    done_reason = fields.Text(string="Reason Done by Hand", readonly=True, copy=False)
    return_count = fields.Integer(
        string="Returned",
        readonly=True,
        copy=False,
        help="How many times the training officer returned the submission of this "
        "step for correction (appraisal: accuracy).",
    )

    _one_source = OneSourceConstraint()

    def _valid_field_parameter(self, field, name):
        # `step_source=True` declares a Many2one as one of the step's sources
        return name == "step_source" or super()._valid_field_parameter(field, name)

    @api.model
    def _get_step_sources(self):
        """{field name: model} of the records a step can belong to: the plan
        and what the satellites declare (step_source=True)."""
        return step_source_fields(self._fields)

    def _get_source_depends(self, field_name):
        """`source.field_name` for each declared source that has the field."""
        return [
            f"{name}.{field_name}"
            for name, model in self._get_step_sources().items()
            if field_name in self.env[model]._fields
        ]

    @api.depends(
        lambda self: [
            "followup_id.employee_id",
            "followup_id.department_id",
            *self._get_source_depends("company_id"),
            *self._get_source_depends("department_id"),
        ]
    )
    def _compute_source_values(self):
        for step in self:
            step.update(
                self._prepare_source_values(step.followup_id, step._get_source())
            )

    @api.model
    def _prepare_source_values(self, followup, source):
        """The one rule for what a step takes from its follow-up and its
        source, used by the compute and by _create_steps alike: the source's
        company, the participant, the participant's department (else the
        source's: an improvement action's, a rectification's)."""
        department = followup.department_id
        if not department and "department_id" in source._fields:
            department = source.department_id
        return {
            "company_id": source.company_id or self.env.company,
            "employee_id": followup.employee_id,
            "department_id": department,
        }

    def _get_source(self):
        """The record the step belongs to, among its declared sources (called
        for every open step when to-dos are scheduled: kept cheap)."""
        for name in self._get_step_sources():
            source = self[name]
            if source:
                return source
        return self.plan_id

    @api.depends("date_deadline", "company_id")
    def _compute_notice_dates(self):
        cache = {}
        for step in self:
            company = step.company_id or self.env.company
            key = (company, step.date_deadline)
            if key not in cache:
                cache[key] = self._prepare_notice_values(*key)
            step.update(cache[key])

    @api.model
    def _prepare_notice_values(self, company, date_deadline):
        """The notice dates of a step of `company` due on `date_deadline`
        (P1.3, in working days), for the compute and _create_steps alike."""
        dates = (
            company._training_notice_dates(date_deadline)
            if date_deadline
            else (False, False, False)
        )
        return dict(
            zip(
                ("reminder_date", "escalation_date", "escalation2_date"),
                dates,
                strict=True,
            )
        )

    in_my_scope = fields.Boolean(
        help="Assigned to me, or a step of my own follow-up, of a follow-up I "
        "manage, or of an employee under me or in a department I manage.",
    )
    res_model = fields.Char(string="Fulfilled by Model", readonly=True)
    res_id = fields.Many2oneReference(
        string="Fulfilled by", model_field="res_model", readonly=True
    )

    @process_action
    def _schedule_activities(self):
        """Give each responsible user one to-do at a time (P1.3 timely).

        An employee's to-do is on their own follow-up. A manager's or an
        officer's to-do is on the plan and gathers their earliest open steps of
        that plan sharing a name and a deadline (e.g. the knowledge test of
        every participant), so nobody gets one activity per participant. The
        next to-do opens when those steps are done. Batched: a fixed number of
        queries whatever the number of steps."""
        busy, groups = set(), {}
        for step_id, name, date_deadline, activity_id, *key in self._read_open_steps():
            if activity_id:
                busy.add(tuple(key))
            group = groups.setdefault(tuple(key), [(step_id, name, date_deadline)])
            first = group[0]
            if (name, date_deadline) == first[1:] and step_id != first[0]:
                group.append((step_id, name, date_deadline))
        todo_type = self.env.ref("mail.mail_activity_data_todo")
        to_schedule = [
            (key, [step_id for step_id, _name, _date in group])
            for key, group in groups.items()
            if key not in busy
        ]
        firsts = self.browse([ids[0] for _key, ids in to_schedule])
        notes = firsts._get_activity_notes()
        vals_list = []
        for ((model, res_id, _user_id), steps), first in zip(
            to_schedule, firsts, strict=True
        ):
            record = self.env[model].browse(res_id)
            # the to-do speaks the language of its assignee
            local = for_reader(first, first.user_id)
            summary = local.name
            if len(steps) > 1:
                summary = local.env._(
                    "%(step)s (%(count)s follow-ups)", step=local.name, count=len(steps)
                )
            vals_list.append(
                {
                    "res_model_id": self.env["ir.model"]._get_id(record._name),
                    "res_id": record.id,
                    "activity_type_id": todo_type.id,
                    "summary": summary,
                    "user_id": first.user_id.id,
                    "date_deadline": first.date_deadline,
                    "note": notes.get(first.id, False),
                }
            )
        activities = (
            self.env["mail.activity"]
            .sudo()
            .with_context(mail_activity_quick_update=True)
            .create(vals_list)
        )
        if to_schedule:
            step_ids, activity_ids = [], []
            for (_key, ids), activity in zip(to_schedule, activities, strict=True):
                step_ids += ids
                activity_ids += [activity.id] * len(ids)
            # one UPDATE whatever the number of steps
            self.env.cr.execute(
                SQL(
                    """
                    UPDATE training_followup_step step
                       SET activity_id = link.activity_id
                      FROM unnest(%s::int[], %s::int[]) AS link(step_id, activity_id)
                     WHERE step.id = link.step_id
                    """,
                    step_ids,
                    activity_ids,
                )
            )
            self.invalidate_model(["activity_id"])
        return activities

    def _read_open_steps(self):
        """(id, name, deadline, to-do, holding model, holding record, user) of
        the open steps of these steps' users and sources, by deadline: read
        in one query, whoever asks (a to-do never depends on the rights of
        the person whose action opened it). The holder is the one
        _get_activity_record() gives, worked out in SQL from the declared
        sources."""
        self.env.flush_all()
        sources = self._get_step_sources()

        def column(alias, name):
            return SQL.identifier(alias, name)

        holder_models = SQL(" ").join(
            SQL("WHEN %s IS NOT NULL THEN %s", column("s", name), model)
            for name, model in sources.items()
        )
        holder_ids = SQL(", ").join(column("s", name) for name in sources)
        same_source = SQL(" OR ").join(
            SQL(
                "(%s, s.user_id) IN (SELECT %s, user_id FROM mine)",
                column("s", name),
                SQL.identifier(name),
            )
            for name in sources
        )
        self.env.cr.execute(
            SQL(
                """
                WITH mine AS (
                    SELECT DISTINCT user_id, %(source_columns)s
                      FROM training_followup_step
                     WHERE id = ANY(%(ids)s::int[]) AND user_id IS NOT NULL
                )
                SELECT s.id, s.name::text, s.date_deadline, s.activity_id,
                       CASE WHEN s.followup_id IS NOT NULL
                                 AND s.user_id = f.employee_user_id
                                THEN 'training.followup'
                            %(holder_models)s END,
                       CASE WHEN s.followup_id IS NOT NULL
                                 AND s.user_id = f.employee_user_id
                                THEN s.followup_id
                            ELSE COALESCE(%(holder_ids)s) END,
                       s.user_id
                  FROM training_followup_step s
             LEFT JOIN training_followup f ON f.id = s.followup_id
                 WHERE s.state = 'todo'
                   AND s.user_id IN (SELECT user_id FROM mine)
                   AND (%(same_source)s)
              ORDER BY s.date_deadline, s.id
                """,
                source_columns=SQL(", ").join(map(SQL.identifier, sources)),
                ids=self.ids,
                holder_models=holder_models,
                holder_ids=holder_ids,
                same_source=same_source,
            )
        )
        return self.env.cr.fetchall()

    def _get_activity_notes(self):
        """{step id: note} of the to-dos about to open for these steps (the
        first step of each to-do). A hook: the core adds no note; a
        satellite adds its own (the questionnaire its answer link)."""
        return {}

    @api.model
    def _get_my_scope_domain(self):
        """Own, assigned, team and department steps: assigned to the user, of
        a follow-up of theirs or that they manage, of their people."""
        uid = self.env.uid
        hierarchy, department = self.env["hr.employee"]._training_people_of_user()
        # sudo: the ids only feed the user's own record rule
        followups = (
            self.env["training.followup"]
            .sudo()
            .search(
                ["|", ("employee_user_id", "=", uid), ("manager_user_id", "=", uid)]
            )
        )
        return [
            "|",
            "|",
            ("user_id", "=", uid),
            ("followup_id", "in", followups.ids),
            ("employee_id", "in", hierarchy + department),
        ]

    def _free_activities(self):
        """The to-dos of these steps that no open step needs any more (a to-do
        shared by several steps ends with the last of them)."""
        activities = self.activity_id
        still_needed = self.search(
            [
                ("activity_id", "in", activities.ids),
                ("state", "=", "todo"),
                ("id", "not in", self.ids),
            ]
        ).activity_id
        return (activities - still_needed).sudo()

    # ------------------------------------------------------------------
    # The step life: create, move, done, cancel (docs/architecture.md)
    # ------------------------------------------------------------------
    @api.model
    @process_action
    def _create_steps(self, vals_list, schedule=True):
        """The one way a step is made, for every creator (kick-off, joining
        participants, development actions and reviews, improvement actions,
        rectifications, inspections, progress reviews...).

        Each dict gives the source (one field of _get_step_sources(): plan_id,
        with followup_id for a participant's step, or a satellite's record),
        step_type, responsible, date_deadline and name (a text, or {language:
        text}); user_id only when a person is named on the record (an owner, a
        peer). `not_before` (a date) moves an earlier deadline to that day: a
        participant who joins late is never late on day one. The responsible
        user is decided by _get_responsible_user(); company, employee,
        department and the notice dates by the same methods as the computes
        (_prepare_source_values, _prepare_notice_values), so a step made here
        equals one made by the ORM field by field; the rows are written by
        one COPY whatever their number (docs/performance.md), then each
        responsible user gets their to-do. A step is never late when it is
        made: the daily deadline action flags it."""
        if not vals_list:
            return self.browse()
        env = self.env
        followups = {
            f.id: f
            for f in env["training.followup"]
            .sudo()
            .browse({v["followup_id"] for v in vals_list if v.get("followup_id")})
        }
        source_fields = self._get_step_sources()
        sources = {}
        for field, model in source_fields.items():
            ids = {v[field] for v in vals_list if v.get(field)}
            sources.update(
                {(field, r.id): r for r in env[model].sudo().browse(ids).exists()}
            )
        Users = env["res.users"].sudo()
        # what every step of one follow-up, source, role and person shares,
        # worked out once (a kick-off repeats it for each template line)
        shared, notices, names_json = {}, {}, {}
        rows = []
        for vals in vals_list:
            field = next(f for f in source_fields if vals.get(f))
            key = (
                vals.get("followup_id"),
                field,
                vals[field],
                vals["responsible"],
                vals.get("user_id"),
            )
            if key not in shared:
                followup = followups.get(key[0], env["training.followup"])
                source = sources[field, vals[field]]
                values = self._prepare_source_values(followup, source)
                user = self._get_responsible_user(
                    vals["responsible"], followup, source, Users.browse(key[4])
                )
                shared[key] = (
                    values["company_id"],
                    values["employee_id"].id or None,
                    values["department_id"].id or None,
                    user.id or None,
                )
            company, employee_id, department_id, user_id = shared[key]
            date_deadline = fields.Date.to_date(vals["date_deadline"])
            if vals.get("not_before"):
                date_deadline = max(
                    date_deadline, fields.Date.to_date(vals["not_before"])
                )
            if (company, date_deadline) not in notices:
                # as COPY reads them: each date is formatted once, not per step
                dates = self._prepare_notice_values(company, date_deadline)
                notices[company, date_deadline] = tuple(
                    str(day) if day else None
                    for day in (
                        date_deadline,
                        dates["reminder_date"],
                        dates["escalation_date"],
                        dates["escalation2_date"],
                    )
                )
            name = vals["name"]
            if id(name) not in names_json:
                names = dict(name) if isinstance(name, dict) else {"en_US": name}
                names.setdefault("en_US", next(iter(names.values())))
                names_json[id(name)] = json.dumps(names)
            # in the order of CREATE_COLUMNS, then of the sources
            rows.append(
                (
                    names_json[id(name)],
                    vals.get("followup_id"),
                    vals.get("template_line_id"),
                    company.id,
                    employee_id,
                    department_id,
                    vals["step_type"],
                    vals["responsible"],
                    user_id,
                    *notices[company, date_deadline],
                    *(vals.get(source_field) for source_field in source_fields),
                )
            )
        ids = self._insert_rows(rows)
        steps = self.browse(ids)
        if schedule:
            # sudo: the to-do is due whatever the creator may read of the
            # other steps of its assignee (an employee's report gives their
            # manager a review step)
            steps.sudo()._schedule_activities()
        return steps

    @api.model
    def _insert_rows(self, rows):
        """Write new open steps, one tuple per step of CREATE_COLUMNS then
        the source columns (without the id, dates as ISO text), with
        PostgreSQL's COPY: one statement whatever their number, and none of
        the parsing cost of an INSERT of that many values (a kick-off writes
        some 50,000 rows). Returns their ids, in order."""
        env = self.env
        env.flush_all()
        env.cr.execute(
            SQL(
                "SELECT nextval('training_followup_step_id_seq') "
                "FROM generate_series(1, %s)",
                len(rows),
            )
        )
        ids = [row_id for (row_id,) in env.cr.fetchall()]
        # the magic columns as the ORM writes them: this transaction's time
        now = str(env.cr.now())
        data = io.StringIO()
        writer = csv.writer(data)
        # None becomes an empty unquoted field: NULL for COPY's CSV format
        writer.writerows(
            (row_id, *row, "todo", "f", "f", env.uid, now, env.uid, now)
            for row_id, row in zip(ids, rows, strict=True)
        )
        data.seek(0)
        columns = ("id", *CREATE_COLUMNS, *self._get_step_sources())
        # COPY cannot run under an asynchronous wait callback (a gevent
        # worker sets one): it is lifted for the statement
        wait_callback = psycopg2.extensions.get_wait_callback()
        psycopg2.extensions.set_wait_callback(None)
        try:
            env.cr.copy_expert(
                "COPY training_followup_step ({}, state, is_late, on_time, "
                "create_uid, create_date, write_uid, write_date) "
                "FROM STDIN WITH (FORMAT csv)".format(", ".join(columns)),
                data,
            )
        finally:
            psycopg2.extensions.set_wait_callback(wait_callback)
        self.invalidate_model()
        for model in ("training.followup", "training.followup.plan"):
            env[model].invalidate_model(["step_ids"])
        return ids

    @api.model
    def _get_responsible_user(self, responsible, followup, source, user=None):
        """The one rule deciding who answers for a step: the person named on
        the record (an owner, a peer, a rectification's addressee) when
        still active; else the participant (employee), their manager
        (manager) or the plan's training officer (officer). When nobody
        active holds the role, the plan's training officer stands in, so
        every step has somebody to remind."""
        plan = source if source._name == "training.followup.plan" else source.browse()
        officer = (plan or followup.plan_id).officer_id
        candidate = user
        if not candidate:
            # a peer step waits with the manager until the peers are chosen
            candidate = {
                "employee": followup.employee_user_id,
                "manager": followup.manager_user_id,
                "peer": followup.manager_user_id,
            }.get(responsible, officer)
        candidate = candidate.filtered("active")
        return candidate or officer.filtered("active") or user or officer

    @process_action
    def _move(self, date_deadline=None, user=None):
        """Move open steps to a new deadline and/or responsible user (their
        record was rescheduled, the manager changed): the notices start again
        and the to-do follows."""
        steps = self.filtered(lambda s: s.state == "todo")
        if not steps:
            return steps
        values = {
            "reminder_sent_date": False,
            "escalation_sent_date": False,
            "escalation2_sent_date": False,
        }
        if date_deadline:
            values.update(
                date_deadline=date_deadline,
                is_late=date_deadline < fields.Date.context_today(self),
            )
        if user is not None:
            values["user_id"] = user.id
        steps._release_activities()
        steps.write(values)
        steps._schedule_activities()
        return steps

    @process_action
    def _cancel(self, reason):
        """End open steps whose reason ended (plan closed, participant gone,
        record cancelled...): never reminded, never late, not counted, their
        to-do gone; the next step of each user becomes their to-do."""
        steps = self.filtered(lambda s: s.state == "todo")
        if not steps:
            return steps
        steps.write({"state": "cancelled", "cancel_reason": reason, "is_late": False})
        steps._release_activities()
        steps._schedule_activities()
        return steps

    @process_action
    def _release_activities(self):
        """Unlink the to-dos of these steps that no other open step shares."""
        free = self._free_activities()
        self.filtered("activity_id").write({"activity_id": False})
        free.unlink()

    def _get_activity_record(self):
        """The record holding the to-do: the follow-up for the employee's own
        steps, else the step's source (the plan for the steps of managers and
        officers, a satellite's record for its own). _read_open_steps() says
        the same in SQL."""
        followup = self.followup_id
        if followup and self.user_id == followup.employee_user_id:
            return followup
        return self._get_source()

    @process_action
    def _mark_done(self, record=None):
        """Called by the record that fulfils the step (a test result, an
        evaluation, a report...): records the day and the on-time outcome and
        closes the activity."""
        today = fields.Date.context_today(self)
        open_steps = self.filtered(lambda s: s.state == "todo")
        values = {
            "state": "done",
            "date_done": today,
            "res_model": record._name if record else False,
            "res_id": record.id if record else False,
        }
        on_time = open_steps.filtered(lambda s: s.date_deadline >= today)
        on_time.write({**values, "on_time": True, "is_late": False})
        (open_steps - on_time).write({**values, "on_time": False, "is_late": True})
        # P1.3: the "done" note in the language of the document holding the
        # to-do (the employee's follow-up, else the holder's), not the actor's
        feedback_by_language(
            open_steps._free_activities(),
            lambda env: env._("Follow-up step done."),
        )
        # the responsible user's next step of the same follow-up becomes their to-do
        open_steps._schedule_activities()
        return open_steps

    @api.model
    @process_action
    def _cron_mark_late(self):
        """Flag the steps still to do whose deadline passed; running it twice
        changes nothing more."""
        late = self.search(self._get_late_domain())
        late.write({"is_late": True})
        return late

    def _get_late_domain(self):
        return [
            ("state", "=", "todo"),
            ("is_late", "=", False),
            ("date_deadline", "<", fields.Date.context_today(self)),
        ]

    # ------------------------------------------------------------------
    # Daily deadline action: lateness, reminders, escalations
    # ------------------------------------------------------------------
    @api.model
    def _cron_process_deadlines(self, batch_size=100):
        """P1.3: the one daily action over every step. Marks late steps, then
        sends the reminders and both escalations that are due, as one digest
        mail per recipient and run. Idempotent: each step records when each
        notice was sent, so a second run (or a run after a crash) sends nothing
        twice. Fault-tolerant: a step that fails is logged, skipped and retried
        on the next run. The work is proportional to the steps due: one grouped
        query per notice finds them on indexed dates; recipients are handled in
        batches of `batch_size` responsible users with _commit_progress."""
        today = fields.Date.context_today(self)
        self._cron_mark_late()
        Cron = self.env["ir.cron"]
        for phase in NOTICE_PHASES:
            groups = self._read_group(
                self._get_notice_domain(phase, today), ["user_id"], ["id:array_agg"]
            )
            for index in range(0, len(groups), batch_size):
                chunk = groups[index : index + batch_size]
                step_ids = [step_id for _user, ids in chunk for step_id in ids]
                self.browse(step_ids)._send_notices(phase, today)
                remaining = sum(len(ids) for _user, ids in groups[index + batch_size :])
                if not Cron._commit_progress(len(step_ids), remaining=remaining):
                    return False
        return True

    @api.model
    def _get_notice_domain(self, phase, today):
        open_field, sent_field, _template = NOTICE_PHASES[phase]
        domain = [
            ("state", "=", "todo"),
            ("user_id", "!=", False),
            (open_field, "<=", today),
            (sent_field, "=", False),
        ]
        if phase == "reminder":
            # not yet due; a late step is escalated instead
            domain.append(("date_deadline", ">=", today))
        else:
            domain.append(("date_deadline", "<", today))
        return domain

    @process_action
    def _send_notices(self, phase, today):
        """Send one digest per recipient for these steps and record the day.
        A step that fails is logged and left unsent: the next run retries it."""
        _open, sent_field, template_xmlid = NOTICE_PHASES[phase]
        by_recipient, sent = {}, self.browse()
        recipients_cache = {}
        for step in self:
            try:
                source = step._get_source()
                key = (step.user_id.id, source._name, source.id)
                if key not in recipients_cache or phase == "reminder":
                    recipients_cache[key] = step._get_notice_recipients(phase)
                recipients = recipients_cache[key]
            except Exception:
                _logger.exception("Follow-up step %s: %s notice failed", step.id, phase)
                continue
            for user in recipients:
                by_recipient.setdefault(user, self.browse())
                by_recipient[user] |= step
            sent |= step
        if by_recipient:
            try:
                with self.env.cr.savepoint():
                    self._send_digests(template_xmlid, by_recipient)
            except Exception:
                _logger.exception(
                    "Follow-up %s notices of steps %s failed", phase, self.ids
                )
                sent = self.browse()
        sent.sudo().write({sent_field: today})

    @api.model
    def _send_digests(self, template_xmlid, by_recipient):
        """Mail each recipient the table of their steps. The table is rendered
        by a compiled QWeb view; the mail template holds the subject and the
        message around it (editable and translated)."""
        QWeb = self.env["ir.qweb"]
        digest = {}
        for user, user_steps in by_recipient.items():
            steps = (
                for_reader(user_steps, user)
                .sudo()
                .sorted(lambda s: (s.date_deadline, s.id))
            )
            digest[user.id] = QWeb.with_context(lang=user.lang)._render(
                "training_followup.step_digest_table",
                {
                    "steps": steps[:DIGEST_ROWS],
                    "more": len(steps) - DIGEST_ROWS,
                    "dashboard_url": f"{steps[:1].get_base_url()}/odoo/action-"
                    "training_followup.training_followup_step_action_late",
                },
            )
        template = self.env.ref(template_xmlid).sudo()
        return template.with_context(training_digest=digest).send_mail_batch(
            [user.id for user in by_recipient]
        )

    def _get_notice_recipients(self, phase):
        """Who hears about this step: its responsible user (reminder); their
        manager and the training officer (escalation); the head of HR, i.e.
        the training administrators (second escalation, P5.1)."""
        self.ensure_one()
        if phase == "reminder":
            return self.user_id
        if phase == "escalation":
            employee = self.user_id.sudo().employee_ids[:1]
            manager = (
                employee._training_manager_user() if employee else employee.user_id
            )
            return (manager | self._get_source()._get_step_escalation_users()) - (
                self.user_id
            )
        # the head of HR of the step's own company, never another company's
        return self.company_id._training_admin_users()

    def _get_record_url(self):
        self.ensure_one()
        record = self.followup_id or self._get_source()
        return f"{record.get_base_url()}/odoo/{record._name}/{record.id}"

    def action_done(self):
        """A training officer marks a step done by hand, with the reason,
        which is logged (P2.1, P5.2): only a step that no record fulfils; the
        others are done by their test, evaluation, report or answer."""
        self._check_done_by_hand()
        return self.env["training.followup.reason"]._open_for(
            self, self.env._("Mark as Done"), "step_done"
        )

    def _check_done_by_hand(self):
        if any(step.state != "todo" for step in self):
            raise UserError(self.env._("Only a step to do can be marked as done."))
        if not self.env.user.has_group("training_followup.group_training_officer"):
            raise AccessError(
                self.env._("Only a training officer marks a step done by hand.")
            )
        if any(step.step_type not in HAND_STEP_TYPES for step in self):
            raise UserError(
                self.env._(
                    "This step is done by the record that fulfils it (a test, an "
                    "evaluation, a report, an answer...), not by hand."
                )
            )

    @process_action
    def _mark_done_by_hand(self, reason):
        """Done by hand, the decision `step_done` of the reason dialog: who
        and why are kept on the step and logged on the record holding it
        (the follow-up or the plan)."""
        self._check_done_by_hand()
        user = self.env.user
        done = self._mark_done()
        done.write({"done_by_id": user.id, "done_reason": reason})
        for step in done:
            # P1.3: written for the step's holder, in the document's language
            record = for_document(step._get_activity_record(), step.user_id)
            local = step.with_env(record.env)
            record.sudo().message_post(
                body=Markup("<p>%s</p><p>%s</p>")
                % (
                    local.env._(
                        "%(user)s marked the step %(step)s done by hand.",
                        user=user.name,
                        step=local.name,
                    ),
                    reason,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return done

    @process_action
    def action_cancel(self):
        if not self.env.user.has_group("training_followup.group_training_officer"):
            raise AccessError(
                self.env._("Only a training officer cancels a step by hand.")
            )
        if any(step.state == "done" for step in self):
            raise UserError(self.env._("A done step cannot be cancelled."))
        self._cancel("manual")
        return True

    def action_open_return(self):
        """The dialog asking why the submission behind done steps is returned
        for correction (P5.2 accuracy)."""
        self._check_can_return()
        return self.env["training.followup.reason"]._open_for(
            self, self.env._("Return for Correction"), "step_return"
        )

    def _check_can_return(self):
        if not self.env.user.has_group("training_followup.group_training_officer"):
            raise UserError(
                self.env._("Only a training officer can return a submission.")
            )
        if any(step.state != "done" for step in self):
            raise UserError(
                self.env._("Only the submission of a done step can be returned.")
            )

    @process_action
    def _return_for_correction(self, reason):
        """P5.2 accuracy, the decision `step_return` of the reason dialog:
        the training officer returns the submission behind done steps for
        correction. The step stays done (its timeliness is kept); the return
        is counted and its author gets a to-do with the reason."""
        self._check_can_return()
        todo_type = self.env.ref("mail.mail_activity_data_todo")
        for step in self:
            step.return_count += 1
            # P1.3: the to-do speaks the language of its holder, the note on
            # the record that of the document (the employee's follow-up, else
            # the holder's)
            holder = step._get_activity_record()
            local = for_reader(step, step.user_id)
            note = Markup("<p>%s</p>") % reason
            for_reader(holder, step.user_id).sudo().activity_schedule(
                activity_type_id=todo_type.id,
                summary=local.env._("Correct: %(step)s", step=local.name),
                note=note,
                user_id=step.user_id.id,
                date_deadline=fields.Date.context_today(self),
            )
            record = for_document(holder, step.user_id)
            written = step.with_env(record.env)
            record.sudo().message_post(
                body=Markup("<p>%s</p><p>%s</p>")
                % (written.env._("Correct: %(step)s", step=written.name), reason),
                subtype_xmlid="mail.mt_note",
            )
        return True
