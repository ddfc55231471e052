import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from unittest.mock import patch

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, freeze_time, tagged

from ..models import ir_actions_report
from ..tools.process_guard import in_process
from .common import EXPORT_SHEETS, TrainingFollowupCase, load_chinese

# a page number alone on its line of pdftotext's text: "2 / 5"
PAGE_NUMBER = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$", re.MULTILINE)


@tagged("post_install", "-at_install")
class TrainingReportingCase(TrainingFollowupCase):
    """A small worked example whose numbers are computed by hand:

    three participants of one session (course cost 1,000 per participant,
    other costs 500, recorded benefit 7,000):

    ============  ==========  ==========  ============  ==========  =========
    participant   test        evaluation  observations  cases       rating
    ============  ==========  ==========  ============  ==========  =========
    employee      95 (exc.)   90          2             high, med.  5
    learner 1     80 (good)   70          1             low         4
    learner 2     50 (fail)   -           0             -           3
    ============  ==========  ==========  ============  ==========  =========

    test average 75, pass rate 2/3, evaluation average 80, application
    effect (3 + 2) / 2 and 1 averaged per participant: 1.75, questionnaire 4,
    total cost 3,500, ROI (7,000 - 3,500) / 3,500 = 100 %.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.learner_users, learners = cls.create_team_members("tf_test_learner", 2)
        cls.course.cost_per_participant = 1000
        cls.participants = cls.employee | learners

    def setUp(self):
        super().setUp()
        with freeze_time("2026-04-08"):
            self.plan = self.make_plan(self.participants)
            self.plan.action_communicate()
            self.training_session = self.plan.session_id
            self.training_session.write({"other_cost": 500, "benefit_amount": 7000})
            self.followups = {f.employee_id: f for f in self.plan.followup_ids}
            self.employees = self.participants.sorted("id")
            for employee, score in zip(self.participants, (95, 80, 50), strict=True):
                self.record_test(employee, score)
            for employee, result in zip(self.participants[:2], (90, 70), strict=True):
                evaluation = self.env["training.evaluation"].create(
                    {"followup_id": self.followups[employee].id}
                )
                in_process(evaluation).write({"state": "closed", "result": result})
            Observation = self.env["training.observation"]
            for employee in (self.employee, self.employee, self.participants[1]):
                Observation.create(
                    {
                        "followup_id": self.followups[employee].id,
                        "observer_id": self.user_manager.id,
                        "observed_change": "Uses the checklist",
                    }
                )
            Case = self.env["training.application.case"]
            for employee, effect in (
                (self.employee, "high"),
                (self.employee, "medium"),
                (self.participants[1], "low"),
            ):
                case = Case.create(
                    {"followup_id": self.followups[employee].id, "name": "Complaint"}
                )
                case.action_submit()
                case.effect = effect
                case.action_evaluate()
            questionnaire = self.plan.questionnaire_ids
            for employee, rating in zip(self.participants, (5, 4, 3), strict=True):
                questionnaire.with_user(employee.user_id).sudo()._submit(
                    {
                        q.id: rating if q.question_type == "rating" else ""
                        for q in questionnaire.question_ids
                    }
                )
            # P3.1.4: the collection closes, the three answers are released
            questionnaire.with_user(self.user_officer).action_close_collection()
        self.env.invalidate_all()

    def record_test(self, employee, score):
        test = self.env["training.assessment"].create(
            {"followup_id": self.followups[employee].id, "score": score}
        )
        test.action_record()
        return test


@tagged("post_install", "-at_install")
class TestAnalysis(TrainingReportingCase):
    """P4.3: analysis numbers equal the hand-computed ones."""

    def test_p4_3_followup_analysis_by_grade_and_course(self):
        Analysis = self.env["training.followup.analysis"].with_user(self.user_officer)
        domain = [("plan_id", "=", self.plan.id)]
        grades = dict(Analysis._read_group(domain, ["grade"], ["__count"]))
        self.assertEqual(grades, {"excellent": 1, "good": 1, "fail": 1})
        [(course, score, pass_rate, result, observations, cases, effect)] = (
            Analysis._read_group(
                domain,
                ["course_id"],
                [
                    "test_score:avg",
                    "pass_rate:avg",
                    "evaluation_result:avg",
                    "observation_count:sum",
                    "case_count:sum",
                    "case_effect:avg",
                ],
            )
        )
        self.assertEqual(course, self.course)
        self.assertAlmostEqual(score, 75.0)
        self.assertAlmostEqual(pass_rate, 200 / 3)
        self.assertAlmostEqual(result, 80.0)
        self.assertEqual((observations, cases), (3, 3))
        self.assertAlmostEqual(effect, 1.75)

    def test_p4_3_step_analysis_labels_every_step_type(self):
        """The steps by type (pivot, graph, the dashboard's chart) label
        every type a step can have, the improvement action's and the
        settings' steps included: a graph fails on a value it cannot label."""
        Analysis = self.env["training.followup.step.analysis"]
        Step = self.env["training.followup.step"]
        self.assertEqual(
            Analysis.fields_get(["step_type"])["step_type"]["selection"],
            Step.fields_get(["step_type"])["step_type"]["selection"],
        )

    def test_p4_3_step_on_time_rate_per_responsible(self):
        with freeze_time("2026-06-01"):
            self.env["training.followup.step"]._cron_mark_late()
        steps = self.env["training.followup.step"].search(
            [("plan_id", "=", self.plan.id), ("state", "!=", "cancelled")]
        )
        Analysis = self.env["training.followup.step.analysis"].with_user(
            self.user_supervisor
        )
        rates = dict(
            Analysis._read_group(
                [("plan_id", "=", self.plan.id)], ["responsible"], ["on_time_rate:avg"]
            )
        )
        for responsible, rate in rates.items():
            mine = steps.filtered(lambda s, r=responsible: s.responsible == r)
            counted = mine.filtered(lambda s: s.state == "done" or s.is_late)
            on_time = mine.filtered(lambda s: s.state == "done" and s.on_time)
            if counted:
                self.assertAlmostEqual(rate, 100 * len(on_time) / len(counted))
            else:
                self.assertFalse(rate)
        # the employees answered and were tested before the deadlines
        self.assertGreater(rates["employee"], 0)

    def test_p4_3_kirkpatrick_and_roi_on_the_session(self):
        session = self.training_session.with_user(self.user_officer)
        self.assertAlmostEqual(session.kp_reaction, 4.0)
        self.assertAlmostEqual(session.kp_learning, 75.0)
        self.assertAlmostEqual(session.kp_pass_rate, 200 / 3)
        self.assertAlmostEqual(session.kp_behaviour, 80.0)
        self.assertEqual(session.kp_observation_count, 3)
        self.assertAlmostEqual(session.kp_results, 1.75)
        self.assertEqual(session.kp_case_count, 3)
        self.assertEqual(session.total_cost, 3500)
        self.assertAlmostEqual(session.roi, 100.0)
        self.assertAlmostEqual(self.plan.roi, 100.0, msg="shown on the plan")
        self.training_session.benefit_amount = 0
        self.assertEqual(self.training_session.roi, 0.0, "no benefit recorded: no ROI")

    def test_p4_3_reaction_hidden_below_the_minimum_group(self):
        self.company.training_anonymity_min_group = 4
        self.training_session.invalidate_recordset()
        self.assertEqual(self.training_session.kp_reaction, 0.0, "3 answers < 4")

    def test_p4_3_analysis_refused_to_employees(self):
        for user in (self.user_employee, self.user_manager):
            for model in (
                "training.followup.analysis",
                "training.followup.step.analysis",
            ):
                with self.assertRaises(AccessError):
                    self.env[model].with_user(user)._read_group([], [], ["__count"])


@tagged("post_install", "-at_install")
class TestFollowupReport(TrainingReportingCase):
    """P4.3, P4.4: the follow-up report, frozen, acknowledged and shared."""

    def setUp(self):
        super().setUp()
        Objective = self.env["training.course.objective"]
        for name, indicator, target in (
            ("Score well", "test_score", 70),
            ("Most pass", "pass_rate", 90),
            ("Work better", "evaluation_result", 95),
            ("Apply it", "application_effect", 1.5),
            ("Like it", "questionnaire_rating", 4.5),
        ):
            Objective.create(
                {
                    "course_id": self.course.id,
                    "name": name,
                    "indicator": indicator,
                    "target": target,
                }
            )
        self.report = (
            self.env["training.followup.report"]
            .with_user(self.user_officer)
            .create({"name": "Complaint handling 2026", "plan_id": self.plan.id})
        )

    def test_p4_3_compute_freezes_the_statistics(self):
        self.report.action_compute()
        report = self.report
        self.assertEqual(report.participant_count, 3)
        self.assertEqual(report.test_count, 3)
        self.assertAlmostEqual(report.test_average, 75.0)
        self.assertAlmostEqual(report.pass_rate, 200 / 3)
        self.assertEqual(
            (
                report.grade_excellent_count,
                report.grade_good_count,
                report.grade_pass_count,
                report.grade_fail_count,
            ),
            (1, 1, 0, 1),
        )
        self.assertEqual(report.evaluation_count, 2)
        self.assertAlmostEqual(report.evaluation_average, 80.0)
        self.assertAlmostEqual(report.case_effect_average, 1.75)
        self.assertTrue(report.questionnaire_shown)
        self.assertAlmostEqual(report.questionnaire_rating, 4.0)
        self.assertAlmostEqual(report.questionnaire_trainer, 4.0)
        self.assertAlmostEqual(report.questionnaire_response_rate, 100.0)
        self.assertAlmostEqual(report.roi, 100.0)
        self.assertEqual(report.plan_ids, self.plan)
        # new data does not rewrite the computed report
        self.record_test(self.participants[2], 100)
        self.env.invalidate_all()
        self.assertAlmostEqual(report.test_average, 75.0)
        report.action_compute()  # a draft may be recomputed
        self.assertAlmostEqual(report.test_average, (95 + 80 + 100) / 3)
        report.management_user_id = self.user_manager
        report.action_submit()
        with self.assertRefused(UserError, "frozen"):
            report.action_compute()
        with self.assertRefused(UserError, "through its buttons"):
            report.test_average = 1
        with self.assertRefused(UserError, "cannot be changed"):
            report.recommendations = "<p>Later</p>"
        self.assertAlmostEqual(report.test_average, (95 + 80 + 100) / 3)

    def test_p4_3_demo_report_shows_the_demo_data(self):
        report = self.env.ref(
            "training_followup.report_lean_done", raise_if_not_found=False
        )
        if not report:
            self.skipTest("installed without demo data")
        self.assertEqual(report.test_count, 4, "the four demo tests")
        self.assertEqual(report.evaluation_count, 1, "the closed demo evaluation")
        self.assertEqual(report.questionnaire_answer_count, 4)
        self.assertTrue(report.questionnaire_shown)
        self.assertEqual(len(report.objective_line_ids), 3)

    def test_p4_3_goal_attainment_per_objective(self):
        self.report.action_compute()
        attainment = {
            line.name: (round(line.actual, 2), line.attainment)
            for line in self.report.objective_line_ids
        }
        self.assertEqual(
            attainment,
            {
                "Score well": (75.0, "achieved"),
                "Most pass": (66.67, "not_achieved"),  # 66.67 < 0.8 * 90
                "Work better": (80.0, "partly"),  # 80 >= 0.8 * 95
                "Apply it": (1.75, "achieved"),
                "Like it": (4.0, "partly"),
            },
        )
        Report = self.env["training.followup.report"]
        self.assertEqual(Report._get_attainment(None, 50), "no_data")

    def test_p4_3_p4_4_submit_acknowledge_share(self):
        report = self.report
        with self.assertRefused(UserError, "Compute the statistics"):
            report.action_submit()
        report.action_compute()
        with self.assertRefused(UserError, "member of management"):
            report.action_submit()
        report.write(
            {
                "management_user_id": self.user_manager.id,
                "recommendations": "<p>More role plays</p>",
            }
        )
        report.action_submit()
        self.assertEqual(report.state, "submitted")
        self.assertTrue(
            report.activity_ids.filtered(lambda a: a.user_id == self.user_manager)
        )
        # only the member of management it was submitted to acknowledges
        as_learner = report.with_user(self.learner_users[0])
        with self.assertRaises(AccessError):
            as_learner.read(["name"])
        Wizard = self.env["training.followup.report.acknowledge"]
        with self.assertRaises(AccessError):
            Wizard.with_user(self.user_employee).create(
                {"report_id": report.id, "quality_score": "4"}
            ).action_confirm()
        with self.assertRefused(UserError, "acknowledges it"):
            Wizard.with_user(self.user_officer).create(
                {"report_id": report.id, "quality_score": "4"}
            ).action_confirm()
        Wizard.with_user(self.user_manager).create(
            {"report_id": report.id, "quality_score": "4", "remarks": "Clear"}
        ).action_confirm()
        self.assertEqual(report.state, "acknowledged")
        self.assertEqual(report.quality_score, "4")
        self.assertEqual(report.management_remarks, "Clear")
        self.assertFalse(report.activity_ids)
        report.action_share()
        self.assertEqual(report.state, "shared")
        message = report.message_ids.filtered(lambda m: m.message_type == "comment")
        self.assertIn("More role plays", message.body)
        self.assertEqual(
            message.partner_ids,
            self.participants.user_id.partner_id | self.user_manager.partner_id,
        )
        # P4.4: the participants read the report shared with them; others do not
        self.assertEqual(as_learner.read(["state"])[0]["state"], "shared")
        with self.assertRaises(AccessError):
            report.with_user(self.user_outsider).read(["name"])


@tagged("post_install", "-at_install")
class TestReportOutputs(TrainingReportingCase):
    """P4.3: PDFs rendered for real, read back with pdftotext; XLSX read
    back with openpyxl."""

    def pdf_text(self, report_xmlid, records, user=None, lang=None):
        Report = self.env["ir.actions.report"].with_context(
            force_report_rendering=True, **({"lang": lang} if lang else {})
        )
        if user:
            Report = Report.with_user(user)
        with self.rendering_pdfs():
            pdf, kind = Report._render_qweb_pdf(report_xmlid, records.ids)
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "report.pdf"
            path.write_bytes(pdf)
            pdftotext = shutil.which("pdftotext")  # Debian poppler-utils
            subprocess.run([pdftotext, "-layout", str(path)], check=True)  # noqa: S603
            return path.with_suffix(".txt").read_text(encoding="utf-8")

    def make_report(self):
        report = self.env["training.followup.report"].create(
            {
                "name": "Complaint handling 2026",
                "plan_id": self.plan.id,
                "recommendations": "<p>More role plays</p>",
                "cause_method": "Too few exercises",
            }
        )
        report.action_compute()
        return report

    def test_p4_3_followup_report_pdf(self):
        text = self.pdf_text(
            "training_followup.action_report_followup_report", self.make_report()
        )
        for expected in (
            "Follow-up Report: Complaint handling 2026",
            "75.0",  # average test score
            "66.7",  # pass rate
            "80.0",  # evaluation average
            "1.75",  # application effect
            "More role plays",
            "Too few exercises",
            self.company.name,  # the company header
        ):
            self.assertIn(expected, text)
        self.assertRegex(text, r"1\s*/\s*1\s*\f", "the page number")

    def test_p4_3_followup_report_pdf_in_chinese(self):
        load_chinese(self.env)
        self.user_officer.lang = "zh_CN"
        report = self.make_report()
        text = self.pdf_text(
            "training_followup.action_report_followup_report",
            report,
            user=self.user_officer,
            lang="zh_CN",
        )
        self.assertIn("跟踪报告", text)
        self.assertIn("建议", text)

    def test_p3_1_2_evaluation_report_pdf_without_single_scores(self):
        evaluation = self.env["training.evaluation"].create(
            {"followup_id": self.followups[self.employee].id}
        )
        evaluation.with_user(self.user_manager).action_open()
        for user, score in ((self.user_manager, "4"), (self.user_employee, "5")):
            response = evaluation.response_ids.filtered(
                lambda r, u=user: r.user_id == u
            )
            response.with_user(user).line_ids.write({"score": score})
            response.with_user(user).action_submit()
        evaluation.write(
            {"strengths": "Listens", "weaknesses": "Slow", "suggestions": "Practise"}
        )
        evaluation.action_close()
        text = self.pdf_text(
            "training_followup.action_report_evaluation",
            evaluation,
            user=self.user_employee,
        )
        self.assertIn("Performance Evaluation Report", text)
        self.assertIn("85.7", text)  # (50 * 80 + 20 * 100) / 70
        self.assertIn("90.0", text)  # every criterion group: (4 + 5) / 10
        self.assertIn("Listens", text)
        self.assertNotIn("Manager", text.replace("TF Manager", ""))
        # the outsider cannot print someone else's evaluation
        with self.assertRaises(AccessError):
            self.pdf_text(
                "training_followup.action_report_evaluation",
                evaluation,
                user=self.user_outsider,
            )

    def test_p3_2_1_training_record_pdf(self):
        self.record_test(self.employee, 95)
        text = self.pdf_text(
            "training_followup.action_report_training_record",
            self.employee,
            user=self.user_officer,
        )
        self.assertIn("Training Record: TF Employee", text)
        self.assertIn(self.course.name, text)
        self.assertIn("Excellent", text)
        self.assertIn("90.0", text)  # the closed evaluation
        own = self.pdf_text(
            "training_followup.action_report_training_record",
            self.employee,
            user=self.user_employee,
        )
        self.assertIn("Training Record: TF Employee", own, "one's own record")
        with self.assertRaises(AccessError):
            self.pdf_text(
                "training_followup.action_report_training_record",
                self.employee,
                user=self.user_outsider,
            )

    def report_page_numbers(self):
        """(page numbers of each page, footer handed to wkhtmltopdf, whether
        the addon stamped) of two follow-up reports printed together: two
        pages."""
        Report = self.env["ir.actions.report"]
        run = type(Report)._run_wkhtmltopdf
        stamp = type(Report)._training_number_pages
        with (
            patch.object(
                type(Report), "_run_wkhtmltopdf", autospec=True, side_effect=run
            ) as wkhtmltopdf,
            patch.object(
                type(Report), "_training_number_pages", autospec=True, side_effect=stamp
            ) as stamping,
        ):
            text = self.pdf_text(
                "training_followup.action_report_followup_report",
                self.make_report() | self.make_report(),
            )
        pages = text.split("\f")[:-1]  # pdftotext ends every page with \f
        self.assertEqual(len(pages), 2)
        numbers = [PAGE_NUMBER.findall(page) for page in pages]
        footer = wkhtmltopdf.call_args.kwargs["footer"]
        return numbers, footer, stamping.called

    def test_p4_3_pdf_one_page_number_per_page(self):
        """Whichever wkhtmltopdf runs (this machine's: Debian's, unpatched Qt,
        no footer drawn), every page carries exactly one number, its own."""
        numbers, _footer, stamped = self.report_page_numbers()
        self.assertEqual(numbers, [[("1", "2")], [("2", "2")]])
        self.assertEqual(stamped, not ir_actions_report.wkhtmltopdf_draws_footer())

    def test_p4_6_a_client_context_key_never_turns_numbering_off(self):
        """Only the archive's one-call printing (a mark of the module that no
        JSON context carries) leaves the numbering to the split: a client
        sending the key as it is named still gets every page numbered."""
        self.env = self.env(context=dict(self.env.context, training_archive_batch=True))
        numbers, _footer, stamped = self.report_page_numbers()
        self.assertEqual(stamped, not ir_actions_report.wkhtmltopdf_draws_footer())
        if stamped:
            self.assertEqual(numbers, [[("1", "2")], [("2", "2")]])

    def test_p4_3_pdf_page_numbers_left_to_a_drawn_footer(self):
        """With a wkhtmltopdf that draws the footer (patched Qt, simulated),
        the addon stamps nothing: the footer it hands over carries the
        numbers, so the page does not show two."""
        drawn = ir_actions_report.wkhtmltopdf_draws_footer()
        with patch.object(
            ir_actions_report, "wkhtmltopdf_draws_footer", return_value=True
        ):
            numbers, footer, stamped = self.report_page_numbers()
        self.assertFalse(stamped)
        self.assertIn("o_training_report_footer", footer)
        self.assertRegex(footer, r'<span class="page"></span> / <span class="topage">')
        if not drawn:  # this machine's wkhtmltopdf ignores the footer
            self.assertEqual(numbers, [[], []])

    def test_p4_3_wkhtmltopdf_footer_detection_asked_once(self):
        """Footers are drawn only by a wkhtmltopdf built on a patched Qt, as its
        --version says; the answer is cached for the process."""
        detect = ir_actions_report.wkhtmltopdf_draws_footer
        self.addCleanup(detect.cache_clear)
        for version, drawn in (
            (b"wkhtmltopdf 0.12.6 (with patched qt)\n", True),
            (b"wkhtmltopdf 0.12.6\n", False),
        ):
            detect.cache_clear()
            answer = subprocess.CompletedProcess([], 0, stdout=version, stderr=b"")
            with patch.object(
                ir_actions_report.subprocess, "run", return_value=answer
            ) as run:
                self.assertEqual(detect(), drawn)
                self.assertEqual(detect(), drawn)
            self.assertEqual(run.call_count, 1, "asked once per process")

    def test_p4_2_xlsx_export_read_back(self):
        wizard, action, book = self.export_plan(self.plan)
        self.assertIn(f"/web/content/{wizard.attachment_id.id}", action["url"])
        self.assertEqual(book.sheetnames, EXPORT_SHEETS)
        participants = list(book["Participants"].values)
        self.assertEqual(participants[0][0], "Employee")
        self.assertEqual(len(participants), 4, "header + 3 participants")
        by_name = {row[0]: row for row in participants[1:]}
        self.assertEqual(by_name["TF Employee"][4], "Excellent")
        self.assertAlmostEqual(by_name["TF Employee"][5], 95.0)
        self.assertAlmostEqual(by_name["TF Employee"][6], 90.0)
        self.assertEqual(by_name["TF Employee"][7:9], (2, 2))
        self.assertEqual(book["Participants"].freeze_panes, "A2")
        self.assertEqual(book["Participants"].auto_filter.ref, "A1:J4")
        tests = list(book["Tests"].values)[1:]
        self.assertEqual(sorted(row[4] for row in tests), [50, 80, 95])
        questionnaire = list(book["Questionnaire"].values)[1:]
        self.assertEqual(len(questionnaire), 5, "one row per rated dimension")
        self.assertEqual({row[5] for row in questionnaire}, {4.0})
        steps = list(book["Steps"].values)
        self.assertEqual(
            len(steps) - 1,
            self.env["training.followup.step"].search_count(
                [("followup_id", "in", self.plan.followup_ids.ids)]
            ),
        )

    def test_p4_2_export_refused_to_employees(self):
        with self.assertRaises(AccessError):
            self.env["training.followup.export"].with_user(self.user_employee).create(
                {"plan_id": self.plan.id}
            )


@tagged("post_install", "-at_install")
class TestReportTour(HttpCase, TrainingReportingCase):
    """P4.3 in a real browser: the officer computes and submits the report,
    the manager acknowledges it."""

    def test_p4_3_officer_submits_manager_acknowledges(self):
        self.start_tour(
            "/odoo", "training_followup_report_tour", login=self.user_officer.login
        )
        report = self.env["training.followup.report"].search(
            [("plan_id", "=", self.plan.id)]
        )
        self.assertEqual(report.state, "submitted")
        self.assertAlmostEqual(report.test_average, 75.0)
        self.start_tour(
            f"/odoo/training.followup.report/{report.id}",
            "training_followup_report_acknowledge_tour",
            login=self.user_manager.login,
        )
        self.assertEqual(report.state, "acknowledged")
        self.assertEqual(report.quality_score, "4")
        self.assertEqual(report.management_remarks, "Clear and useful")
