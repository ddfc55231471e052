from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time, tagged
from odoo.tools import mute_logger

from .common import TrainingFollowupCase


@tagged("post_install", "-at_install")
class TestYearlyCycle(TrainingFollowupCase):
    """P4.6: the yearly summary and the electronic archive: the PDF of every
    plan, report, improvement action and inspection of the year, which are
    then locked for every role until the head of HR reopens the cycle."""

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
        cls.cycle = cls.env["training.followup.cycle"].create(
            {"year": 2025, "summary": "<p>Done</p>"}
        )
        cls.documents = (cls.plan, cls.report, cls.action, cls.inspection)

    def archive(self):
        with self.rendering_pdfs():
            self.cycle.with_user(self.user_officer).with_context(
                force_report_rendering=True
            ).action_archive_cycle()

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
        self.assertEqual(len(cycle.attachment_ids), 4)
        for attachment in cycle.attachment_ids:
            self.assertTrue(attachment.raw.startswith(b"%PDF"), attachment.name)
        self.assertEqual(
            sorted(a.description.split(",")[0] for a in cycle.attachment_ids),
            sorted(record._name for record in self.documents),
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
        self.archive()
        with self.assertRefused(AccessError, "head of HR"):
            self.cycle.with_user(self.user_officer).action_open_reopen()
        self.env["training.followup.reason"].with_user(self.user_admin).with_context(
            active_model=self.cycle._name, active_ids=self.cycle.ids
        ).create({"reason": "The inspection date was wrong"}).action_confirm()
        self.assertEqual(self.cycle.state, "draft")
        message = self.cycle.message_ids[:1]
        self.assertIn("The inspection date was wrong", message.body)
        self.assertIn(self.user_admin.name, message.body)
        self.assertEqual(message.author_id, self.user_admin.partner_id)
        self.inspection.with_user(self.user_supervisor).write({"name": "Corrected"})
        self.assertFalse(self.inspection.is_archived)
        # archived again, the archive is replaced, not doubled
        self.archive()
        self.assertEqual(len(self.cycle.attachment_ids), 4)

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
        self.report.sudo().with_context(training_report_compute=True).write(
            {"problems": "<p>Too little practice</p>"}
        )
        self.cycle.with_user(self.user_officer).action_draft_from_data()
        self.assertIn("TF Report 2025", self.cycle.results)
        self.assertIn("TF Measure 2025", self.cycle.improvement_summary)
        self.assertIn("Too little practice", self.cycle.problems)
