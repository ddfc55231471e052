import io
from unittest.mock import patch

from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time, tagged
from odoo.tools import mute_logger
from odoo.tools.pdf import PdfFileReader

from ..models.training_followup_cycle import TrainingFollowupCycle
from ..tools.process_guard import in_process
from .common import TrainingFollowupCase


@tagged("post_install", "-at_install")
class TestYearlyCycle(TrainingFollowupCase):
    """P4.6: the yearly summary and the electronic archive: the PDF of every
    document of the year, printed in the background by the archive job, the
    documents then locked for every role until the head of HR reopens the
    cycle."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # 2025: a year without demo data
        cls.plan = cls.make_plan(cls, date_start="2025-03-03", date_end="2025-03-04")
        cls.plan.action_communicate()
        with freeze_time("2025-06-02"):
            cls.report = cls.env["training.followup.report"].create(
                {
                    "name": "TF Report 2025",
                    "plan_id": cls.plan.id,
                    "management_user_id": cls.user_admin.id,
                }
            )
            cls.report.action_compute()
            cls.report.action_submit()
            cls.action = (
                cls.env["training.improvement.action"]
                .with_user(cls.user_officer)
                .create(
                    {
                        "name": "TF Measure 2025",
                        "department_id": cls.department.id,
                        "user_id": cls.user_manager.id,
                        "date_deadline": "2025-09-30",
                        "expected_effect": "Better",
                    }
                )
            )
        cls.inspection = cls.env["training.supervision.inspection"].create(
            {"name": "TF Inspection 2025", "date": "2025-11-20"}
        )
        # the tools, forms and records of the year
        followup = cls.plan.followup_ids[:1]
        cls.evaluation = cls.env["training.evaluation"].create(
            {"followup_id": followup.id, "strengths": "Careful"}
        )
        cls.evaluation.action_open()
        cls.assessment = cls.env["training.assessment"].create(
            {"followup_id": followup.id, "score": 80, "date": "2025-03-10"}
        )
        cls.observation = cls.env["training.observation"].create(
            {
                "followup_id": followup.id,
                "observed_change": "Uses the checklist",
                "date": "2025-04-10",
            }
        )
        cls.meeting = cls.env["training.meeting"].create(
            {"name": "TF Meeting 2025", "date": "2025-05-05", "minutes": "<p>Met</p>"}
        )
        cls.rectification = cls.env["training.rectification"].create(
            {
                "name": "TF Rectify 2025",
                "inspection_id": cls.inspection.id,
                "department_id": cls.department.id,
                "user_id": cls.user_manager.id,
                "date_deadline": "2025-12-15",
            }
        )
        cls.period = cls.env["training.kpi.period"].create(
            {"period_type": "year", "date_from": "2025-01-01"}
        )
        cls.period.with_user(cls.user_officer).action_compute()
        cls.cycle = cls.env["training.followup.cycle"].create(
            {"year": 2025, "summary": "<p>Done</p>"}
        )
        cls.documents = (cls.plan, cls.report, cls.action, cls.inspection)
        cls.records = (
            cls.evaluation,
            cls.assessment,
            cls.observation,
            cls.meeting,
            cls.rectification,
            cls.period,
        )
        cls.cron = cls.env.ref("training_followup.ir_cron_archive_cycles")

    def run_archive_job(self, real_pdfs=True, fail_on=None):
        """One run of the archive job as the scheduler runs it (own
        transaction, commits after each batch); with real PDFs, or the HTML
        that reports give in tests; `fail_on`: the key of a document whose
        printing crashes during this run."""
        render = TrainingFollowupCycle._render_archive_pdf

        def rendered(cycle, report, records):
            if fail_on and records == fail_on:
                raise RuntimeError("wkhtmltopdf crashed")
            if real_pdfs:
                cycle = cycle.with_context(force_report_rendering=True)
            return render(cycle, report, records)

        with (
            self.rendering_pdfs(),
            patch.object(TrainingFollowupCycle, "_render_archive_pdf", rendered),
        ):
            self.cron.method_direct_trigger()
        self.env.invalidate_all()

    def archive(self, real_pdfs=True):
        self.cycle.with_user(self.user_officer).action_archive_cycle()
        self.run_archive_job(real_pdfs=real_pdfs)
        self.assertEqual(self.cycle.state, "archived")

    def archive_keys(self):
        return sorted(self.cycle._get_archive_attachments().mapped("description"))

    def test_p4_6_figures_of_the_year(self):
        cycle = self.cycle
        self.assertEqual(
            (cycle.date_from.isoformat(), cycle.date_to.isoformat()),
            ("2025-01-01", "2025-12-31"),
        )
        self.assertEqual(cycle.name, "Follow-up cycle 2025")
        self.assertEqual(
            (
                cycle.plan_count,
                cycle.report_count,
                cycle.action_count,
                cycle.inspection_count,
            ),
            (1, 1, 1, 1),
        )

    def test_p4_6_archive_attaches_pdfs_and_locks_for_every_role(self):
        self.archive()
        cycle = self.cycle
        self.assertEqual(cycle.state, "archived")
        self.assertEqual(len(cycle.attachment_ids), 10)
        for attachment in cycle.attachment_ids:
            self.assertTrue(attachment.raw.startswith(b"%PDF"), attachment.name)
        self.assertEqual(
            sorted(a.description.split(",")[0] for a in cycle.attachment_ids),
            sorted(record._name for record in self.documents + self.records),
        )
        for record in self.documents:
            self.assertEqual(record.cycle_id, cycle)
            self.assertTrue(record.is_archived)
            for user in self.role_users.values():
                # AccessError (no right) or UserError (archived): both UserError
                with self.assertRefused(UserError, ""):
                    record.with_user(user).write({"name": "Changed"})
            with self.assertRefused(UserError, "archived in the cycle"):
                record.sudo().write({"name": "Changed"})
            with self.assertRefused(UserError, "archived in the cycle"):
                record.sudo().unlink()
            # the chatter stays open
            record.message_post(body="Looked at it again")
        for user in (self.user_officer, self.user_admin):
            with self.assertRefused(UserError, "archived in the cycle"):
                self.action.with_user(user).write({"name": "Changed"})
        with self.assertRefused(UserError, "archived in the cycle"):
            self.inspection.check_ids[:1].write({"finding": "Changed"})
        with self.assertRefused(UserError, "archived cycle"):
            cycle.write({"summary": "<p>Changed</p>"})

    def test_p4_6_reopen_is_logged(self):
        self.archive(real_pdfs=False)
        with self.assertRefused(AccessError, "head of HR"):
            self.cycle.with_user(self.user_officer).action_open_reopen()
        with self.assertRefused(AccessError, "head of HR"):
            self.give_reason(self.user_officer, self.cycle, "cycle_reopen", "Please")
        self.assertEqual(self.cycle.state, "archived")
        self.give_reason(
            self.user_admin, self.cycle, "cycle_reopen", "The inspection date was wrong"
        )
        self.assertEqual(self.cycle.state, "draft")
        message = self.cycle.message_ids[:1]
        self.assertIn("The inspection date was wrong", message.body)
        self.assertIn(self.user_admin.name, message.body)
        self.assertEqual(message.author_id, self.user_admin.partner_id)
        self.inspection.with_user(self.user_supervisor).write({"name": "Corrected"})
        self.assertFalse(self.inspection.is_archived)
        # archived again, the archive is replaced, not doubled
        self.archive(real_pdfs=False)
        self.assertEqual(len(self.cycle.attachment_ids), 10)

    def test_p4_6_bad_input(self):
        with self.assertRefused(AccessError, "training department"):
            self.cycle.with_user(self.user_supervisor).action_archive_cycle()
        self.cycle.summary = False
        with self.assertRefused(UserError, "summary"):
            self.cycle.with_user(self.user_officer).action_archive_cycle()
        self.assertEqual(self.cycle.state, "draft")
        self.assertFalse(self.plan.cycle_id)
        with (
            self.assertRefused(Exception, "training_followup_cycle_year_unique"),
            mute_logger("odoo.sql_db"),  # the refused INSERT, expected
            self.env.cr.savepoint(),
        ):
            self.env["training.followup.cycle"].create({"year": 2025})

    def test_p4_6_summary_drafted_from_the_data(self):
        in_process(self.report).write({"problems": "<p>Too little practice</p>"})
        self.cycle.with_user(self.user_officer).action_draft_from_data()
        self.assertIn("TF Report 2025", self.cycle.results)
        self.assertIn("TF Measure 2025", self.cycle.improvement_summary)
        self.assertIn("Too little practice", self.cycle.problems)

    def test_p4_6_every_document_kind_is_archived_and_locked(self):
        self.archive()
        cycle = self.cycle
        self.assertEqual(
            {key.split(",")[0] for key in self.archive_keys()},
            {kind._name for kind in cycle._archived_models()},
        )
        # the kinds the archivable models declare, in the archive's order
        self.assertEqual(
            [kind._name for kind in cycle._archived_models()],
            [
                "training.followup.plan",
                "training.followup.report",
                "training.improvement.action",
                "training.supervision.inspection",
                "training.evaluation",
                "training.assessment",
                "training.observation",
                "training.meeting",
                "training.rectification",
                "training.kpi.period",
            ],
        )
        names = cycle.attachment_ids.mapped("name")
        for name in ("Test Results 2025.pdf", "Scorecards 2025.pdf"):
            self.assertIn(name, names)
        self.assertEqual(
            (cycle.archive_done_count, cycle.archive_total_count), (10, 10)
        )
        self.assertEqual(cycle.archive_progress, 100.0)
        changes = {
            self.evaluation: {"strengths": "Changed"},
            self.assessment: {"note": "Changed"},
            self.observation: {"feedback": "Changed"},
            self.meeting: {"minutes": "<p>Changed</p>"},
            self.rectification: {"name": "Changed"},
            self.period: {"period_type": "quarter"},
        }
        for record, values in changes.items():
            self.assertEqual(record.cycle_id, cycle)
            self.assertTrue(record.is_archived)
            for user in self.role_users.values():
                with self.assertRefused(UserError, ""):
                    record.with_user(user).write(values)
            with self.assertRefused(UserError, "archived in the cycle"):
                record.sudo().write(values)
            with self.assertRefused(UserError, "archived in the cycle"):
                record.sudo().unlink()
            record.message_post(body="Looked at it again")
        # the forms and scorecards go with their evaluation and period
        with self.assertRefused(UserError, "archived in the cycle"):
            self.period.scorecard_ids[:1].sudo().unlink()
        response = self.evaluation.response_ids[:1]
        self.assertTrue(response)
        with self.assertRefused(UserError, "archived in the cycle"):
            response.sudo().write({"state": "draft"})
        with self.assertRefused(UserError, "archived in the cycle"):
            response.line_ids[:1].sudo().write({"comment": "Changed"})

    def test_p4_6_archive_request_renders_nothing(self):
        with patch.object(
            TrainingFollowupCycle,
            "_render_archive_pdf",
            side_effect=AssertionError("rendered in the request"),
            autospec=True,
        ):
            self.cycle.with_user(self.user_officer).action_archive_cycle()
        cycle = self.cycle
        self.assertEqual(cycle.state, "archiving")
        self.assertFalse(cycle._get_archive_attachments())
        self.assertEqual((cycle.archive_done_count, cycle.archive_total_count), (0, 10))
        self.assertTrue(
            self.env["ir.cron.trigger"].search([("cron_id", "=", self.cron.id)])
        )
        # P4.6: locked from the moment the archive is queued
        self.assertTrue(self.plan.is_archived)
        with self.assertRefused(UserError, "being archived in the cycle"):
            self.plan.sudo().write({"note": "<p>Changed meanwhile</p>"})
        with self.assertRefused(UserError, "being made"):
            cycle.write({"summary": "<p>Changed</p>"})
        with self.assertRefused(UserError, "being archived"):
            cycle.with_user(self.user_officer).action_archive_cycle()

    def test_p4_6_archive_locks_at_archive_until_reopened(self):
        """P4.6: from *Archive* on, every document of the year refuses
        changes and deletion (superuser included), so the job prints what
        is locked; the head of HR reopening it, with a logged reason,
        unlocks them and the job stops."""
        self.cycle.with_user(self.user_officer).action_archive_cycle()
        self.assertEqual(self.cycle.state, "archiving")
        for record in self.documents:
            self.assertEqual(record.cycle_id, self.cycle)
            for user in (self.user_officer, self.user_admin):
                with self.assertRefused(UserError, ""):
                    record.with_user(user).write({"name": "Changed meanwhile"})
            with self.assertRefused(UserError, "being archived in the cycle"):
                record.sudo().write({"name": "Changed meanwhile"})
            with self.assertRefused(UserError, "being archived in the cycle"):
                record.sudo().unlink()
        # the officer may not reopen; the head of HR does, with the reason
        with self.assertRefused(AccessError, "head of HR"):
            self.cycle.with_user(self.user_officer).action_open_reopen()
        self.give_reason(
            self.user_admin, self.cycle, "cycle_reopen", "A report was still wrong"
        )
        self.assertEqual(self.cycle.state, "draft")
        self.assertIn("A report was still wrong", self.cycle.message_ids[:1].body)
        self.plan.sudo().write({"note": "<p>Corrected</p>"})
        self.assertFalse(self.plan.is_archived)
        # the job finds nothing to archive any more
        self.run_archive_job(real_pdfs=False)
        self.assertEqual(self.cycle.state, "draft")
        self.assertFalse(self.cycle._get_archive_attachments())

    def test_p4_6_archive_job_resumes_without_duplicates(self):
        self.cycle.with_user(self.user_officer).action_archive_cycle()
        with patch.object(TrainingFollowupCycle, "_archive_batch_size", 3):
            # the second batch (inspection, evaluation, tests) crashes on
            # its second document
            with mute_logger("odoo.addons.base.models.ir_cron"):
                self.run_archive_job(real_pdfs=False, fail_on=self.evaluation)
            cycle = self.cycle
            self.assertEqual(cycle.state, "archiving")
            self.assertEqual(len(self.archive_keys()), 3)
            self.assertEqual(cycle.archive_done_count, 3)
            # locked since Archive, while the job goes on
            self.assertTrue(self.plan.is_archived)
            # the next run goes on where the first stopped
            self.run_archive_job(real_pdfs=False)
        self.assertEqual(cycle.state, "archived")
        keys = self.archive_keys()
        self.assertEqual(len(keys), 10)
        self.assertEqual(len(set(keys)), len(keys), "a document attached twice")
        self.assertIn(f"training.evaluation,{self.evaluation.id}", keys)
        self.assertTrue(self.evaluation.is_archived)

    def test_p4_6_documents_of_one_report_share_a_wkhtmltopdf_call(self):
        """P4.6, the yearly close in minutes: the documents of one report are
        printed by one wkhtmltopdf call and split again, each into a PDF of
        its own that holds that document only, numbered by itself."""
        meetings = self.meeting | self.env["training.meeting"].create(
            [{"name": f"TF Meeting 2025 {n}", "date": f"2025-06-0{n}"} for n in (2, 3)]
        )
        report_model = type(self.env["ir.actions.report"])
        run = report_model._run_wkhtmltopdf
        calls = []

        def counted(report, bodies, *args, **kwargs):
            calls.append(kwargs.get("report_ref"))
            return run(report, bodies, *args, **kwargs)

        render = TrainingFollowupCycle._render_archive_pdfs

        def real_pdfs(cycle, report, records):
            cycle = cycle.with_context(force_report_rendering=True)
            return render(cycle, report, records)

        self.cycle.with_user(self.user_officer).action_archive_cycle()
        with (
            patch.object(report_model, "_run_wkhtmltopdf", counted),
            patch.object(TrainingFollowupCycle, "_render_archive_pdfs", real_pdfs),
        ):
            self.run_archive_job()
        self.assertEqual(self.cycle.state, "archived")
        keys = self.archive_keys()
        self.assertEqual(len(keys), 12)
        self.assertEqual(len(set(keys)), 12, "a document attached twice")
        # ten reports, ten calls: the three meetings went in one
        self.assertEqual(len(calls), 10)
        meeting_report = self.env.ref("training_followup.action_report_meeting")
        self.assertEqual(calls.count(meeting_report), 1)
        attachments = self.cycle._get_archive_attachments()
        contents = set()
        for meeting in meetings:
            attachment = attachments.filtered(
                lambda a, m=meeting: a.description == f"training.meeting,{m.id}"
            )
            self.assertEqual(len(attachment), 1)
            self.assertIn(meeting.name, attachment.name)
            # one page of its own (the shared call split per page), numbered
            # by itself (wkhtmltopdf's pages hold no text: the number does)
            reader = PdfFileReader(io.BytesIO(attachment.raw), strict=False)
            self.assertEqual(len(reader.pages), 1)
            self.assertIn("1 / 1", reader.pages[0].extract_text())
            contents.add(attachment.raw)
        self.assertEqual(len(contents), 3, "a meeting's PDF given to another")
        self.assertTrue(all(meetings.mapped("is_archived")))

    def test_p4_6_a_crash_in_a_shared_call_attaches_none_of_its_documents(self):
        """P4.6: when the call of several documents crashes, none of them is
        attached; the next run prints them, each once."""
        self.env["training.meeting"].create(
            [{"name": f"TF Meeting 2025 {n}", "date": f"2025-06-0{n}"} for n in (2, 3)]
        )
        cycle_model = TrainingFollowupCycle
        render = cycle_model._render_archive_pdfs

        def crashing(cycle, report, records):
            if records._name == "training.meeting":
                raise RuntimeError("wkhtmltopdf crashed")
            return render(cycle, report, records)

        self.cycle.with_user(self.user_officer).action_archive_cycle()
        with (
            patch.object(cycle_model, "_render_archive_pdfs", crashing),
            mute_logger("odoo.addons.base.models.ir_cron"),
        ):
            self.run_archive_job(real_pdfs=False)
        self.assertEqual(self.cycle.state, "archiving")
        self.assertFalse(
            [key for key in self.archive_keys() if key.startswith("training.meeting")]
        )
        self.run_archive_job(real_pdfs=False)
        self.assertEqual(self.cycle.state, "archived")
        keys = self.archive_keys()
        self.assertEqual(len(keys), 12)
        self.assertEqual(len(set(keys)), 12, "a document attached twice")

    def test_p4_6_a_large_year_is_printed_in_parts(self):
        """The test results of a large year are printed in several PDFs of
        at most `_archive_year_part_size` records, each once, and every
        result is in exactly one of them and locked."""
        followup = self.plan.followup_ids[:1]
        more = self.env["training.assessment"].create(
            [
                {"followup_id": followup.id, "score": score, "date": "2025-06-10"}
                for score in (60, 70, 90, 95)
            ]
        )
        tests = (self.assessment | more).sorted("id")
        self.cycle.with_user(self.user_officer).action_archive_cycle()
        with patch.object(TrainingFollowupCycle, "_archive_year_part_size", 2):
            parts = [
                (key, records)
                for key, _report, records in self.cycle._get_archive_jobs()
                if key.startswith("training.assessment,")
            ]
            self.assertEqual(
                [key for key, _records in parts],
                [
                    "training.assessment,year",
                    "training.assessment,year,2",
                    "training.assessment,year,3",
                ],
            )
            self.assertEqual(
                [records.ids for _key, records in parts],
                [tests[:2].ids, tests[2:4].ids, tests[4:].ids],
            )
            self.run_archive_job(real_pdfs=False)
            # run again: nothing more is printed
            self.run_archive_job(real_pdfs=False)
        cycle = self.cycle
        self.assertEqual(cycle.state, "archived")
        keys = self.archive_keys()
        self.assertEqual(len(keys), len(set(keys)), "a document attached twice")
        self.assertEqual(len(keys), 12)
        names = cycle.attachment_ids.mapped("name")
        for name in (
            "Test Results 2025.pdf",
            "Test Results 2025 (2).pdf",
            "Test Results 2025 (3).pdf",
        ):
            self.assertIn(name, names)
        self.assertTrue(all(tests.mapped("is_archived")))

    def test_p4_6_archive_refused_to_other_roles(self):
        for role, user in self.role_users.items():
            if user.has_group("training_followup.group_training_officer"):
                continue
            with self.assertRefused(AccessError, "training department"):
                self.cycle.with_user(user).action_archive_cycle()
            self.assertEqual(self.cycle.state, "draft", role)
        self.assertFalse(
            self.env["ir.cron.trigger"].search([("cron_id", "=", self.cron.id)])
        )
