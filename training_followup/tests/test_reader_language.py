import re

from odoo.tests import freeze_time, tagged

from .common import TrainingFollowupCase, load_chinese

CJK = re.compile(r"[\u4e00-\u9fff]")


@tagged("post_install", "-at_install")
class TestReaderLanguage(TrainingFollowupCase):
    """What the addon writes comes out in the language of the person who reads
    it: an English-speaking training officer communicates the plan, the
    Chinese employee reads Chinese to-dos, step names, reminder mails and the
    kick-off message; the officer and an English manager keep English."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_chinese(cls.env)
        cls.user_employee.lang = "zh_CN"
        cls.user_officer.lang = cls.user_manager.lang = "en_US"
        cls.course.update_field_translations("name", {"zh_CN": "投诉处理"})
        cls.zh = cls.env(context=dict(cls.env.context, lang="zh_CN"))
        cls.en = cls.env(context=dict(cls.env.context, lang="en_US"))

    def communicate(self):
        plan = self.make_plan(self.employee | self.colleague)
        plan.with_user(self.user_officer).action_communicate()
        self.env.invalidate_all()
        return plan

    def test_p1_3_todo_and_step_names_in_the_assignee_language(self):
        plan = self.communicate()
        followup = plan.followup_ids.filtered(lambda f: f.employee_id == self.employee)
        step = followup.step_ids.filtered(lambda s: s.step_type == "questionnaire")
        line = step.template_line_id
        chinese = line.with_env(self.zh).name
        self.assertRegex(chinese, CJK)
        # the employee's to-do is in Chinese, its link too
        todo = followup.activity_ids
        self.assertEqual(todo.user_id, self.user_employee)
        self.assertEqual(todo.summary, chinese)
        link = self.zh._("Answer the anonymous questionnaire")
        self.assertRegex(link, CJK)
        self.assertIn(link, str(todo.note))
        # the step carries both languages: each reader sees their own
        self.assertEqual(step.with_env(self.zh).name, chinese)
        self.assertEqual(step.with_env(self.en).name, line.with_env(self.en).name)
        # the English officer's and manager's to-dos stay English
        for todo in plan.activity_ids:
            self.assertNotRegex(todo.summary, CJK, todo.user_id.name)
        # the session and the plan are named in every language of the course
        self.assertEqual(plan.with_env(self.zh).name, "投诉处理 (2026-04-01)")
        self.assertEqual(
            plan.with_env(self.en).name, "TF Complaint Handling (2026-04-01)"
        )

    def test_p4_1_kickoff_message_in_each_reader_language(self):
        plan = self.communicate()
        messages = plan.message_ids.filtered(lambda m: m.message_type == "comment")
        chinese = messages.filtered(
            lambda m: self.user_employee.partner_id in m.partner_ids
        )
        english = messages.filtered(
            lambda m: self.user_manager.partner_id in m.partner_ids
        )
        self.assertEqual(len(chinese), 1)
        self.assertEqual(len(english), 1)
        self.assertNotEqual(chinese, english)
        self.assertNotIn(self.user_manager.partner_id, chinese.partner_ids)
        self.assertNotIn(self.user_employee.partner_id, english.partner_ids)
        starts_zh = self.zh._(
            "The follow-up of the training %(session)s starts. Please "
            "cooperate with the training department.",
            session="投诉处理 (2026-04-01)",
        )
        self.assertRegex(starts_zh, CJK)
        self.assertIn(starts_zh, str(chinese.body))
        self.assertIn(
            "Please cooperate with the training department.", str(english.body)
        )
        self.assertNotRegex(str(english.body), CJK)

    def test_p1_3_reminder_mail_in_the_recipient_language(self):
        self.company.write({"training_reminder_days": 2})
        plan = self.communicate()
        step = plan.step_ids.filtered(
            lambda s: s.step_type == "questionnaire" and s.user_id == self.user_employee
        )
        cron = self.env.ref("training_followup.ir_cron_process_deadlines")
        # the daily action runs as its English-speaking user
        cron.user_id.lang = "en_US"
        # the reminder is due on the second working day before 10 April
        with freeze_time("2026-04-08"), self.enter_registry_test_mode():
            cron.method_direct_trigger()
        self.env.invalidate_all()
        template = self.env.ref("training_followup.mail_template_step_reminder")
        mail = (
            self.env["mail.mail"]
            .search([("recipient_ids", "in", self.user_employee.partner_id.ids)])
            .filtered(lambda m: m.subject == template.with_env(self.zh).subject)
        )
        self.assertEqual(len(mail), 1)
        self.assertRegex(mail.subject, CJK)
        self.assertIn(step.with_env(self.zh).name, mail.body_html)
        self.assertNotIn(step.with_env(self.en).name, mail.body_html)
