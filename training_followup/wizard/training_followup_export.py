from collections import namedtuple
from operator import attrgetter
from typing import Any, NamedTuple

from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..models.training_application_case import EFFECT_SCORES
from ..tools.xlsx_workbook import attach_workbook, build_workbook, download_action

# records read and written per batch: memory stays flat whatever the size
CHUNK = 1000


class Column(NamedTuple):
    """One column of a sheet, declared once: its header, its width, and how
    its value is read from each item of the sheet (a record, or a row of the
    sheet's own read): a field path followed attribute by attribute
    ("followup_id.course_id.name"), or a function of the item. With
    `labels` ({value: translated label} of a selection), the label of the
    value read at the path."""

    header: str
    width: int
    value: Any
    labels: dict | None = None

    def reader(self):
        if not isinstance(self.value, str):
            return self.value
        read = attrgetter(self.value)
        if self.labels is None:
            return read
        labels = self.labels
        return lambda item: labels.get(read(item), "")


class Sheet(NamedTuple):
    """A sheet: its title, its columns and its items, one row each. The
    header row and every row are built from the columns, so a column is
    added, moved or removed in one place."""

    title: str
    columns: list
    items: Any

    def rows(self):
        """The value tuples of the items, in the columns' order (lazily: the
        items are read as the rows are written)."""
        readers = [column.reader() for column in self.columns]
        for item in self.items:
            yield tuple(read(item) for read in readers)

    def for_workbook(self):
        """(title, [(header, width)], rows), as build_workbook takes it."""
        return (
            self.title,
            [(column.header, column.width) for column in self.columns],
            self.rows(),
        )


# an item of the questionnaire sheet: a questionnaire, one of its dimensions
# and its average rating (or the note that the group is too small)
QuestionnaireLine = namedtuple("QuestionnaireLine", "questionnaire dimension rating")
# an item of the development plans sheet: a goal or an action (read as a dict)
# of its plan
DevelopmentLine = namedtuple("DevelopmentLine", "plan is_goal line")


def by_kind(goal_value, action_value):
    """The reader of a development plans column whose value is read one way
    on a goal and another on an action."""
    return lambda item: (goal_value if item.is_goal else action_value)(item.line)


class TrainingFollowupExport(models.TransientModel):
    """All follow-up data of a plan or a period in one XLSX workbook (P4.2,
    P4.3): participants, tests, evaluations, questionnaire statistics, steps
    with their on-time flags, observations, application cases, progress
    reports and development plans with their goals and actions, one sheet
    each; the questionnaire only as statistics, never an answer. Written row by row in
    xlsxwriter's constant-memory mode, records read in batches, with the
    user's own access rights."""

    _name = "training.followup.export"
    _description = "Export Follow-up Data"
    _inherit = ["training.followup.scope"]

    attachment_id = fields.Many2one("ir.attachment", readonly=True)

    def action_export(self):
        self.ensure_one()
        content = self._build_workbook()
        name = self.env._(
            "follow-up-%(scope)s.xlsx",
            scope=self.plan_id.name
            if self.scope == "plan"
            else f"{self.date_from}-{self.date_to}",
        )
        self.attachment_id = attach_workbook(self, name, content)
        return download_action(self.attachment_id)

    def _get_followup_domain(self):
        self.ensure_one()
        if self.scope == "plan":
            if not self.plan_id:
                raise UserError(self.env._("Choose the follow-up plan to export."))
        elif not (self.date_from and self.date_to) or self.date_from > self.date_to:
            raise UserError(self.env._("Give a period whose end follows its start."))
        return super()._get_followup_domain()

    def _build_workbook(self):
        domain = self._get_followup_domain()
        self.env["training.followup"].check_access("read")
        followups = self.env["training.followup"].search(domain)
        return build_workbook(self._get_sheets(followups))

    def _get_sheets(self, followups):
        """(sheet title, [(header, width)], row generator) of each sheet, in
        their order, each built from its columns."""
        return [
            sheet(followups).for_workbook()
            for sheet in (
                self._participant_sheet,
                self._test_sheet,
                self._evaluation_sheet,
                self._questionnaire_sheet,
                self._step_sheet,
                self._observation_sheet,
                self._case_sheet,
                self._progress_report_sheet,
                self._development_plan_sheet,
            )
        ]

    def _batches(self, records, field_names=None):
        """The records in batches, their fields (by default every field Odoo
        prefetches) read once per batch, the cache dropped after each so
        memory does not grow with the export."""
        for start in range(0, len(records), CHUNK):
            batch = records[start : start + CHUNK]
            batch.fetch(field_names)
            yield batch
            self.env.invalidate_all()

    def _record_sheet(self, title, model, domain, order, columns):
        """A sheet of one row per record of `model` matching `domain` (the
        user's access rules applied), in `order`: searched when the sheet is
        written, every field read once per batch (see `_batches`)."""
        return Sheet(title, columns, self._records(model, domain, order))

    def _records(self, model, domain, order):
        records = self.env[model].search(domain, order=order)
        for batch in self._batches(records):
            yield from batch

    def _labels(self, model, field_name):
        """{value: translated label} of a selection field, read once per sheet."""
        field = self.env[model]._fields[field_name]
        return dict(field._description_selection(self.env))

    def _followup_columns(self):
        """The first columns of the sheets of a follow-up's documents."""
        return [
            Column(self.env._("Employee"), 28, "employee_id.name"),
            Column(self.env._("Course"), 28, "followup_id.course_id.name"),
        ]

    def _participant_sheet(self, followups):
        model = "training.followup.analysis"
        return self._record_sheet(
            self.env._("Participants"),
            model,
            [("followup_id", "in", followups.ids)],
            "id",
            [
                Column(self.env._("Employee"), 28, "employee_id.name"),
                Column(self.env._("Employing Department"), 22, "department_id.name"),
                Column(self.env._("Course"), 28, "course_id.name"),
                Column(self.env._("Training End Date"), 14, "date_end"),
                Column(
                    self.env._("Knowledge Grade"),
                    14,
                    "grade",
                    self._labels(model, "grade"),
                ),
                Column(
                    self.env._("Test Score (%)"),
                    12,
                    lambda row: row.test_score if row.grade else None,
                ),
                Column(
                    self.env._("Evaluation Result (%)"),
                    14,
                    lambda row: row.evaluation_result or None,
                ),
                Column(self.env._("Observations"), 12, "observation_count"),
                Column(self.env._("Application Cases"), 12, "case_count"),
                Column(
                    self.env._("On-time Rate (%)"),
                    12,
                    lambda row: row.on_time_rate if row.step_count else None,
                ),
            ],
        )

    def _test_sheet(self, followups):
        model = "training.assessment"
        return self._record_sheet(
            self.env._("Tests"),
            model,
            [("followup_id", "in", followups.ids), ("state", "=", "done")],
            "id",
            [
                *self._followup_columns(),
                Column(
                    self.env._("Method"), 18, "method", self._labels(model, "method")
                ),
                Column(self.env._("Date"), 12, "date"),
                Column(self.env._("Score"), 10, "score"),
                Column(self.env._("Maximum"), 10, "max_score"),
                Column(self.env._("Percentage"), 10, "percentage"),
                Column(self.env._("Grade"), 12, "grade", self._labels(model, "grade")),
            ],
        )

    def _evaluation_sheet(self, followups):
        model = "training.evaluation"
        return self._record_sheet(
            self.env._("Evaluations"),
            model,
            [("followup_id", "in", followups.ids)],
            "id",
            [
                *self._followup_columns(),
                Column(self.env._("Status"), 12, "state", self._labels(model, "state")),
                Column(
                    self.env._("Result (%)"),
                    10,
                    lambda evaluation: (
                        evaluation.result if evaluation.state == "closed" else None
                    ),
                ),
                Column(self.env._("Strengths"), 40, "strengths"),
                Column(self.env._("Weaknesses"), 40, "weaknesses"),
                Column(self.env._("Targeted Suggestions"), 40, "suggestions"),
            ],
        )

    def _questionnaire_sheet(self, followups):
        """Statistics only, by plan and dimension, for groups of at least the
        minimum anonymous size (P3.1.4): never an answer."""
        return Sheet(
            self.env._("Questionnaire"),
            [
                Column(self.env._("Follow-up Plan"), 32, "questionnaire.plan_id.name"),
                Column(
                    self.env._("Participants"), 12, "questionnaire.participant_count"
                ),
                Column(self.env._("Answers"), 10, "questionnaire.answer_count"),
                Column(
                    self.env._("Response Rate (%)"), 12, "questionnaire.response_rate"
                ),
                Column(self.env._("Dimension"), 20, "dimension"),
                Column(self.env._("Average Rating (1-5)"), 14, "rating"),
            ],
            self._questionnaire_lines(followups),
        )

    def _questionnaire_rows(self, followups):
        """The rows of the questionnaire sheet."""
        return self._questionnaire_sheet(followups).rows()

    def _questionnaire_lines(self, followups):
        questionnaires = self.env["training.satisfaction.questionnaire"].search(
            [("plan_id", "in", followups.plan_id.ids)], order="id"
        )
        ratings = {
            (plan, dimension): rating
            for plan, dimension, rating in self.env[
                "training.satisfaction.analysis"
            ]._read_group(
                [("plan_id", "in", questionnaires.plan_id.ids)],
                ["plan_id", "dimension"],
                ["rating:avg"],
            )
        }
        dimensions = self._labels("training.satisfaction.analysis", "dimension")
        for questionnaire in questionnaires:
            plan = questionnaire.plan_id
            shown = [
                (label, ratings[plan, key])
                for key, label in dimensions.items()
                if (plan, key) in ratings
            ]
            if not shown:
                yield QuestionnaireLine(
                    questionnaire,
                    self.env._("(fewer answers than the minimum group)"),
                    None,
                )
            for label, rating in shown:
                yield QuestionnaireLine(questionnaire, label, rating)

    def _step_sheet(self, followups):
        model = "training.followup.step"
        return Sheet(
            self.env._("Steps"),
            [
                Column(self.env._("Employee"), 28, "employee"),
                Column(self.env._("Follow-up Plan"), 32, "plan"),
                Column(self.env._("Step"), 30, "step"),
                Column(
                    self.env._("Responsible"),
                    14,
                    "responsible",
                    self._labels(model, "responsible"),
                ),
                Column(self.env._("Responsible User"), 22, "user_name"),
                Column(self.env._("Deadline"), 12, "date_deadline"),
                Column(self.env._("Status"), 10, "state", self._labels(model, "state")),
                Column(self.env._("Done On"), 12, "date_done"),
                Column(
                    self.env._("On Time"), 8, lambda row: "✓" if row.on_time else ""
                ),
                Column(self.env._("Late"), 8, lambda row: "✓" if row.is_late else ""),
            ],
            self._step_lines(followups),
        )

    def _step_lines(self, followups):
        """The largest sheet, read by SQL in pages of CHUNK steps: the ids
        come from the ORM's search (record rules applied), the names by joins,
        so no record is loaded in memory. Each row comes as a named tuple of
        the columns selected."""
        Step = self.env["training.followup.step"]
        step_ids = Step.search([("followup_id", "in", followups.ids)], order="id").ids
        for start in range(0, len(step_ids), CHUNK):
            self.env.cr.execute(
                SQL(
                    """
                    SELECT st.id, employee.name AS employee,
                           COALESCE(plan.name->>%(lang)s, plan.name->>'en_US')
                               AS plan,
                           COALESCE(st.name->>%(lang)s, st.name->>'en_US') AS step,
                           st.responsible, partner.name AS user_name,
                           st.date_deadline, st.state, st.date_done,
                           st.on_time, st.is_late
                      FROM training_followup_step st
                      JOIN training_followup_plan plan ON plan.id = st.plan_id
                      LEFT JOIN hr_employee employee ON employee.id = st.employee_id
                      LEFT JOIN res_users users ON users.id = st.user_id
                      LEFT JOIN res_partner partner ON partner.id = users.partner_id
                     WHERE st.id = ANY(%(ids)s)
                     ORDER BY st.id
                    """,
                    ids=step_ids[start : start + CHUNK],
                    lang=self.env.lang or "en_US",
                )
            )
            Row = namedtuple("Row", [column.name for column in self.env.cr.description])
            yield from map(Row._make, self.env.cr.fetchall())

    def _observation_sheet(self, followups):
        model = "training.observation"
        return self._record_sheet(
            self.env._("Observations"),
            model,
            [("followup_id", "in", followups.ids)],
            "followup_id, date, id",
            [
                *self._followup_columns(),
                Column(self.env._("Date"), 12, "date"),
                Column(self.env._("Type"), 20, "kind", self._labels(model, "kind")),
                Column(self.env._("Observer"), 22, "observer_id.name"),
                Column(self.env._("Observed Change"), 40, "observed_change"),
                Column(self.env._("Practice Corrected"), 40, "practice_corrected"),
                Column(self.env._("Feedback to the Employee"), 40, "feedback"),
            ],
        )

    def _case_sheet(self, followups):
        """Every case with its status; the effect and its score only once
        evaluated (only evaluated cases count in the figures, P3.2.1)."""
        model = "training.application.case"
        effects = self._labels(model, "effect")

        def evaluated(value):
            return lambda case: value(case) if case.state == "evaluated" else None

        return self._record_sheet(
            self.env._("Application Cases"),
            model,
            [("followup_id", "in", followups.ids)],
            "followup_id, date, id",
            [
                *self._followup_columns(),
                Column(self.env._("Date"), 12, "date"),
                Column(self.env._("Problem"), 30, "name"),
                Column(self.env._("What Was Applied"), 40, "applied"),
                Column(self.env._("Result"), 40, "outcome"),
                Column(self.env._("Status"), 12, "state", self._labels(model, "state")),
                Column(
                    self.env._("Effect"),
                    12,
                    evaluated(lambda case: effects.get(case.effect, "")),
                ),
                Column(
                    self.env._("Effect Score (0-3)"),
                    10,
                    evaluated(lambda case: EFFECT_SCORES.get(case.effect)),
                ),
                Column(self.env._("Manager's Evaluation"), 40, "effect_evaluation"),
            ],
        )

    def _progress_report_sheet(self, followups):
        model = "training.progress.report"
        return self._record_sheet(
            self.env._("Progress Reports"),
            model,
            [("followup_id", "in", followups.ids)],
            "followup_id, date, id",
            [
                *self._followup_columns(),
                Column(self.env._("Date"), 12, "date"),
                Column(self.env._("Status"), 12, "state", self._labels(model, "state")),
                Column(self.env._("Results"), 40, "results"),
                Column(self.env._("Difficulties"), 40, "difficulties"),
                Column(self.env._("Support Needed"), 40, "support_needed"),
                Column(self.env._("Manager's Review"), 40, "review"),
            ],
        )

    def _development_plan_sheet(self, followups):
        """One row per goal, then one per action, of every version of the
        development plans made from the follow-ups (P3.3.1)."""
        plan_model = "training.development.plan"
        goal_model = "training.development.goal"
        action_model = "training.development.action"
        horizons = self._labels(goal_model, "horizon")
        goal_states = self._labels(goal_model, "state")
        kinds = self._labels(action_model, "kind")
        action_states = self._labels(action_model, "state")
        goal_label, action_label = self.env._("Goal"), self.env._("Action")
        return Sheet(
            self.env._("Development Plans"),
            [
                Column(self.env._("Employee"), 28, "plan.employee_id.name"),
                Column(self.env._("Course"), 28, "plan.followup_id.course_id.name"),
                Column(self.env._("Development Plan"), 32, "plan.name"),
                Column(
                    self.env._("Plan Status"),
                    14,
                    "plan.state",
                    self._labels(plan_model, "state"),
                ),
                Column(
                    self.env._("Goal or Action"),
                    10,
                    lambda item: goal_label if item.is_goal else action_label,
                ),
                Column(self.env._("Name"), 36, lambda item: item.line["name"]),
                Column(
                    self.env._("Horizon or Type"),
                    22,
                    by_kind(
                        lambda goal: horizons.get(goal["horizon"], ""),
                        lambda action: kinds.get(action["kind"], ""),
                    ),
                ),
                Column(
                    self.env._("Measurable Target"),
                    30,
                    by_kind(lambda goal: goal["target"] or None, lambda action: None),
                ),
                Column(
                    self.env._("Due Date"),
                    12,
                    by_kind(
                        lambda goal: goal["date_horizon"] or None,
                        lambda action: action["date_deadline"] or None,
                    ),
                ),
                Column(
                    self.env._("Status"),
                    12,
                    by_kind(
                        lambda goal: goal_states.get(goal["state"], ""),
                        lambda action: action_states.get(action["state"], ""),
                    ),
                ),
                Column(
                    self.env._("Progress (%)"),
                    10,
                    by_kind(
                        lambda goal: (
                            100 if goal["state"] == "achieved" else goal["progress"]
                        ),
                        lambda action: (
                            100 if action["state"] == "done" else action["progress"]
                        ),
                    ),
                ),
            ],
            self._development_lines(followups),
        )

    def _development_lines(self, followups):
        """The goals, then the actions, of each plan: read with one
        search_read each per batch of plans."""
        plans = self.env["training.development.plan"].search(
            [("followup_id", "in", followups.ids)], order="employee_id, version, id"
        )
        Goal = self.env["training.development.goal"]
        Action = self.env["training.development.action"]
        for batch in self._batches(
            plans, ["name", "employee_id", "followup_id", "state"]
        ):
            goals = Goal.search_read(
                [("plan_id", "in", batch.ids)],
                [
                    "plan_id",
                    "name",
                    "horizon",
                    "target",
                    "date_horizon",
                    "state",
                    "progress",
                ],
                order="plan_id, id",
            )
            actions = Action.search_read(
                [("plan_id", "in", batch.ids)],
                ["plan_id", "name", "kind", "date_deadline", "state", "progress"],
                order="plan_id, id",
            )
            by_plan = {}
            for is_goal, lines in ((True, goals), (False, actions)):
                for line in lines:
                    by_plan.setdefault(line["plan_id"][0], []).append((is_goal, line))
            for plan in batch:
                for is_goal, line in by_plan.get(plan.id, []):
                    yield DevelopmentLine(plan, is_goal, line)
