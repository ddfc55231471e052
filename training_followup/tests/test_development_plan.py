from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time, tagged

from .common import TrainingFollowupCase


@tagged("post_install", "-at_install")
class TestDevelopmentPlan(TrainingFollowupCase):
    """P3.3.1-P3.3.3, P2.3.3: the employee's plan, agreed by the manager,
    reviewed every year."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.followup = cls.start_followup(cls.employee)

    def draft_plan(self):
        action = self.followup.with_user(self.user_employee).action_development_plan()
        plan = self.env["training.development.plan"].browse(action["res_id"])
        plan.with_user(self.user_employee).write(
            {
                "goal_ids": [
                    Command.create(
                        {
                            "name": "Lead a 5S audit",
                            "horizon": "short",
                            "target": "2 audits",
                        }
                    ),
                    Command.create(
                        {"name": "Become line supervisor", "horizon": "long"}
                    ),
                ],
                "action_ids": [
                    Command.create(
                        {
                            "name": "Read Lean Thinking",
                            "kind": "reading",
                            "date_deadline": "2026-09-30",
                        }
                    )
                ],
            }
        )
        return plan

    def activate(self, plan):
        plan.with_user(self.user_employee).action_submit()
        plan.with_user(self.user_manager).action_agree()
        plan.with_user(self.user_employee).action_activate()

    def test_p3_3_1_states_and_who_moves_them(self):
        plan = self.draft_plan()
        self.assertEqual(plan.employee_id, self.employee)
        self.assertEqual(plan.manager_user_id, self.user_manager)
        plan.with_user(self.user_employee).action_submit()
        self.assertEqual(plan.state, "submitted")
        self.assertEqual(
            self.followup.step_ids.filtered(
                lambda s: s.step_type == "development_plan"
            ).state,
            "done",
            "drafting the plan is a step of the follow-up",
        )
        with self.assertRefused(UserError, "manager or a training officer"):
            plan.with_user(self.user_employee).action_agree()
        with self.assertRefused(UserError, "career review"):
            plan.goal_ids[0].with_user(self.user_employee).name = "Something easier"
        plan.with_user(self.user_manager).action_agree()
        self.assertEqual(plan.state, "agreed")
        plan.with_user(self.user_employee).action_activate()
        self.assertEqual(plan.state, "active")
        with self.assertRefused(UserError, "manager or a training officer"):
            plan.with_user(self.user_employee).action_close()
        plan.with_user(self.user_manager).action_close()
        self.assertEqual(plan.state, "closed")

    def test_p3_3_1_plan_needs_both_horizons(self):
        action = self.followup.with_user(self.user_employee).action_development_plan()
        plan = self.env["training.development.plan"].browse(action["res_id"])
        with self.assertRefused(UserError, "long-term"):
            plan.with_user(self.user_employee).action_submit()
        self.assertEqual(plan.state, "draft")

    def test_p3_3_1_completion_worked_example(self):
        plan = self.draft_plan()
        plan.goal_ids.unlink()
        plan.action_ids.unlink()
        plan.write(
            {
                "goal_ids": [
                    Command.create({"name": "A", "state": "achieved"}),
                    Command.create({"name": "B", "progress": 40}),
                    Command.create({"name": "C", "state": "dropped", "progress": 90}),
                ],
                "action_ids": [
                    Command.create({"name": "D", "state": "done"}),
                    Command.create(
                        {"name": "E", "state": "in_progress", "progress": 50}
                    ),
                    Command.create({"name": "F", "state": "cancelled", "progress": 10}),
                ],
            }
        )
        self.assertAlmostEqual(plan.completion, (100 + 40 + 100 + 50) / 4)

    def test_p3_3_3_review_step_due_a_year_after_activation(self):
        plan = self.draft_plan()
        with freeze_time("2026-05-08"):  # a Friday
            self.activate(plan)
        self.assertEqual(plan.date_active, date(2026, 5, 8))
        review_step = self.followup.step_ids.filtered(
            lambda s: s.step_type == "career_review"
        )
        self.assertEqual(
            review_step.date_deadline,
            date(2027, 5, 10),
            "8 May 2027 is a Saturday: Monday",
        )
        self.assertEqual(review_step.user_id, self.user_manager)
        action_step = self.followup.step_ids.filtered(
            lambda s: s.step_type == "development_action"
        )
        self.assertEqual(action_step.date_deadline, date(2026, 9, 30))
        plan.action_ids.with_user(self.user_employee).state = "done"
        self.assertEqual(action_step.state, "done")

    def test_p3_3_3_review_adjusts_plan_and_keeps_old_version(self):
        plan = self.draft_plan()
        self.activate(plan)
        action = plan.with_user(self.user_manager).action_new_review()
        review = self.env["training.career.review"].browse(action["res_id"])
        self.assertEqual(review.line_ids.goal_id, plan.goal_ids)
        review.line_ids[0].with_user(self.user_manager).completion = 100
        review.with_user(self.user_manager).write(
            {"skill_gains": "Runs 5S alone", "adjustments": "Add a mentoring goal"}
        )
        review.with_user(self.user_manager).action_confirm(
            adjusted_goals=[{"name": "Mentor a new hire", "horizon": "short"}]
        )
        new_plan = review.new_plan_id
        self.assertEqual(review.state, "done")
        self.assertEqual(plan.state, "replaced")
        self.assertEqual(new_plan.state, "active")
        self.assertEqual(new_plan.version, 2)
        self.assertEqual(new_plan.previous_version_id, plan)
        self.assertIn("Mentor a new hire", new_plan.goal_ids.mapped("name"))
        self.assertEqual(len(plan.goal_ids), 2, "the old version keeps its goals")
        self.assertEqual(
            plan.with_user(self.user_employee).goal_ids.mapped("name"),
            ["Lead a 5S audit", "Become line supervisor"],
            "and stays readable",
        )

    def test_p3_3_2_enrol_from_an_action(self):
        upcoming = self.env["training.session"].create(
            {
                "course_id": self.course.copy({"name": "TF Leadership"}).id,
                "date_start": "2026-10-05",
                "date_end": "2026-10-06",
            }
        )
        plan = self.draft_plan()
        action = plan.action_ids[0]
        action.with_user(self.user_manager).session_id = upcoming
        action.with_user(self.user_employee).action_enroll()
        self.assertIn(self.employee, upcoming.participant_ids)
        self.assertEqual(action.state, "in_progress")

    def test_p3_3_access_per_role(self):
        plan = self.draft_plan()
        Plan = self.env["training.development.plan"]

        def visible(user):
            return Plan.with_user(user).search([("id", "=", plan.id)])

        self.assertEqual(visible(self.user_employee), plan)
        self.assertEqual(visible(self.user_manager), plan)
        self.assertEqual(visible(self.user_officer), plan)
        self.assertEqual(visible(self.user_supervisor), plan)
        self.assertFalse(visible(self.user_outsider), "peers and others see nothing")
        with self.assertRaises(AccessError):
            plan.with_user(self.user_supervisor).write({"alignment": "changed"})
        with self.assertRaises(AccessError):
            plan.with_user(self.user_outsider).read(["name"])
        self.assertFalse(
            self.env["training.development.goal"]
            .with_user(self.user_outsider)
            .search([("plan_id", "=", plan.id)])
        )
