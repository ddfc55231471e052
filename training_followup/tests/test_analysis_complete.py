from odoo.exceptions import AccessError
from odoo.tests import freeze_time, tagged

from ..tools.process_guard import in_process
from .common import EXPORT_SHEETS, TrainingFollowupCase


@tagged("post_install", "-at_install")
class TestAnalysisComplete(TrainingFollowupCase):
    """P4.3 and P4.2: career progress, the trend of application by month
    after the training, both in the follow-up report, and every kind of
    evidence in the export. A worked example computed by hand; the training
    ends on 2026-04-03.

    Application cases (only evaluated ones count; score none 0, low 1,
    medium 2, high 3), whole months after 2026-04-03:

    ==========  ==========  ========  =========  =====
    case        who         date      effect     month
    ==========  ==========  ========  =========  =====
    A           employee    04-20     low 1      0
    F           employee    05-02     none 0     0 (29 days)
    B           employee    05-10     medium 2   1
    C           learner     05-03     high 3     1 (exactly a month)
    D           learner     07-15     high 3     3
    E           employee    06-01     -          submitted only: left out
    ==========  ==========  ========  =========  =====

    Closed evaluations: employee 80 % on 06-10 (month 2), learner 60 % on
    07-03 (month 3, exactly three months).

    Trend: month 0: 2 cases, effect (1 + 0) / 2 = 0.5; month 1: 2 cases,
    (2 + 3) / 2 = 2.5; month 2: 1 evaluation, 80; month 3: 1 case, 3.0, and
    1 evaluation, 60.

    Development plans (dropped goals and cancelled actions left out):

    - employee P1 (active): goals achieved, open 40 %, dropped -> 1 of 2
      achieved; actions done, in progress 50 %, cancelled -> 1 of 2 done;
      completion (100 + 40 + 100 + 50) / 4 = 72.5; reviews: 1 confirmed
      (10-01) and 1 draft (not held) -> 1.
    - learner L1 (replaced by L2): goals achieved, open 20 % -> 1 of 2, no
      action; completion 60; 1 confirmed review (06-01).
    - learner L2 (active, version 2 of L1): goals achieved, open 50 % -> 1 of
      2; actions done, to do 0 % -> 1 of 2; completion (100 + 50 + 100 + 0)
      / 4 = 62.5; reviews: its own (09-01) and L1's -> 2.

    Current versions (P1, L2): 2 plans, goals 2 of 4 = 50 %, actions 2 of 4
    = 50 %, 1 + 2 = 3 reviews held, completion (72.5 + 62.5) / 2 = 67.5.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.learner_users, cls.learner = cls.create_team_members("tf_ana_learner", 1)
        cls.participants = cls.employee | cls.learner

    def setUp(self):
        super().setUp()
        with freeze_time("2026-04-08"):
            self.plan = self.make_plan(self.participants)
            self.plan.action_communicate()
        self.followups = {f.employee_id: f for f in self.plan.followup_ids}
        employee_followup = self.followups[self.employee]
        learner_followup = self.followups[self.learner]
        Case = self.env["training.application.case"]
        for followup, name, day, effect in (
            (employee_followup, "A", "2026-04-20", "low"),
            (employee_followup, "F", "2026-05-02", "none"),
            (employee_followup, "B", "2026-05-10", "medium"),
            (learner_followup, "C", "2026-05-03", "high"),
            (learner_followup, "D", "2026-07-15", "high"),
            (employee_followup, "E", "2026-06-01", False),
        ):
            case = Case.create(
                {
                    "followup_id": followup.id,
                    "name": f"Case {name}",
                    "date": day,
                    "applied": "Checklist",
                }
            )
            case.action_submit()
            if effect:
                case.effect = effect
                case.action_evaluate()
        Evaluation = self.env["training.evaluation"]
        for followup, result, day in (
            (employee_followup, 80, "2026-06-10"),
            (learner_followup, 60, "2026-07-03"),
        ):
            in_process(Evaluation.create({"followup_id": followup.id})).write(
                {"state": "closed", "result": result, "date_closed": day}
            )
        self.env["training.observation"].create(
            {
                "followup_id": employee_followup.id,
                "observer_id": self.user_manager.id,
                "date": "2026-04-15",
                "kind": "on_site",
                "observed_change": "Uses the checklist",
                "feedback": "Well done",
            }
        )
        self.env["training.progress.report"].create(
            {
                "followup_id": learner_followup.id,
                "date": "2026-05-31",
                "results": "Fewer complaints",
                "difficulties": "Time",
            }
        )
        self.make_development_plans(employee_followup, learner_followup)
        self.env.invalidate_all()

    def make_development_plans(self, employee_followup, learner_followup):
        Plan = self.env["training.development.plan"]
        Review = self.env["training.career.review"]
        self.p1 = Plan.create(
            {
                "employee_id": self.employee.id,
                "followup_id": employee_followup.id,
                "goal_ids": [
                    (0, 0, {"name": "Lead", "state": "achieved"}),
                    (0, 0, {"name": "Coach", "horizon": "long", "progress": 40}),
                    (0, 0, {"name": "Move", "state": "dropped", "progress": 10}),
                ],
                "action_ids": [
                    (0, 0, {"name": "Course", "state": "done"}),
                    (
                        0,
                        0,
                        {
                            "name": "Project",
                            "kind": "project",
                            "state": "in_progress",
                            "progress": 50,
                        },
                    ),
                    (0, 0, {"name": "Read", "kind": "reading", "state": "cancelled"}),
                ],
            }
        )
        in_process(self.p1).write({"state": "active", "date_active": "2026-05-01"})
        in_process(
            Review.create([{"plan_id": self.p1.id, "date": "2026-10-01"}])
        ).state = "done"
        Review.create({"plan_id": self.p1.id, "date": "2026-11-01"})  # draft
        self.l1 = Plan.create(
            {
                "employee_id": self.learner.id,
                "followup_id": learner_followup.id,
                "goal_ids": [
                    (0, 0, {"name": "Sell", "state": "achieved"}),
                    (0, 0, {"name": "Train", "horizon": "long", "progress": 20}),
                ],
            }
        )
        in_process(self.l1).write({"state": "replaced", "date_active": "2026-05-01"})
        in_process(
            Review.create({"plan_id": self.l1.id, "date": "2026-06-01"})
        ).state = "done"
        # a second version, as the plan's own versioning makes it
        self.l2 = in_process(Plan).create(
            {
                "employee_id": self.learner.id,
                "followup_id": learner_followup.id,
                "version": 2,
                "previous_version_id": self.l1.id,
                "goal_ids": [
                    (0, 0, {"name": "Sell", "state": "achieved"}),
                    (0, 0, {"name": "Train", "horizon": "long", "progress": 50}),
                ],
                "action_ids": [
                    (0, 0, {"name": "Mentor", "kind": "mentoring", "state": "done"}),
                    (0, 0, {"name": "Course 2"}),
                ],
            }
        )
        in_process(self.l2).write({"state": "active", "date_active": "2026-06-01"})
        in_process(
            Review.create({"plan_id": self.l2.id, "date": "2026-09-01"})
        ).state = "done"

    # ------------------------------------------------------------------
    # Career progress (P4.3 with P3.3)
    # ------------------------------------------------------------------
    def test_p4_3_p3_3_career_progress_per_plan(self):
        Analysis = self.env["training.career.progress.analysis"].with_user(
            self.user_officer
        )
        rows = {
            row.development_plan_id: row
            for row in Analysis.search([("plan_id", "=", self.plan.id)])
        }
        self.assertEqual(set(rows), {self.p1, self.l1, self.l2})
        p1, l1, l2 = rows[self.p1], rows[self.l1], rows[self.l2]
        # P1: 1 of 2 goals (dropped left out), 1 of 2 actions (cancelled left
        # out), 1 confirmed review (the draft is not held)
        self.assertEqual((p1.goal_count, p1.goal_achieved_count), (2, 1))
        self.assertEqual((p1.action_count, p1.action_done_count), (2, 1))
        self.assertAlmostEqual(p1.goal_rate, 50.0)
        self.assertAlmostEqual(p1.action_rate, 50.0)
        self.assertEqual(p1.review_count, 1)
        self.assertAlmostEqual(p1.completion, 72.5)  # (100 + 40 + 100 + 50) / 4
        self.assertEqual(p1.department_id, self.department)
        self.assertEqual(p1.course_id, self.course)
        self.assertEqual(str(p1.date_end), "2026-04-03")
        # L1: no action, its own review
        self.assertEqual((l1.action_count, l1.review_count), (0, 1))
        self.assertFalse(l1.action_rate)
        # L2: its own review and the one of the version it replaced
        self.assertEqual(l2.review_count, 2)
        self.assertEqual(str(l2.date_last_review), "2026-09-01")
        self.assertAlmostEqual(l2.completion, 62.5)  # (100 + 50 + 100 + 0) / 4

    def test_p4_3_p3_3_career_progress_by_department_and_period(self):
        Analysis = self.env["training.career.progress.analysis"].with_user(
            self.user_supervisor
        )
        domain = [("plan_id", "=", self.plan.id), ("state", "!=", "replaced")]
        [(department, count, goals, achieved, actions, done, reviews, completion)] = (
            Analysis._read_group(
                domain,
                ["department_id"],
                [
                    "__count",
                    "goal_count:sum",
                    "goal_achieved_count:sum",
                    "action_count:sum",
                    "action_done_count:sum",
                    "review_count:sum",
                    "completion:avg",
                ],
            )
        )
        self.assertEqual(department, self.department)
        # current versions P1 and L2: 2 of 4 goals, 2 of 4 actions, 1 + 2
        # reviews, completion (72.5 + 62.5) / 2
        self.assertEqual((count, goals, achieved), (2, 4, 2))
        self.assertEqual((actions, done, reviews), (4, 2, 3))
        self.assertAlmostEqual(completion, 67.5)
        # by the month the plan became active: P1 in May, L2 in June
        by_month = {
            month.strftime("%Y-%m"): goals
            for month, goals in Analysis._read_group(
                domain, ["date_active:month"], ["goal_achieved_count:sum"]
            )
        }
        self.assertEqual(by_month, {"2026-05": 1, "2026-06": 1})
        by_course = Analysis._read_group(domain, ["course_id"], ["goal_rate:avg"])
        self.assertEqual(by_course[0][0], self.course)
        self.assertAlmostEqual(by_course[0][1], 50.0)  # (50 + 50) / 2

    # ------------------------------------------------------------------
    # Trend of application (P4.3)
    # ------------------------------------------------------------------
    def test_p4_3_application_trend_by_month_after_training(self):
        Trend = self.env["training.application.trend.analysis"].with_user(
            self.user_officer
        )
        groups = Trend._read_group(
            [("plan_id", "=", self.plan.id)],
            ["month_after"],
            [
                "case_count:sum",
                "case_effect:avg",
                "evaluation_count:sum",
                "evaluation_result:avg",
            ],
            order="month_after",
        )
        self.assertEqual(
            [
                (month, cases, effect and round(effect, 2), evals, result)
                for month, cases, effect, evals, result in groups
            ],
            [
                (0, 2, 0.5, 0, False),  # A low 1, F none 0 (29 days)
                (1, 2, 2.5, 0, False),  # B medium 2, C high 3 (one month exactly)
                (2, 0, False, 1, 80.0),  # employee's evaluation, 06-10
                (3, 1, 3.0, 1, 60.0),  # D high 3; learner's evaluation, 07-03
            ],
        )
        # case E was only submitted: it does not count
        self.assertEqual(Trend.search_count([("kind", "=", "case")]), 5)
        by_kind_and_department = Trend._read_group(
            [("plan_id", "=", self.plan.id)],
            ["department_id", "kind"],
            ["__count"],
        )
        self.assertEqual(
            sorted((kind, count) for _dep, kind, count in by_kind_and_department),
            [("case", 5), ("evaluation", 2)],
        )

    def test_p4_3_application_trend_counts_a_case_once_evaluated(self):
        Trend = self.env["training.application.trend.analysis"]
        case = self.env["training.application.case"].search([("name", "=", "Case E")])
        self.assertFalse(
            Trend.search([("kind", "=", "case"), ("date", "=", "2026-06-01")])
        )
        case.effect = "high"
        case.action_evaluate()
        [(month, cases, effect)] = Trend._read_group(
            [("plan_id", "=", self.plan.id), ("month_after", "=", 1)],
            ["month_after"],
            ["case_count:sum", "case_effect:avg"],
        )
        # 06-01 is one month and 29 days after 04-03: month 1, now B, C, E:
        # (2 + 3 + 3) / 3
        self.assertEqual((month, cases), (1, 3))
        self.assertAlmostEqual(effect, 8 / 3)

    # ------------------------------------------------------------------
    # The follow-up report (P4.3)
    # ------------------------------------------------------------------
    def test_p4_3_report_career_progress_and_trend(self):
        report = self.report_plan(self.plan, submit=False)
        # current versions P1 and L2 (see the class docstring)
        self.assertEqual(report.career_plan_count, 2)
        self.assertEqual(
            (report.career_goal_count, report.career_goal_achieved_count), (4, 2)
        )
        self.assertAlmostEqual(report.career_goal_rate, 50.0)
        self.assertEqual(
            (report.career_action_count, report.career_action_done_count), (4, 2)
        )
        self.assertAlmostEqual(report.career_action_rate, 50.0)
        self.assertEqual(report.career_review_count, 3)
        self.assertAlmostEqual(report.career_completion, 67.5)
        self.assertEqual(
            [
                (
                    line.month_after,
                    line.case_count,
                    round(line.case_effect, 2),
                    line.evaluation_count,
                    line.evaluation_result,
                )
                for line in report.trend_line_ids
            ],
            [
                (0, 2, 0.5, 0, 0.0),
                (1, 2, 2.5, 0, 0.0),
                (2, 0, 0.0, 1, 80.0),
                (3, 1, 3.0, 1, 60.0),
            ],
        )
        # frozen: a later review does not change the computed report
        in_process(
            self.env["training.career.review"].create(
                {"plan_id": self.p1.id, "date": "2026-11-15"}
            )
        ).state = "done"
        self.env.invalidate_all()
        self.assertEqual(report.career_review_count, 3)
        report.with_user(self.user_officer).action_compute()
        self.assertEqual(report.career_review_count, 4)

    def test_p4_3_report_pdf_shows_career_progress_and_trend(self):
        report = self.report_plan(self.plan, submit=False)
        html, kind = (
            self.env["ir.actions.report"]
            .with_user(self.user_officer)
            ._render_qweb_html(
                "training_followup.action_report_followup_report", report.ids
            )
        )
        self.assertEqual(kind, "html")
        text = html.decode()
        # the four months 0 to 3 in order, each in its first cell
        self.assertRegex(text, r"(?s)<td>0</td>.*<td>1</td>.*<td>2</td>.*<td>3</td>")
        for expected in (
            "Career progress",
            "Career reviews held",
            "67.5",  # average plan completion
            "50.0 %",  # goals and actions
            "Application trend by month after training",
            "Month after training",
            "2.50",  # month 1's average effect
            "80.0",  # month 2's evaluation
        ):
            self.assertIn(expected, text)

    # ------------------------------------------------------------------
    # The export (P4.2)
    # ------------------------------------------------------------------
    def test_p4_2_export_carries_every_kind_of_evidence(self):
        _wizard, _action, book = self.export_plan(self.plan)
        self.assertEqual(book.sheetnames, EXPORT_SHEETS)
        observations = list(book["Observations"].values)
        self.assertEqual(observations[0][:4], ("Employee", "Course", "Date", "Type"))
        self.assertEqual(len(observations), 2, "header + 1 observation")
        self.assertEqual(observations[1][0], "TF Employee")
        self.assertEqual(observations[1][3], "On-site Guidance")
        self.assertEqual(observations[1][4], "tf_test_manager")
        self.assertEqual(observations[1][7], "Well done")
        cases = list(book["Application Cases"].values)
        self.assertEqual(len(cases), 7, "header + 6 cases, evaluated or not")
        by_name = {row[3]: row for row in cases[1:]}
        self.assertEqual(by_name["Case D"][6:9], ("Evaluated", "High", 3))
        self.assertEqual(by_name["Case F"][8], 0, "no effect scores 0")
        self.assertEqual(
            by_name["Case E"][6:9], ("Submitted", None, None), "not evaluated yet"
        )
        # 3 + 1 + 2 + 3 evaluated scores: 0 + 1 + 2 + 3 + 3 = 9
        self.assertEqual(sum(row[8] or 0 for row in cases[1:]), 9)
        reports = list(book["Progress Reports"].values)
        self.assertEqual(len(reports), 2)
        self.assertEqual(reports[1][0], "TF tf_ana_learner 1")
        self.assertEqual(reports[1][3:6], ("Draft", "Fewer complaints", "Time"))
        plans = list(book["Development Plans"].values)
        # P1: 3 goals + 3 actions, L1: 2 goals, L2: 2 goals + 2 actions = 12
        self.assertEqual(len(plans) - 1, 12)
        statuses = {row[3] for row in plans[1:]}
        self.assertEqual(statuses, {"Active", "Replaced by a New Version"})
        p1_rows = [row for row in plans[1:] if row[0] == "TF Employee"]
        self.assertEqual([row[4] for row in p1_rows].count("Goal"), 3)
        self.assertEqual([row[4] for row in p1_rows].count("Action"), 3)
        lead = next(row for row in p1_rows if row[5] == "Lead")
        self.assertEqual((lead[9], lead[10]), ("Achieved", 100))
        read = next(row for row in p1_rows if row[5] == "Read")
        self.assertEqual(read[6], "Reading")
        self.assertEqual(read[9], "Cancelled")
        project = next(row for row in p1_rows if row[5] == "Project")
        self.assertEqual(project[9:11], ("In Progress", 50))
        # the questionnaire stays statistics: no sheet of answers
        self.assertFalse([n for n in book.sheetnames if "Answer" in n])

    def test_p4_2_every_row_as_wide_as_its_header_row(self):
        """Each column is declared once, header and value together: no sheet
        has a row wider or narrower than its header row, so no value can
        slip under another column's header."""
        Export = self.env["training.followup.export"].with_user(self.user_officer)
        wizard = Export.create({"plan_id": self.plan.id})
        followups = self.plan.followup_ids.with_user(self.user_officer)
        widths = {}
        for title, columns, rows in wizard._get_sheets(followups):
            widths[title] = {len(row) for row in rows}
            self.assertLessEqual(widths[title], {len(columns)}, title)
        self.assertEqual(list(widths), EXPORT_SHEETS)
        for title in (
            "Steps",
            "Observations",
            "Application Cases",
            "Development Plans",
        ):
            self.assertTrue(widths[title], f"{title}: the plan has rows of it")

    def test_p4_2_export_reads_in_batches(self):
        """The new sheets cost a fixed number of queries whatever the number
        of records: twice the plans and cases cost no more queries."""
        Export = self.env["training.followup.export"].with_user(self.user_officer)
        wizard = Export.create({"plan_id": self.plan.id})
        followups = self.plan.followup_ids.with_user(self.user_officer)

        def count_queries():
            counts = []
            for _title, _columns, rows in wizard._get_sheets(followups)[5:]:
                self.env.invalidate_all()
                before = self.cr.sql_log_count
                list(rows)
                counts.append(self.cr.sql_log_count - before)
            return counts

        count_queries()  # warm the caches (rules, translations, fields)
        first = count_queries()
        learner_followup = self.followups[self.learner]
        for index in range(4):
            case = self.env["training.application.case"].create(
                {"followup_id": learner_followup.id, "name": f"More {index}"}
            )
            self.env["training.observation"].create(
                {
                    "followup_id": learner_followup.id,
                    "observer_id": self.user_manager.id,
                    "observed_change": "More",
                }
            )
            self.env["training.development.goal"].create(
                {"plan_id": self.l2.id, "name": f"Goal {index}"}
            )
            case.action_submit()
        count_queries()
        self.assertEqual(count_queries(), first)

    # ------------------------------------------------------------------
    # Access (P4.3: the analysis belongs to the training department)
    # ------------------------------------------------------------------
    def test_p4_3_new_analyses_refused_to_employees(self):
        for user in (self.user_employee, self.user_manager):
            for model in (
                "training.career.progress.analysis",
                "training.application.trend.analysis",
            ):
                with self.assertRaises(AccessError):
                    self.env[model].with_user(user)._read_group([], [], ["__count"])
