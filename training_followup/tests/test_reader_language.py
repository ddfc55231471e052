import re

from odoo.tests import freeze_time, tagged

from .common import TrainingFollowupCase, load_chinese
from .test_test_suite import RULE_ID

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


def text_of(html):
    """The words of a message body, without its markup."""
    return re.sub(r"<[^>]+>", " ", str(html or ""))


@tagged("post_install", "-at_install")
class TestChatterInReaderLanguage(TrainingFollowupCase):
    """P1.3: what is written on an employee's follow-up (chatter messages,
    the notes of its to-dos, the "done" note of a to-do) is in the employee's
    language, whoever acts: an English-speaking training officer or manager
    leaves Chinese on a Chinese employee's follow-up, a Chinese one English on
    an English employee's. No text names a rule id."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the addon's terms and Odoo's own for the "done" note of a to-do
        load_chinese(cls.env, ("training_followup", "mail"))
        cls.course.update_field_translations("name", {"zh_CN": "投诉处理"})
        # a step of the company's own, the employee's, ticked by hand
        line = cls.env["training.followup.template.line"].create(
            {
                "template_id": cls.template.id,
                "sequence": 1,
                "name": "TF Sign the attendance sheet",
                "step_type": "manual",
                "responsible": "employee",
                "offset_value": 0,
            }
        )
        line.update_field_translations("name", {"zh_CN": "签署签到表"})
        cls.zh = cls.env(context=dict(cls.env.context, lang="zh_CN"))
        cls.en = cls.env(context=dict(cls.env.context, lang="en_US"))

    def speak(self, employee_lang, staff_lang):
        self.user_employee.lang = employee_lang
        (self.user_officer | self.user_manager).write({"lang": staff_lang})

    def act_on_followup(self, done_reason, return_reason):
        """The staff act on the employee's follow-up, each in their own
        language as the web client does: communicate the plan, record a test
        result, tick the employee's step by hand, return it for correction,
        close the work-performance evaluation."""
        officer, manager = self.user_officer, self.user_manager

        def acting(records, user):
            return records.with_user(user).with_context(lang=user.lang)

        plan = self.make_plan()
        acting(plan, officer).action_communicate()
        followup = plan.followup_ids
        test = acting(self.env["training.assessment"], officer).create(
            {"followup_id": followup.id, "method": "written", "score": 80}
        )
        test.action_record()
        step = followup.step_ids.filtered(lambda s: s.step_type == "manual")
        self.assertEqual(step.user_id, self.user_employee)
        self.assertTrue(step.activity_id, "the step is the employee's to-do")
        for decision, reason in (
            ("step_done", done_reason),
            ("step_return", return_reason),
        ):
            Reason = acting(self.env["training.followup.reason"], officer)
            action = Reason._open_for(step, decision, decision)
            Reason.with_context(**action["context"]).create(
                {"reason": reason}
            ).action_confirm()
        self.assertEqual((step.state, step.return_count), ("done", 1))
        action = acting(followup, manager).action_new_evaluation()
        evaluation = acting(self.env["training.evaluation"], manager).browse(
            action["res_id"]
        )
        evaluation.action_open()
        response = evaluation.response_ids.filtered(lambda r: r.user_id == manager)
        response.line_ids.write({"score": "4"})
        response.action_submit()
        evaluation.write({"strengths": "-", "weaknesses": "-", "suggestions": "-"})
        evaluation.action_close()
        self.env.invalidate_all()
        return followup, step, test, evaluation

    def written(self, followup, test, evaluation):
        """Every text written on the follow-up and its documents: message
        bodies, to-do summaries and notes."""
        messages = followup.message_ids | test.message_ids | evaluation.message_ids
        activities = self.env["mail.activity"].search(
            [("res_model", "=", followup._name), ("res_id", "=", followup.id)]
        )
        texts = [text_of(m.body) for m in messages if text_of(m.body).strip()]
        texts += [a.summary or "" for a in activities]
        texts += [text_of(a.note) for a in activities if text_of(a.note).strip()]
        return texts, messages

    def test_p1_3_english_officer_writes_chinese_on_a_chinese_followup(self):
        self.speak("zh_CN", "en_US")
        followup, step, test, evaluation = self.act_on_followup(
            "纸质签到表已归档", "签名缺失"
        )
        texts, messages = self.written(followup, test, evaluation)
        step_zh = step.with_env(self.zh).name
        self.assertEqual(step_zh, "签署签到表")
        zh = self.zh._
        expected = [
            zh("Follow-up step done."),
            zh(
                "%(user)s marked the step %(step)s done by hand.",
                user=self.user_officer.name,
                step=step_zh,
            ),
            zh("Correct: %(step)s", step=step_zh),
        ]
        for sentence in expected:
            self.assertRegex(sentence, CJK, "the zh_CN translation is loaded")
            self.assertTrue(
                any(sentence in text for text in texts), f"{sentence} is written"
            )
        # Odoo's own "done" note of the to-do, in Chinese too
        done_notes = messages.filtered(lambda m: zh("Follow-up step done.") in m.body)
        self.assertTrue(done_notes)
        for english in ("Original note", "Feedback:", " done", "created"):
            self.assertNotIn(english, str(done_notes.mapped("body")))
        for text in texts:
            self.assertRegex(text, CJK, text)
            self.assertNotRegex(text, RULE_ID, text)
            for english in (
                "Follow-up step done.",
                "marked the step",
                "Correct:",
                "Original note",
                "Feedback:",
                "work-performance evaluation",
                "created",
            ):
                self.assertNotIn(english, text)

    def test_p1_3_chinese_officer_writes_english_on_an_english_followup(self):
        self.speak("en_US", "zh_CN")
        followup, step, test, evaluation = self.act_on_followup(
            "Signed on paper, filed", "Signature missing"
        )
        texts, _messages = self.written(followup, test, evaluation)
        step_en = step.with_env(self.en).name
        expected = [
            "Follow-up step done.",
            f"{self.user_officer.name} marked the step {step_en} done by hand.",
            f"Correct: {step_en}",
            "Your work-performance evaluation is closed",
        ]
        for sentence in expected:
            self.assertTrue(
                any(sentence in text for text in texts), f"{sentence} is written"
            )
        for text in texts:
            self.assertNotRegex(text, CJK, text)
            self.assertNotRegex(text, RULE_ID, text)


@tagged("post_install", "-at_install")
class TestNoRuleIdInShippedTexts(TrainingFollowupCase):
    """P1.3 (the reader's words): no text the addon ships (follow-up
    templates, mail templates, activity types, demo records, QWeb templates,
    menus, fields...) nor the kick-off message names a rule id, in English or
    in Chinese."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_chinese(cls.env)

    def test_p1_3_no_rule_id_in_any_translatable_value_of_the_addon(self):
        data = self.env["ir.model.data"].search([("module", "=", "training_followup")])
        by_model = {}
        for row in data:
            by_model.setdefault(row.model, []).append(row.res_id)
        scanned = 0
        for model, ids in by_model.items():
            if model not in self.env:
                continue
            Model = self.env[model].with_context(active_test=False)
            fields = [
                field
                for field in Model._fields.values()
                if field.translate and field.store and field.column_type
            ]
            records = Model.browse(ids).exists()
            for lang in ("en_US", "zh_CN"):
                for record in records.with_context(lang=lang):
                    for field in fields:
                        value = record[field.name]
                        if not value:
                            continue
                        terms = (
                            field.get_trans_terms(value)
                            if callable(field.translate)
                            else [value]
                        )
                        for term in terms:
                            scanned += 1
                            self.assertNotRegex(
                                str(term),
                                RULE_ID,
                                f"{record} {field.name} ({lang})",
                            )
        self.assertGreater(scanned, 1000)

    def test_p1_3_no_rule_id_in_the_kickoff_message(self):
        self.user_employee.lang = "zh_CN"
        self.user_manager.lang = "en_US"
        plan = self.make_plan(self.employee | self.colleague)
        plan.with_user(self.user_officer).action_communicate()
        messages = plan.message_ids.filtered(lambda m: m.message_type == "comment")
        self.assertEqual(len(messages), 2, "one message per language")
        bodies = [text_of(m.body) for m in messages]
        self.assertTrue(any(CJK.search(body) for body in bodies))
        self.assertTrue(any(not CJK.search(body) for body in bodies))
        for body in bodies:
            self.assertNotRegex(body, RULE_ID)


@tagged("post_install", "-at_install")
class TestDemoHistoryLanguage(TrainingFollowupCase):
    """P1.3: the demo's history reads in the language of its people: what the
    demo data does while it is loaded (by the loader, which has no language)
    is written on each follow-up in its employee's language."""

    ENGLISH = (
        "Follow-up step done.",
        "Original note",
        "Feedback:",
        " done",
        "created",
        "Test survey sent",
    )

    def assertChinese(self, messages):
        bodies = [text_of(m.body) for m in messages if text_of(m.body).strip()]
        self.assertTrue(bodies)
        for body in bodies:
            self.assertRegex(body, CJK, body)
            self.assertNotRegex(body, RULE_ID, body)
            for english in self.ENGLISH:
                self.assertNotIn(english, body)

    def test_p1_3_demo_followups_history_in_the_employee_language(self):
        plan = self.env.ref("training_followup.plan_lean_done", False)
        if not plan:
            self.skipTest("installed without the demo data")
        followups = plan.followup_ids.filtered(
            lambda f: f.employee_user_id.lang == "zh_CN"
        )
        if not followups:
            self.skipTest("the demo was loaded without Chinese (see scripts/demo.sh)")
        self.assertChinese(followups.message_ids)

    def test_p1_3_demo_loaded_without_a_language_writes_the_employee_language(self):
        """What the demo XML calls, run as the loader runs it (superuser, no
        language in the context), on a Chinese employee's follow-up."""
        load_chinese(self.env, ("training_followup", "mail"))
        self.user_employee.lang = "zh_CN"
        loader = self.env(context={}, su=True)
        self.assertFalse(loader.lang)
        plan = self.make_plan().with_env(loader)
        plan.action_communicate()
        followup = plan.followup_ids
        loader["training.followup.demo"]._answer_questionnaire(
            plan.id, [(self.user_employee.id, 4, "")]
        )
        questionnaire_step = followup.step_ids.filtered(
            lambda s: s.step_type == "questionnaire"
        )
        self.assertEqual(questionnaire_step.state, "done")
        test = loader["training.assessment"].create(
            {"followup_id": followup.id, "method": "written", "score": 92}
        )
        test.action_record()
        self.env.invalidate_all()
        self.assertChinese(followup.message_ids | test.message_ids)
