from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import TrainingFollowupCase
from .test_duties import DutiesCase
from .test_results import FollowupResultsCase


@tagged("post_install", "-at_install")
class TestOneGuardScale(TrainingFollowupCase):
    """P3.1.1: a scale's bands are checked together when the scale writes
    them (its form, in process); a band deleted on its own is checked
    alone, by a training officer as in superuser mode."""

    def test_p3_1_1_band_deleted_alone_refused_even_in_sudo(self):
        scale = self.env.ref("training_followup.grade_scale_default")
        fail = scale.band_ids.filtered(lambda b: b.grade == "fail")
        as_officer = fail.with_user(self.user_officer)
        for band in (as_officer, as_officer.sudo()):
            with self.assertRefused(ValidationError, "without gaps"):
                band.unlink()
        self.assertEqual(len(scale.band_ids), 4)
        # through the scale (its form): the two lowest bands replaced by one
        # in the same write, checked once all is written
        passed = scale.band_ids.filtered(lambda b: b.grade == "pass")
        scale.with_user(self.user_officer).write(
            {
                "band_ids": [
                    Command.delete(fail.id),
                    Command.delete(passed.id),
                    Command.create(
                        {"grade": "pass", "min_percent": 0, "max_percent": 75}
                    ),
                ]
            }
        )
        self.assertEqual(len(scale.band_ids), 3)
        self.assertEqual(scale._get_grade(10), "pass")


@tagged("post_install", "-at_install")
class TestOneGuardDevelopmentPlan(TrainingFollowupCase):
    """P3.3.3: once agreed, a development plan's goals change through a
    career review (its new version) or by the manager; the employee is
    refused, in superuser mode as well."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.followup = cls.start_followup(cls.employee)

    def active_plan(self):
        action = self.followup.with_user(self.user_employee).action_development_plan()
        plan = self.env["training.development.plan"].browse(action["res_id"])
        plan.with_user(self.user_employee).write(
            {
                "goal_ids": [
                    Command.create({"name": "Lead a 5S audit", "horizon": "short"}),
                    Command.create({"name": "Become supervisor", "horizon": "long"}),
                ]
            }
        )
        plan.with_user(self.user_employee).action_submit()
        plan.with_user(self.user_manager).action_agree()
        plan.with_user(self.user_employee).action_activate()
        return plan

    def test_p3_3_3_agreed_goals_refused_to_the_employee_even_in_sudo(self):
        plan = self.active_plan()
        goal = plan.goal_ids[0]
        as_employee = plan.with_user(self.user_employee)
        for record in (as_employee, as_employee.sudo()):
            with self.assertRefused(UserError, "career review"):
                record.goal_ids[0].name = "Something easier"
            with self.assertRefused(UserError, "career review"):
                record.write(
                    {"goal_ids": [Command.create({"name": "X", "horizon": "short"})]}
                )
        self.assertEqual(goal.name, "Lead a 5S audit")
        self.assertEqual(len(plan.goal_ids), 2)
        # the review, in process, adjusts the goals in a new version
        action = plan.with_user(self.user_manager).action_new_review()
        review = self.env["training.career.review"].browse(action["res_id"])
        review.with_user(self.user_manager).action_confirm(
            adjusted_goals=[{"name": "Mentor a new hire", "horizon": "short"}]
        )
        self.assertIn("Mentor a new hire", review.new_plan_id.goal_ids.mapped("name"))


@tagged("post_install", "-at_install")
class TestOneGuardEvaluationResponse(FollowupResultsCase):
    """P3.1.2: a submitted response and its scores are final: the submission
    (in process) writes them; the training officer is refused, in superuser
    mode as well."""

    def test_p3_1_2_submitted_response_refused_even_in_sudo(self):
        action = self.followup.with_user(self.user_manager).action_new_evaluation()
        evaluation = self.env["training.evaluation"].browse(action["res_id"])
        evaluation.with_user(self.user_manager).action_open()
        response = (
            self.env["training.evaluation.response"]
            .with_user(self.user_manager)
            .search(
                [
                    ("evaluation_id", "=", evaluation.id),
                    ("user_id", "=", self.user_manager.id),
                ]
            )
        )
        response.line_ids.write({"score": "4"})
        response.write({"comment": "Solid"})
        response.action_submit()
        self.assertEqual(response.state, "submitted")
        as_officer = response.with_user(self.user_officer)
        for record in (as_officer, as_officer.sudo()):
            with self.assertRefused(UserError, "submitted evaluation cannot"):
                record.write({"comment": "Changed"})
            with self.assertRefused(UserError, "submitted evaluation cannot"):
                record.line_ids[:1].write({"score": "1"})
        self.assertEqual(response.comment, "Solid")
        self.assertEqual(set(response.line_ids.mapped("score")), {"4"})


@tagged("post_install", "-at_install")
class TestOneGuardQuestions(DutiesCase):
    """P3.1.4: the copies of the questions a sent questionnaire asks are made
    by its kick-off (in process) and frozen: the training officer edits the
    default set, and is refused on the copies, in superuser mode as well."""

    def test_p3_1_4_asked_questions_refused_even_in_sudo(self):
        asked = self.plan.questionnaire_ids.sudo().question_ids
        self.assertTrue(asked, "the kick-off copied the default set")
        question = asked[:1].with_user(self.user_officer)
        name = question.name
        for record in (question, question.sudo()):
            with self.assertRefused(UserError, "already sent"):
                record.write({"name": "Changed"})
        # deleting: the officer's record rule refuses it first; in sudo the
        # freeze itself
        with self.assertRefused(UserError, "'unlink' access"):
            question.unlink()
        with self.assertRefused(UserError, "already sent"):
            question.sudo().unlink()
        self.assertTrue(question.exists())
        self.assertEqual(question.name, name)
        default = (
            self.env["training.satisfaction.question"]
            .with_user(self.user_officer)
            ._get_default_set(self.company)[:1]
        )
        default.write({"name": "Rewritten for the next plans"})
        self.assertEqual(default.name, "Rewritten for the next plans")
