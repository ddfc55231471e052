from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import TrainingFollowupCase

# a sent questionnaire's question: refused by the model (UserError) or by the
# record rule (AccessError, a UserError too)
FROZEN = UserError


@tagged("post_install", "-at_install")
class TestEvaluationTools(TrainingFollowupCase):
    """P2.1.2: the training department designs the evaluation tools (the
    follow-up templates, the questionnaire, the evaluation form's criteria,
    the grade scales and the test surveys); the settings, the access rights
    and the supervision group stay with the head of HR."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.criterion = cls.env.ref("training_followup.criterion_responsibility")
        cls.scale = cls.env.ref("training_followup.grade_scale_default")
        cls.question = cls.env["training.satisfaction.question"].create(
            {"name": "TF Was the course useful?", "dimension": "content"}
        )

    def band_commands(self):
        return [
            Command.create({"grade": "fail", "min_percent": 0, "max_percent": 60}),
            Command.create({"grade": "pass", "min_percent": 60, "max_percent": 75}),
            Command.create({"grade": "good", "min_percent": 75, "max_percent": 90}),
            Command.create(
                {"grade": "excellent", "min_percent": 90, "max_percent": 100}
            ),
        ]

    def test_p2_1_2_officer_designs_the_evaluation_tools(self):
        env = self.env(user=self.user_officer)
        # a follow-up template and its steps
        template = env["training.followup.template"].create(
            {
                "name": "TF Officer's template",
                "line_ids": [Command.create(self.template.line_ids[0].copy_data()[0])],
            }
        )
        template.line_ids.write({"name": "TF Renamed step"})
        template.name = "TF Officer's template, revised"
        copied = template.copy()
        self.assertEqual(copied.line_ids.name, "TF Renamed step")
        copied.unlink()
        # a question of the default set
        question = env["training.satisfaction.question"].create(
            {"name": "TF Would you recommend it?", "dimension": "application"}
        )
        self.question.with_user(self.user_officer).name = "TF Was it useful at work?"
        self.assertEqual(self.question.name, "TF Was it useful at work?")
        question.unlink()
        # a criterion of the work-performance evaluation form
        criterion = env["training.evaluation.criterion"].create(
            {"name": "TF Safety", "criterion_group": "attitude"}
        )
        self.criterion.with_user(self.user_officer).description = "TF Owns the task"
        self.assertEqual(self.criterion.description, "TF Owns the task")
        criterion.active = False
        # a grade scale and its bands
        scale = env["training.grade.scale"].create(
            {"name": "TF Strict scale", "band_ids": self.band_commands()}
        )
        self.assertEqual(scale._get_grade(62), "pass")
        fail = scale.band_ids.filtered(lambda b: b.grade == "fail")
        passed = scale.band_ids.filtered(lambda b: b.grade == "pass")
        scale.write(
            {
                "band_ids": [
                    Command.delete(fail.id),
                    Command.delete(passed.id),
                    Command.create(
                        {"grade": "fail", "min_percent": 0, "max_percent": 65}
                    ),
                    Command.create(
                        {"grade": "pass", "min_percent": 65, "max_percent": 75}
                    ),
                ]
            }
        )
        self.assertEqual(scale._get_grade(62), "fail")
        self.scale.with_user(self.user_officer).name = "TF Company scale"
        self.assertEqual(self.scale.name, "TF Company scale")
        # a knowledge test: Odoo's survey rights come with the group
        self.assertTrue(self.user_officer.has_group("survey.group_survey_user"))
        survey = env["survey.survey"].create(
            {"title": "TF Test", "scoring_type": "scoring_with_answers"}
        )
        survey.title = "TF Test, revised"

    def test_p2_1_2_others_cannot_change_the_evaluation_tools(self):
        line = self.template.line_ids[0]
        band = self.scale.band_ids[0]

        def tools():
            return (
                self.template.name,
                line.name,
                self.question.name,
                self.criterion.name,
                self.scale.name,
                band.min_percent,
            )

        before = tools()
        for user in (self.user_employee, self.user_manager, self.user_supervisor):
            with self.subTest(user=user.login):
                env = self.env(user=user)
                with self.assertRefused(AccessError, "not allowed"):
                    self.template.with_env(env).name = "TF Hacked"
                with self.assertRefused(AccessError, "not allowed"):
                    line.with_env(env).name = "TF Hacked"
                with self.assertRefused(AccessError, "not allowed"):
                    env["training.followup.template"].create({"name": "TF Hacked"})
                with self.assertRefused(AccessError, "not allowed"):
                    self.question.with_env(env).name = "TF Hacked"
                with self.assertRefused(AccessError, "not allowed"):
                    env["training.satisfaction.question"].create({"name": "TF Hacked"})
                with self.assertRefused(AccessError, "not allowed"):
                    self.criterion.with_env(env).name = "TF Hacked"
                with self.assertRefused(AccessError, "not allowed"):
                    env["training.evaluation.criterion"].create(
                        {"name": "TF Hacked", "criterion_group": "ability"}
                    )
                with self.assertRefused(AccessError, "not allowed"):
                    self.scale.with_env(env).name = "TF Hacked"
                with self.assertRefused(AccessError, "not allowed"):
                    band.with_env(env).min_percent = 1
                with self.assertRefused(AccessError, "not allowed"):
                    env["training.grade.scale"].create({"name": "TF Hacked"})
                with self.assertRefused(AccessError, "not allowed"):
                    env["survey.survey"].create({"title": "TF Hacked"})
        after = tools()
        self.assertEqual(after, before)
        self.assertFalse(
            self.env["training.followup.template"].search([("name", "=", "TF Hacked")])
        )
        self.assertFalse(
            self.env["training.evaluation.criterion"].search(
                [("name", "=", "TF Hacked")]
            )
        )

    def test_p2_1_2_a_sent_questionnaire_keeps_its_questions(self):
        plan = self.make_plan()
        plan.action_communicate()
        questionnaire = plan.questionnaire_ids
        copy = questionnaire.question_ids[0]
        name = copy.name
        Question = self.env["training.satisfaction.question"].with_user(
            self.user_officer
        )
        with self.assertRefused(AccessError, "doesn't have 'create' access"):
            Question.create(
                {"name": "TF Added late", "questionnaire_id": questionnaire.id}
            )
        with self.assertRefused(FROZEN, "cannot be changed|doesn't have"):
            copy.with_user(self.user_officer).name = "TF Changed late"
        with self.assertRefused(FROZEN, "cannot be changed|doesn't have"):
            copy.with_user(self.user_officer).unlink()
        self.assertEqual(copy.name, name)
        self.assertTrue(copy.exists())

    def test_p5_1_settings_and_supervision_stay_with_the_head_of_hr(self):
        env = self.env(user=self.user_officer)
        kickoff_days = self.company.training_kickoff_days
        with self.assertRefused(AccessError, "not allowed"):
            env["res.config.settings"].create({"training_kickoff_days": 9})
        self.assertEqual(self.company.training_kickoff_days, kickoff_days)
        # the supervision group's membership
        member = self.make_leader(self.user_supervisor)
        with self.assertRefused(AccessError, "not allowed"):
            env["training.supervision.member"].create(
                {"user_id": self.user_employee.id, "role": "member"}
            )
        with self.assertRefused(AccessError, "not allowed"):
            member.with_env(env).active = False
        self.assertTrue(member.active)
        self.assertFalse(
            self.env["training.supervision.member"].search(
                [("user_id", "=", self.user_employee.id)]
            )
        )
        # access rights: the officer cannot put themself in the admin group
        with self.assertRefused(AccessError, "not allowed|access"):
            self.user_officer.with_env(env).write(
                {
                    "group_ids": [
                        Command.link(
                            self.env.ref("training_followup.group_training_admin").id
                        )
                    ]
                }
            )
        self.assertFalse(
            self.user_officer.has_group("training_followup.group_training_admin")
        )

    def test_p2_1_2_officer_sees_the_tools_not_the_settings(self):
        def visible(user):
            menus = self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
            return {
                xmlid
                for xmlid in (
                    "training_followup.training_followup_menu_config",
                    "training_followup.training_followup_template_menu",
                    "training_followup.training_grade_scale_menu",
                    "training_followup.training_evaluation_criterion_menu",
                    "training_followup.training_satisfaction_question_menu",
                    "training_followup.training_followup_menu_settings",
                )
                if self.env.ref(xmlid).id in menus
            }

        tools = {
            "training_followup.training_followup_menu_config",
            "training_followup.training_followup_template_menu",
            "training_followup.training_grade_scale_menu",
            "training_followup.training_evaluation_criterion_menu",
            "training_followup.training_satisfaction_question_menu",
        }
        self.assertEqual(visible(self.user_officer), tools)
        # the settings: the head of HR, with Odoo's own Settings right
        self.user_admin.group_ids |= self.env.ref("base.group_system")
        self.assertEqual(
            visible(self.user_admin),
            tools | {"training_followup.training_followup_menu_settings"},
        )
        # employees: no Configuration menu at all
        self.assertNotIn(
            "training_followup.training_followup_menu_config",
            visible(self.user_employee),
        )
