from odoo.tests import HttpCase, tagged

from .common import TrainingFollowupCase


@tagged("post_install", "-at_install")
class TestTours(HttpCase, TrainingFollowupCase):
    """The main flows in a real browser."""

    def test_p1_2_officer_creates_session_employee_sees_it(self):
        self.start_tour(
            "/odoo", "training_followup_session_tour", login=self.user_officer.login
        )
        session = self.env["training.session"].search(
            [("participant_ids", "in", self.employee.ids)]
        )
        self.assertEqual(len(session), 1)
        self.assertEqual(session.course_id, self.course)
        self.start_tour(
            "/odoo",
            "training_followup_my_trainings_tour",
            login=self.user_employee.login,
        )

    def test_p4_1_p3_1_2_plan_evaluation_and_result(self):
        """Officer communicates the plan, the manager and the employee submit
        their evaluation forms, the employee sees the closed result."""
        session = self.create_session(self.employee)
        session.action_done()
        self.start_tour(
            "/odoo", "training_followup_plan_tour", login=self.user_officer.login
        )
        plan = session.followup_plan_id
        self.assertEqual(plan.state, "running")
        self.assertEqual(plan.followup_ids.employee_id, self.employee)
        self.start_tour(
            "/odoo",
            "training_followup_manager_evaluation_tour",
            login=self.user_manager.login,
        )
        evaluation = plan.followup_ids.evaluation_ids
        self.assertEqual(evaluation.state, "open")
        self.start_tour(
            "/odoo",
            "training_followup_self_evaluation_tour",
            login=self.user_employee.login,
        )
        self.assertEqual(
            set(evaluation.response_ids.mapped("state")), {"submitted"}, "both forms in"
        )
        evaluation.with_user(self.user_manager).write(
            {"strengths": "Listens", "weaknesses": "Slow", "suggestions": "Practise"}
        )
        evaluation.with_user(self.user_manager).action_close()
        # (50 * 80 + 20 * 100) / 70: no peer was asked
        self.assertAlmostEqual(evaluation.result, 85.714, places=2)
        self.start_tour(
            "/odoo", "training_followup_result_tour", login=self.user_employee.login
        )

    def test_p3_3_1_employee_drafts_plan_manager_agrees(self):
        session = self.create_session(self.employee)
        session.action_done()
        plan = self.env["training.followup.plan"].create(
            {"session_id": session.id, "template_id": self.template.id}
        )
        plan.action_communicate()
        self.start_tour(
            "/odoo",
            "training_followup_development_plan_tour",
            login=self.user_employee.login,
        )
        development = self.env["training.development.plan"].search(
            [("employee_id", "=", self.employee.id)]
        )
        self.assertEqual(development.state, "submitted")
        self.assertEqual(
            sorted(development.goal_ids.mapped("horizon")), ["long", "short"]
        )
        self.start_tour(
            "/odoo",
            "training_followup_development_plan_agree_tour",
            login=self.user_manager.login,
        )
        self.assertEqual(development.state, "agreed")

    def test_p3_1_4_employee_answers_officer_sees_response_rate(self):
        """The employee answers the anonymous questionnaire from the to-do of
        their follow-up; the officer sees the response rate move."""
        plan = self.make_plan(self.employee | self.colleague | self.outsider)
        plan.action_communicate()
        questionnaire = plan.questionnaire_ids
        self.start_tour(
            "/odoo",
            "training_followup_questionnaire_rate_0_tour",
            login=self.user_officer.login,
        )
        self.start_tour(
            "/odoo",
            "training_followup_questionnaire_tour",
            login=self.user_employee.login,
        )
        self.assertEqual(questionnaire.answer_count, 1)
        self.assertAlmostEqual(questionnaire.response_rate, 100 / 3, places=2)
        completion = questionnaire.completion_ids.filtered(
            lambda c: c.user_id == self.user_employee
        )
        self.assertEqual(completion.state, "answered")
        self.start_tour(
            "/odoo",
            "training_followup_questionnaire_rate_1_tour",
            login=self.user_officer.login,
        )

    def test_p3_1_4_answer_page_refuses_others_and_second_answers(self):
        plan = self.make_plan(self.employee | self.outsider)
        plan.action_communicate()
        questionnaire = plan.questionnaire_ids
        completion = questionnaire.completion_ids.filtered(
            lambda c: c.user_id == self.user_employee
        )
        self.authenticate(self.user_outsider.login, self.user_outsider.login)
        page = self.url_open(completion.answer_url)
        self.assertIn("This questionnaire is not addressed to you.", page.text)
        self.assertNotIn("question_", page.text, "no form for someone else")
        self.authenticate(self.user_employee.login, self.user_employee.login)
        self.assertIn(
            "o_training_questionnaire_form", self.url_open(completion.answer_url).text
        )
        questionnaire.with_user(self.user_employee).sudo()._submit(
            {
                q.id: "4" if q.question_type == "rating" else ""
                for q in questionnaire.question_ids
            }
        )
        page = self.url_open(completion.answer_url)
        self.assertIn("You have already answered this questionnaire", page.text)
        self.assertNotIn("o_training_questionnaire_form", page.text)

    def test_p5_1_leader_inspects_and_demands_rectification_manager_answers(self):
        """The leader of the supervision group records an inspection and
        issues a rectification demand; the department manager answers it."""
        self.make_leader(self.user_supervisor)
        self.start_tour(
            "/odoo",
            "training_followup_inspection_tour",
            login=self.user_supervisor.login,
        )
        inspection = self.env["training.supervision.inspection"].search(
            [("name", "=", "TF Quarterly inspection")]
        )
        self.assertEqual(len(inspection.check_ids), 4)
        self.assertIn("missing", inspection.check_ids[:1].finding)
        demand = inspection.rectification_ids
        self.assertEqual(demand.state, "issued")
        self.assertEqual(demand.department_id, self.department)
        self.assertEqual(demand.user_id, self.user_manager, "the department's manager")
        self.assertEqual(demand.step_id.user_id, self.user_manager)
        self.start_tour(
            "/odoo",
            "training_followup_rectification_answer_tour",
            login=self.user_manager.login,
        )
        self.assertEqual(demand.state, "answered")
        self.assertIn("Monday", demand.answer)
        self.assertEqual(demand.step_id.state, "done")
        self.assertTrue(demand.step_id.on_time)
