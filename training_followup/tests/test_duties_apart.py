from datetime import date, timedelta

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from .common import TrainingFollowupCase

OFFICER = "training_followup.group_training_officer"


@tagged("post_install", "-at_install")
class TestDutiesApart(TrainingFollowupCase):
    """P5.1, P5.2: nobody decides on what measures them: the author of a
    report never acknowledges or scores it, a member of the supervision group
    never judges the rectification of their own department or their own
    answer, whoever carried a measure out never verifies its effect, and the
    person evaluated never closes their own evaluation, test, development plan
    or career review."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # a training officer who is also a participant of the follow-up
        cls.user_officer_learner = new_test_user(
            cls.env,
            login="tf_test_officer_learner",
            groups=OFFICER,
            name="TF Officer Learner",
        )
        cls.officer_learner = cls.env["hr.employee"].create(
            {
                "name": "TF Officer Learner",
                "user_id": cls.user_officer_learner.id,
                "department_id": cls.department.id,
                "parent_id": cls.manager.id,
            }
        )

    # ------------------------------------------------------------------
    # Follow-up report (P4.3, P5.2 report quality)
    # ------------------------------------------------------------------
    def computed_report(self):
        plan = self.make_plan()
        plan.action_communicate()
        return self.report_plan(plan, submit=False)

    def test_p5_2_an_officer_never_names_themself_management(self):
        plan = self.make_plan()
        Report = self.env["training.followup.report"].with_user(self.user_officer)
        count = Report.sudo().search_count([])
        with self.assertRefused(UserError, "submit a report to yourself"):
            Report.create(
                {
                    "name": "TF own report",
                    "plan_id": plan.id,
                    "management_user_id": self.user_officer.id,
                }
            )
        self.assertEqual(Report.sudo().search_count([]), count)
        report = Report.create(
            {
                "name": "TF report",
                "plan_id": plan.id,
                "management_user_id": self.user_admin.id,
            }
        )
        self.assertEqual(report.officer_id, self.user_officer)
        with self.assertRefused(UserError, "submit a report to yourself"):
            report.management_user_id = self.user_officer
        self.assertEqual(report.management_user_id, self.user_admin)
        # nor may anyone make the report's own officer its management
        with self.assertRefused(ValidationError, "cannot be the member of management"):
            report.sudo().management_user_id = self.user_officer
        self.assertEqual(report.management_user_id, self.user_admin)

    def test_p5_2_who_submits_a_report_never_submits_it_to_themself(self):
        report = self.computed_report()
        self.assertEqual(report.management_user_id, self.user_admin)
        with self.assertRefused(UserError, "submit a report to yourself"):
            report.with_user(self.user_admin).action_submit()
        self.assertEqual(report.state, "draft")
        report.with_user(self.user_officer).action_submit()
        self.assertEqual(
            (report.state, report.submitted_by_id), ("submitted", self.user_officer)
        )

    def test_p5_2_the_author_never_acknowledges_or_scores_the_report(self):
        report = self.computed_report()
        report.management_user_id = self.user_manager
        # the head of HR submits it: an author, who may otherwise stand in
        # for management
        report.with_user(self.user_admin).action_submit()
        Wizard = self.env["training.followup.report.acknowledge"]
        with self.assertRefused(UserError, "acknowledged and scored by management"):
            Wizard.with_user(self.user_admin).create(
                {"report_id": report.id, "quality_score": "5"}
            ).action_confirm()
        self.assertEqual((report.state, report.quality_score), ("submitted", False))
        Wizard.with_user(self.user_manager).create(
            {"report_id": report.id, "quality_score": "3", "remarks": "Fair"}
        ).action_confirm()
        self.assertEqual((report.state, report.quality_score), ("acknowledged", "3"))

    def test_p5_2_the_reports_officer_never_acknowledges_it(self):
        report = self.computed_report()
        report.write(
            {
                "officer_id": self.user_admin.id,
                "management_user_id": self.user_manager.id,
            }
        )
        report.with_user(self.user_officer).action_submit()
        with self.assertRefused(UserError, "acknowledged and scored by management"):
            report.with_user(self.user_admin).action_acknowledge("Mine", "5")
        self.assertEqual((report.state, report.quality_score), ("submitted", False))
        report.with_user(self.user_manager).action_acknowledge("Good", "4")
        self.assertEqual(report.quality_score, "4")

    # ------------------------------------------------------------------
    # Rectification demands (P5.1)
    # ------------------------------------------------------------------
    def answered_demand(self, department, addressee):
        self.make_leader(self.user_admin)
        inspection = (
            self.env["training.supervision.inspection"]
            .with_user(self.user_supervisor)
            .create({"name": "TF Inspection"})
        )
        form = Form(
            self.env["training.rectification"]
            .with_user(self.user_supervisor)
            .with_context(default_inspection_id=inspection.id)
        )
        form.name = "TF Rectify the late evaluations"
        form.department_id = department
        form.user_id = addressee
        form.date_deadline = date.today() + timedelta(days=10)
        demand = form.save()
        demand.with_user(self.user_supervisor).action_issue()
        as_addressee = demand.with_user(addressee)
        as_addressee.answer = "Done"
        as_addressee.action_answer()
        self.assertEqual(demand.answered_by_id, addressee)
        return demand

    def test_p5_1_no_member_decides_for_their_own_department(self):
        self.env["hr.employee"].create(
            {
                "name": "TF Supervisor",
                "user_id": self.user_supervisor.id,
                "department_id": self.department.id,
            }
        )
        demand = self.answered_demand(self.department, self.user_manager)
        as_member = demand.with_user(self.user_supervisor)
        with self.assertRefused(UserError, "your own department"):
            as_member.action_accept()
        with self.assertRefused(UserError, "your own department"):
            as_member.action_open_reject()
        with self.assertRefused(UserError, "your own department"):
            as_member._reject("Not enough")
        self.assertEqual(demand.state, "answered")
        demand.with_user(self.user_admin).action_accept()
        self.assertEqual(demand.state, "accepted")

    def test_p5_1_no_member_decides_for_the_department_they_represent(self):
        self.env["training.supervision.member"].create(
            {
                "user_id": self.user_supervisor.id,
                "role": "department_rep",
                "department_id": self.other_department.id,
            }
        )
        demand = self.answered_demand(self.other_department, self.user_outsider)
        with self.assertRefused(UserError, "your own department"):
            demand.with_user(self.user_supervisor).action_accept()
        self.assertEqual(demand.state, "answered")
        self.give_reason(self.user_admin, demand, "rectification_reject", "Not enough")
        self.assertEqual(demand.state, "rejected")

    def test_p5_1_no_member_decides_on_their_own_answer(self):
        demand = self.answered_demand(self.other_department, self.user_supervisor)
        with self.assertRefused(UserError, "answered by you"):
            demand.with_user(self.user_supervisor).action_accept()
        self.assertEqual(demand.state, "answered")
        demand.with_user(self.user_admin).action_accept()
        self.assertEqual(demand.state, "accepted")

    # ------------------------------------------------------------------
    # Improvement measures (P4.5, P5.2 effect of improvement measures)
    # ------------------------------------------------------------------
    def test_p4_5_whoever_carried_a_measure_out_never_verifies_it(self):
        action = (
            self.env["training.improvement.action"]
            .with_user(self.user_officer)
            .create(
                {
                    "name": "TF Send the slides earlier",
                    "department_id": self.other_department.id,
                    "user_id": self.user_officer.id,
                    "officer_id": self.user_officer.id,
                    "date_deadline": date.today() + timedelta(days=10),
                    "expected_effect": "Participants come prepared",
                }
            )
        )
        as_officer = action.with_user(self.user_officer)
        as_officer.actual_effect = "Sent a week before"
        as_officer.action_done()
        as_officer.verification = "Asked the participants"
        for verify in ("action_verify_effective", "action_verify_not_effective"):
            with self.assertRefused(UserError, "another training officer verifies"):
                getattr(as_officer, verify)()
        self.assertEqual((action.state, action.verified_by_id.id), ("done", False))
        action.with_user(self.user_admin).action_verify_effective()
        self.assertEqual(
            (action.state, action.verified_by_id), ("effective", self.user_admin)
        )

    # ------------------------------------------------------------------
    # The person measured (P3.1.1, P3.1.2, P3.3.3)
    # ------------------------------------------------------------------
    def test_p3_1_1_nobody_records_their_own_test_result(self):
        plan = self.make_plan(self.officer_learner)
        plan.action_communicate()
        assessment = self.env["training.assessment"].create(
            {"followup_id": plan.followup_ids.id, "score": 95, "max_score": 100}
        )
        with self.assertRefused(UserError, "your own test result"):
            assessment.with_user(self.user_officer_learner).action_record()
        self.assertEqual(assessment.state, "draft")
        assessment.with_user(self.user_officer).action_record()
        self.assertEqual(assessment.state, "done")

    def test_p3_1_2_the_employee_never_closes_their_own_evaluation(self):
        plan = self.make_plan(self.employee)
        plan.action_communicate()
        followup = plan.followup_ids
        action = followup.with_user(self.user_manager).action_new_evaluation()
        evaluation = self.env["training.evaluation"].browse(action["res_id"])
        evaluation.with_user(self.user_manager).action_open()
        response = evaluation.response_ids.filtered(lambda r: r.role == "supervisor")
        response = response.with_user(self.user_manager)
        response.line_ids.write({"score": "4"})
        response.action_submit()
        evaluation.with_user(self.user_manager).write(
            {"strengths": "Calm", "weaknesses": "Slow", "suggestions": "Practise"}
        )
        with self.assertRefused(UserError, "your own work-performance evaluation"):
            evaluation.with_user(self.user_employee).action_close()
        self.assertEqual((evaluation.state, evaluation.result), ("open", 0))
        evaluation.with_user(self.user_manager).action_close()
        self.assertEqual(evaluation.state, "closed")

    def test_p3_3_3_the_employee_never_closes_or_reviews_their_own_plan(self):
        plan = self.make_plan(self.officer_learner)
        plan.action_communicate()
        development_plan = self.env["training.development.plan"].create(
            {
                "employee_id": self.officer_learner.id,
                "followup_id": plan.followup_ids.id,
                "goal_ids": [
                    Command.create({"name": "TF short", "horizon": "short"}),
                    Command.create({"name": "TF long", "horizon": "long"}),
                ],
            }
        )
        development_plan.action_submit()
        development_plan.with_user(self.user_manager).action_agree()
        development_plan.action_activate()
        review = self.env["training.career.review"].create(
            {"plan_id": development_plan.id}
        )
        as_learner = self.user_officer_learner
        with self.assertRefused(UserError, "review of your own development plan"):
            review.with_user(as_learner).action_confirm()
        self.assertEqual(review.state, "draft")
        review.with_user(self.user_manager).action_confirm()
        self.assertEqual(review.state, "done")
        with self.assertRefused(UserError, "your own development plan"):
            development_plan.with_user(as_learner).action_close()
        self.assertEqual(development_plan.state, "active")
        development_plan.with_user(self.user_officer).action_close()
        self.assertEqual(development_plan.state, "closed")
