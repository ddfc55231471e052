from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..models.training_application_case import EFFECT_SCORES
from ..tools.xlsx_workbook import attach_workbook, build_workbook, download_action

# records read and written per batch: memory stays flat whatever the size
CHUNK = 1000


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
        """(sheet title, [(header, width)], row generator) of each sheet."""
        return [
            (
                self.env._("Participants"),
                [
                    (self.env._("Employee"), 28),
                    (self.env._("Employing Department"), 22),
                    (self.env._("Course"), 28),
                    (self.env._("Training End Date"), 14),
                    (self.env._("Knowledge Grade"), 14),
                    (self.env._("Test Score (%)"), 12),
                    (self.env._("Evaluation Result (%)"), 14),
                    (self.env._("Observations"), 12),
                    (self.env._("Application Cases"), 12),
                    (self.env._("On-time Rate (%)"), 12),
                ],
                self._participant_rows(followups),
            ),
            (
                self.env._("Tests"),
                [
                    (self.env._("Employee"), 28),
                    (self.env._("Course"), 28),
                    (self.env._("Method"), 18),
                    (self.env._("Date"), 12),
                    (self.env._("Score"), 10),
                    (self.env._("Maximum"), 10),
                    (self.env._("Percentage"), 10),
                    (self.env._("Grade"), 12),
                ],
                self._test_rows(followups),
            ),
            (
                self.env._("Evaluations"),
                [
                    (self.env._("Employee"), 28),
                    (self.env._("Course"), 28),
                    (self.env._("Status"), 12),
                    (self.env._("Result (%)"), 10),
                    (self.env._("Strengths"), 40),
                    (self.env._("Weaknesses"), 40),
                    (self.env._("Targeted Suggestions"), 40),
                ],
                self._evaluation_rows(followups),
            ),
            (
                self.env._("Questionnaire"),
                [
                    (self.env._("Follow-up Plan"), 32),
                    (self.env._("Participants"), 12),
                    (self.env._("Answers"), 10),
                    (self.env._("Response Rate (%)"), 12),
                    (self.env._("Dimension"), 20),
                    (self.env._("Average Rating (1-5)"), 14),
                ],
                self._questionnaire_rows(followups),
            ),
            (
                self.env._("Steps"),
                [
                    (self.env._("Employee"), 28),
                    (self.env._("Follow-up Plan"), 32),
                    (self.env._("Step"), 30),
                    (self.env._("Responsible"), 14),
                    (self.env._("Responsible User"), 22),
                    (self.env._("Deadline"), 12),
                    (self.env._("Status"), 10),
                    (self.env._("Done On"), 12),
                    (self.env._("On Time"), 8),
                    (self.env._("Late"), 8),
                ],
                self._step_rows(followups),
            ),
            (
                self.env._("Observations"),
                [
                    (self.env._("Employee"), 28),
                    (self.env._("Course"), 28),
                    (self.env._("Date"), 12),
                    (self.env._("Type"), 20),
                    (self.env._("Observer"), 22),
                    (self.env._("Observed Change"), 40),
                    (self.env._("Practice Corrected"), 40),
                    (self.env._("Feedback to the Employee"), 40),
                ],
                self._observation_rows(followups),
            ),
            (
                self.env._("Application Cases"),
                [
                    (self.env._("Employee"), 28),
                    (self.env._("Course"), 28),
                    (self.env._("Date"), 12),
                    (self.env._("Problem"), 30),
                    (self.env._("What Was Applied"), 40),
                    (self.env._("Result"), 40),
                    (self.env._("Status"), 12),
                    (self.env._("Effect"), 12),
                    (self.env._("Effect Score (0-3)"), 10),
                    (self.env._("Manager's Evaluation"), 40),
                ],
                self._case_rows(followups),
            ),
            (
                self.env._("Progress Reports"),
                [
                    (self.env._("Employee"), 28),
                    (self.env._("Course"), 28),
                    (self.env._("Date"), 12),
                    (self.env._("Status"), 12),
                    (self.env._("Results"), 40),
                    (self.env._("Difficulties"), 40),
                    (self.env._("Support Needed"), 40),
                    (self.env._("Manager's Review"), 40),
                ],
                self._progress_report_rows(followups),
            ),
            (
                self.env._("Development Plans"),
                [
                    (self.env._("Employee"), 28),
                    (self.env._("Course"), 28),
                    (self.env._("Development Plan"), 32),
                    (self.env._("Plan Status"), 14),
                    (self.env._("Goal or Action"), 10),
                    (self.env._("Name"), 36),
                    (self.env._("Horizon or Type"), 22),
                    (self.env._("Measurable Target"), 30),
                    (self.env._("Due Date"), 12),
                    (self.env._("Status"), 12),
                    (self.env._("Progress (%)"), 10),
                ],
                self._development_plan_rows(followups),
            ),
        ]

    def _batches(self, records, field_names):
        """The records in batches, their fields read once per batch, the cache
        dropped after each so memory does not grow with the export."""
        for start in range(0, len(records), CHUNK):
            batch = records[start : start + CHUNK]
            batch.fetch(field_names)
            yield batch
            self.env.invalidate_all()

    def _labels(self, model, field_name):
        """{value: translated label} of a selection field, read once per sheet."""
        field = self.env[model]._fields[field_name]
        return dict(field._description_selection(self.env))

    def _participant_rows(self, followups):
        Analysis = self.env["training.followup.analysis"]
        rows = Analysis.search([("followup_id", "in", followups.ids)], order="id")
        grades = self._labels(Analysis._name, "grade")
        for batch in self._batches(rows, ["employee_id", "course_id", "grade"]):
            for row in batch:
                yield (
                    row.employee_id.name,
                    row.department_id.name,
                    row.course_id.name,
                    row.date_end,
                    grades.get(row.grade, ""),
                    row.test_score if row.grade else None,
                    row.evaluation_result or None,
                    row.observation_count,
                    row.case_count,
                    row.on_time_rate if row.step_count else None,
                )

    def _test_rows(self, followups):
        tests = self.env["training.assessment"].search(
            [("followup_id", "in", followups.ids), ("state", "=", "done")],
            order="id",
        )
        methods = self._labels(tests._name, "method")
        grades = self._labels(tests._name, "grade")
        for batch in self._batches(tests, ["employee_id", "score", "grade"]):
            for test in batch:
                yield (
                    test.employee_id.name,
                    test.followup_id.course_id.name,
                    methods.get(test.method, ""),
                    test.date,
                    test.score,
                    test.max_score,
                    test.percentage,
                    grades.get(test.grade, ""),
                )

    def _evaluation_rows(self, followups):
        evaluations = self.env["training.evaluation"].search(
            [("followup_id", "in", followups.ids)], order="id"
        )
        states = self._labels(evaluations._name, "state")
        for batch in self._batches(evaluations, ["employee_id", "state", "result"]):
            for evaluation in batch:
                closed = evaluation.state == "closed"
                yield (
                    evaluation.employee_id.name,
                    evaluation.followup_id.course_id.name,
                    states.get(evaluation.state, ""),
                    evaluation.result if closed else None,
                    evaluation.strengths,
                    evaluation.weaknesses,
                    evaluation.suggestions,
                )

    def _questionnaire_rows(self, followups):
        """Statistics only, by plan and dimension, for groups of at least the
        minimum anonymous size (P3.1.4): never an answer."""
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
        dimensions = (
            self.env["training.satisfaction.analysis"]
            ._fields["dimension"]
            ._description_selection(self.env)
        )
        for questionnaire in questionnaires:
            plan = questionnaire.plan_id
            head = (
                plan.name,
                questionnaire.participant_count,
                questionnaire.answer_count,
                questionnaire.response_rate,
            )
            shown = [
                (label, ratings[plan, key])
                for key, label in dimensions
                if (plan, key) in ratings
            ]
            if not shown:
                yield (*head, self.env._("(fewer answers than the minimum group)"))
            for label, rating in shown:
                yield (*head, label, rating)

    def _step_rows(self, followups):
        """The largest sheet, read by SQL in pages of CHUNK steps: the ids
        come from the ORM's search (record rules applied), the names by joins,
        so no record is loaded in memory."""
        Step = self.env["training.followup.step"]
        step_ids = Step.search([("followup_id", "in", followups.ids)], order="id").ids
        responsibles = self._labels(Step._name, "responsible")
        states = self._labels(Step._name, "state")
        for start in range(0, len(step_ids), CHUNK):
            self.env.cr.execute(
                SQL(
                    """
                    SELECT st.id, employee.name,
                           COALESCE(plan.name->>%(lang)s, plan.name->>'en_US'),
                           COALESCE(st.name->>%(lang)s, st.name->>'en_US'),
                           st.responsible,
                           partner.name, st.date_deadline, st.state, st.date_done,
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
            for row in self.env.cr.fetchall():
                # id, employee, plan, step, responsible, user, deadline, state,
                # done on, on time, late
                yield (
                    *row[1:4],
                    responsibles.get(row[4], ""),
                    row[5],
                    row[6],
                    states.get(row[7], ""),
                    row[8],
                    "✓" if row[9] else "",
                    "✓" if row[10] else "",
                )

    def _observation_rows(self, followups):
        observations = self.env["training.observation"].search(
            [("followup_id", "in", followups.ids)], order="followup_id, date, id"
        )
        kinds = self._labels(observations._name, "kind")
        fields_read = [
            "employee_id",
            "followup_id",
            "date",
            "kind",
            "observer_id",
            "observed_change",
            "practice_corrected",
            "feedback",
        ]
        for batch in self._batches(observations, fields_read):
            for observation in batch:
                yield (
                    observation.employee_id.name,
                    observation.followup_id.course_id.name,
                    observation.date,
                    kinds.get(observation.kind, ""),
                    observation.observer_id.name,
                    observation.observed_change,
                    observation.practice_corrected,
                    observation.feedback,
                )

    def _case_rows(self, followups):
        """Every case with its status; the effect score only once evaluated
        (only evaluated cases count in the figures, P3.2.1)."""
        cases = self.env["training.application.case"].search(
            [("followup_id", "in", followups.ids)], order="followup_id, date, id"
        )
        states = self._labels(cases._name, "state")
        effects = self._labels(cases._name, "effect")
        fields_read = [
            "employee_id",
            "followup_id",
            "date",
            "name",
            "applied",
            "outcome",
            "state",
            "effect",
            "effect_evaluation",
        ]
        for batch in self._batches(cases, fields_read):
            for case in batch:
                evaluated = case.state == "evaluated"
                yield (
                    case.employee_id.name,
                    case.followup_id.course_id.name,
                    case.date,
                    case.name,
                    case.applied,
                    case.outcome,
                    states.get(case.state, ""),
                    effects.get(case.effect, "") if evaluated else None,
                    EFFECT_SCORES.get(case.effect) if evaluated else None,
                    case.effect_evaluation,
                )

    def _progress_report_rows(self, followups):
        reports = self.env["training.progress.report"].search(
            [("followup_id", "in", followups.ids)], order="followup_id, date, id"
        )
        states = self._labels(reports._name, "state")
        fields_read = [
            "employee_id",
            "followup_id",
            "date",
            "state",
            "results",
            "difficulties",
            "support_needed",
            "review",
        ]
        for batch in self._batches(reports, fields_read):
            for report in batch:
                yield (
                    report.employee_id.name,
                    report.followup_id.course_id.name,
                    report.date,
                    states.get(report.state, ""),
                    report.results,
                    report.difficulties,
                    report.support_needed,
                    report.review,
                )

    def _development_plan_rows(self, followups):
        """One row per goal, then one per action, of every version of the
        development plans made from the follow-ups (P3.3.1): goals and
        actions read with one search_read each per batch of plans."""
        plans = self.env["training.development.plan"].search(
            [("followup_id", "in", followups.ids)], order="employee_id, version, id"
        )
        Goal = self.env["training.development.goal"]
        Action = self.env["training.development.action"]
        plan_states = self._labels(plans._name, "state")
        horizons = self._labels(Goal._name, "horizon")
        goal_states = self._labels(Goal._name, "state")
        kinds = self._labels(Action._name, "kind")
        action_states = self._labels(Action._name, "state")
        goal_label, action_label = self.env._("Goal"), self.env._("Action")
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
            for goal in goals:
                by_plan.setdefault(goal["plan_id"][0], []).append(
                    (
                        goal_label,
                        goal["name"],
                        horizons.get(goal["horizon"], ""),
                        goal["target"] or None,
                        goal["date_horizon"] or None,
                        goal_states.get(goal["state"], ""),
                        100 if goal["state"] == "achieved" else goal["progress"],
                    )
                )
            for action in actions:
                by_plan.setdefault(action["plan_id"][0], []).append(
                    (
                        action_label,
                        action["name"],
                        kinds.get(action["kind"], ""),
                        None,
                        action["date_deadline"] or None,
                        action_states.get(action["state"], ""),
                        100 if action["state"] == "done" else action["progress"],
                    )
                )
            for plan in batch:
                head = (
                    plan.employee_id.name,
                    plan.followup_id.course_id.name,
                    plan.name,
                    plan_states.get(plan.state, ""),
                )
                for item in by_plan.get(plan.id, []):
                    yield (*head, *item)
