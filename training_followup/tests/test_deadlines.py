from datetime import date
from unittest.mock import patch

from lxml import etree

from odoo.addons.training_followup.models.training_followup_step import (
    TrainingFollowupStep,
)
from odoo.tests import freeze_time, tagged
from odoo.tools import mute_logger
from odoo.tools.safe_eval import safe_eval

from .common import TrainingFollowupCase


@tagged("post_install", "-at_install")
class TestDeadlines(TrainingFollowupCase):
    """P1.3 timely: the daily action reminds, marks late and escalates each
    step once, in working days, and survives a failing record."""

    def setUp(self):
        super().setUp()
        self.company.write({"training_reminder_days": 2, "training_escalation_days": 3})
        self.cron = self.env.ref("training_followup.ir_cron_process_deadlines")

    def start(self):
        plan = self.make_plan()
        plan.action_communicate()
        # the questionnaire is due Friday 10 April 2026 (1 week after the end)
        step = plan.step_ids.filtered(lambda s: s.step_type == "questionnaire")
        self.assertEqual(step.date_deadline, date(2026, 4, 10))
        return plan, step

    def run_cron(self, day):
        with freeze_time(day), self.enter_registry_test_mode():
            self.cron.method_direct_trigger()
        self.env.invalidate_all()

    def mails(self, template_xmlid, user):
        template = self.env.ref(template_xmlid)
        return self.env["mail.mail"].search(
            [
                ("subject", "=", template.subject),
                ("recipient_ids", "in", user.partner_id.ids),
            ]
        )

    def test_p1_3_notice_dates_in_working_days(self):
        _plan, step = self.start()
        self.assertEqual(step.reminder_date, date(2026, 4, 8))
        self.assertEqual(step.escalation_date, date(2026, 4, 15))
        self.assertEqual(step.escalation2_date, date(2026, 4, 20))

    def test_p1_3_notice_dates_follow_the_settings(self):
        _plan, step = self.start()
        done = _plan.step_ids.filtered(lambda s: s.state == "done")[:1]
        done_dates = (done.reminder_date, done.escalation_date)
        self.company.write({"training_reminder_days": 3, "training_escalation_days": 1})
        self.assertEqual(step.reminder_date, date(2026, 4, 7))
        self.assertEqual(step.escalation_date, date(2026, 4, 13))
        self.assertEqual(step.escalation2_date, date(2026, 4, 14))
        self.assertEqual((done.reminder_date, done.escalation_date), done_dates)

    def test_p1_3_reminder_day_once(self):
        _plan, step = self.start()
        reminder = "training_followup.mail_template_step_reminder"
        self.run_cron("2026-04-07")
        self.assertFalse(self.mails(reminder, self.user_employee), "too early")
        self.run_cron("2026-04-08")
        mail = self.mails(reminder, self.user_employee)
        self.assertEqual(len(mail), 1)
        self.assertIn("Training-effect questionnaire", mail.body_html)
        self.assertIn(f"/odoo/training.followup/{step.followup_id.id}", mail.body_html)
        self.assertEqual(step.reminder_sent_date, date(2026, 4, 8))
        self.run_cron("2026-04-08")
        self.run_cron("2026-04-09")
        self.assertEqual(len(self.mails(reminder, self.user_employee)), 1, "sent once")

    def test_p1_3_late_then_first_and_second_escalation(self):
        _plan, step = self.start()
        escalation = "training_followup.mail_template_step_escalation"
        escalation_hr = "training_followup.mail_template_step_escalation_hr"
        self.run_cron("2026-04-10")
        self.assertFalse(step.is_late, "due today is not late")
        self.run_cron("2026-04-13")
        self.assertTrue(step.is_late, "late the (working) day after")
        self.assertFalse(self.mails(escalation, self.user_manager))
        self.run_cron("2026-04-15")
        self.assertEqual(len(self.mails(escalation, self.user_manager)), 1)
        self.assertEqual(len(self.mails(escalation, self.user_officer)), 1)
        self.assertEqual(step.escalation_sent_date, date(2026, 4, 15))
        self.assertFalse(self.mails(escalation_hr, self.user_admin))
        self.run_cron("2026-04-15")
        self.assertEqual(len(self.mails(escalation, self.user_manager)), 1, "once")
        self.run_cron("2026-04-20")
        self.assertEqual(len(self.mails(escalation_hr, self.user_admin)), 1)
        self.assertEqual(step.escalation2_sent_date, date(2026, 4, 20))
        self.run_cron("2026-04-21")
        self.assertEqual(len(self.mails(escalation_hr, self.user_admin)), 1, "once")

    def test_p1_3_done_step_is_not_chased(self):
        _plan, step = self.start()
        step._mark_done()
        self.run_cron("2026-04-20")
        self.assertFalse(step.reminder_sent_date or step.escalation_sent_date)
        for template, user in (
            ("training_followup.mail_template_step_escalation", self.user_manager),
            ("training_followup.mail_template_step_escalation_hr", self.user_admin),
        ):
            for mail in self.mails(template, user):
                self.assertNotIn("Training-effect questionnaire", mail.body_html)

    def test_p1_3_with_late_steps_filter_needs_one_step_both_open_and_late(self):
        """The follow-ups' "With Late Steps" filter finds a follow-up one of
        whose steps is both still to do and late; not one whose late step is
        done and whose other open step is not due yet."""
        plan = self.make_plan(self.employee | self.colleague)
        plan.action_communicate()
        self.run_cron("2026-04-13")  # the questionnaires, due 10 April, are late
        late_open = plan.followup_ids.filtered(lambda f: f.employee_id == self.employee)
        done_late = plan.followup_ids - late_open
        with freeze_time("2026-04-13"):
            done_late.step_ids.filtered(
                lambda s: s.state == "todo" and s.is_late
            )._mark_done()

        def steps(followup, state, is_late):
            return followup.step_ids.filtered(
                lambda s: s.state == state and s.is_late == is_late
            )

        self.assertTrue(steps(late_open, "todo", True))
        self.assertTrue(steps(done_late, "done", True), "a step done late")
        self.assertTrue(steps(done_late, "todo", False), "another step not due yet")
        self.assertFalse(steps(done_late, "todo", True))
        search_view = self.env.ref("training_followup.training_followup_view_search")
        late_filter = etree.fromstring(search_view.arch).find(
            ".//filter[@name='filter_late']"
        )
        found = self.env["training.followup"].search(
            [*safe_eval(late_filter.get("domain")), ("plan_id", "=", plan.id)]
        )
        self.assertEqual(found, late_open)

    def test_p1_3_failing_record_skipped_and_retried(self):
        plan, step = self.start()
        other = plan.step_ids.filtered(
            lambda s: s.step_type == "knowledge_test"
        )  # due 17 April, reminded 15 April
        original = TrainingFollowupStep._get_notice_recipients

        def broken(records, phase):
            if records == step:
                raise ValueError("broken data")
            return original(records, phase)

        with (
            patch.object(TrainingFollowupStep, "_get_notice_recipients", broken),
            # the failure is logged with its traceback, as expected
            mute_logger("odoo.addons.training_followup.models.training_followup_step"),
        ):
            self.run_cron("2026-04-15")
        self.assertFalse(step.escalation_sent_date, "skipped")
        self.assertEqual(
            other.reminder_sent_date, date(2026, 4, 15), "the rest went on"
        )
        self.run_cron("2026-04-16")
        self.assertEqual(step.escalation_sent_date, date(2026, 4, 16), "retried")

    def test_p1_3_holiday_moves_the_reminder_not_the_deadline(self):
        self.add_public_holiday(date(2026, 4, 8))
        _plan, step = self.start()
        self.assertEqual(step.date_deadline, date(2026, 4, 10))
        self.assertEqual(step.reminder_date, date(2026, 4, 7))
        self.run_cron("2026-04-07")
        self.assertEqual(step.reminder_sent_date, date(2026, 4, 7))
