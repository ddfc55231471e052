from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import TrainingFollowupCase


class FollowupResultsCase(TrainingFollowupCase):
    """A running follow-up of the employee, with a colleague as peer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_peer = cls.env["res.users"].create(
            {"name": "TF Peer", "login": "tf_test_peer", "password": "tf_test_peer"}
        )
        cls.colleague.user_id = cls.user_peer
        session = cls.create_session(
            cls.employee, date_start="2026-04-01", date_end="2026-04-03"
        )
        session.action_done()
        cls.plan = cls.env["training.followup.plan"].create(
            {
                "session_id": session.id,
                "template_id": cls.env.ref("training_followup.template_job_skill").id,
                "officer_id": cls.user_officer.id,
            }
        )
        cls.plan.action_communicate()
        cls.followup = cls.plan.followup_ids

    def step(self, step_type, user=None):
        steps = self.followup.step_ids.filtered(
            lambda s: s.step_type == step_type and (not user or s.user_id == user)
        )
        return steps.sorted(lambda s: (s.date_deadline, s.id))[:1]


@tagged("post_install", "-at_install")
class TestKnowledgeTest(FollowupResultsCase):
    """P3.1.1: the score becomes a grade of the company scale."""

    def grade(self, percentage):
        scale = self.env.ref("training_followup.grade_scale_default")
        return scale._get_grade(percentage)

    def test_p3_1_1_grade_band_edges(self):
        expected = {
            0: "fail",
            59.99: "fail",
            60: "pass",
            74.99: "pass",
            75: "good",
            89.99: "good",
            90: "excellent",
            100: "excellent",
        }
        for percentage, grade in expected.items():
            with self.subTest(percentage=percentage):
                self.assertEqual(self.grade(percentage), grade)

    def test_p3_1_1_invalid_scale_refused(self):
        scale = self.env.ref("training_followup.grade_scale_default")
        fail_band = scale.band_ids.filtered(lambda b: b.grade == "fail")
        with self.assertRefused(ValidationError, "without gaps or overlaps"):
            fail_band.max_percent = 55  # a gap 55-60
        with self.assertRefused(ValidationError, "without gaps or overlaps"):
            fail_band.max_percent = 65  # an overlap with Pass
        with self.assertRefused(ValidationError, "without gaps or overlaps"):
            self.env["training.grade.scale"].create(
                {
                    "name": "TF Incomplete",
                    "band_ids": [
                        Command.create(
                            {"grade": "pass", "min_percent": 50, "max_percent": 100}
                        )
                    ],
                }
            )
        self.assertEqual(fail_band.max_percent, 60, "a refused change changes nothing")

    def test_p3_1_1_recorded_test_grades_the_record_and_closes_its_step(self):
        assessment = (
            self.env["training.assessment"]
            .with_user(self.user_officer)
            .create(
                {
                    "followup_id": self.followup.id,
                    "method": "practical",
                    "score": 38,
                    "max_score": 50,
                }
            )
        )
        self.assertEqual(assessment.percentage, 76)
        self.assertEqual(assessment.grade, "good")
        assessment.action_record()
        self.assertEqual(self.followup.knowledge_grade, "good")
        self.assertEqual(self.step("knowledge_test").state, "done")
        with self.assertRefused(ValidationError, "between 0 and the maximum"):
            self.env["training.assessment"].create(
                {"followup_id": self.followup.id, "score": 120, "max_score": 100}
            )
        # the employee sees their own grade, the outsider nothing
        Assessment = self.env["training.assessment"]
        self.assertEqual(
            Assessment.with_user(self.user_employee).search([]).grade, "good"
        )
        self.assertFalse(Assessment.with_user(self.user_outsider).search([]))

    def test_p3_1_1_scored_survey_fills_the_test(self):
        # P2.1.2: the training officer builds the test survey, attaches it and
        # invites the participant with their own rights
        officer_env = self.env(user=self.user_officer)
        survey = officer_env["survey.survey"].create(
            {
                "title": "TF Written Exam",
                "access_mode": "token",
                "scoring_type": "scoring_with_answers",
                "question_and_page_ids": [
                    Command.create(
                        {
                            "title": "2 + 2",
                            "question_type": "simple_choice",
                            "suggested_answer_ids": [
                                Command.create(
                                    {
                                        "value": "4",
                                        "is_correct": True,
                                        "answer_score": 10,
                                    }
                                ),
                                Command.create({"value": "5", "answer_score": 0}),
                            ],
                        }
                    ),
                    Command.create(
                        {
                            "title": "3 + 3",
                            "question_type": "simple_choice",
                            "suggested_answer_ids": [
                                Command.create(
                                    {
                                        "value": "6",
                                        "is_correct": True,
                                        "answer_score": 10,
                                    }
                                ),
                                Command.create({"value": "7", "answer_score": 0}),
                            ],
                        }
                    ),
                ],
            }
        )
        assessment = officer_env["training.assessment"].create(
            {
                "followup_id": self.followup.id,
                "method": "written",
                "survey_id": survey.id,
            }
        )
        assessment.action_send_survey()
        # the participant answers on the survey's page (as Odoo's survey
        # controller does, with the rights of the answer's token)
        answer = assessment.user_input_id.sudo()
        survey = survey.sudo()
        self.assertEqual(answer.partner_id, self.user_employee.partner_id)
        questions = survey.question_ids
        for question, value in zip(questions, ("4", "7"), strict=True):
            choice = question.suggested_answer_ids.filtered(
                lambda a, v=value: a.value == v
            )
            answer._save_lines(question, choice.id)
        answer._mark_done()
        self.assertEqual(assessment.state, "done")
        self.assertEqual(assessment.score, 50)
        self.assertEqual(assessment.grade, "fail")
        self.assertEqual(self.followup.knowledge_grade, "fail")
        self.assertEqual(self.step("knowledge_test").state, "done")


@tagged("post_install", "-at_install")
class TestPerformanceEvaluation(FollowupResultsCase):
    """P3.1.2: supervisor, peers and self, weighted; private responses."""

    def open_evaluation(self):
        action = self.followup.with_user(self.user_manager).action_new_evaluation()
        evaluation = self.env["training.evaluation"].browse(action["res_id"])
        evaluation.with_user(self.user_manager).peer_employee_ids = self.colleague
        evaluation.with_user(self.user_manager).action_open()
        return evaluation

    def fill(self, evaluation, user, score):
        response = (
            self.env["training.evaluation.response"]
            .with_user(user)
            .search([("evaluation_id", "=", evaluation.id), ("user_id", "=", user.id)])
        )
        response.line_ids.write({"score": str(score)})
        response.action_submit()
        return response

    def test_p3_1_2_weighted_result_with_a_missing_evaluator(self):
        evaluation = self.open_evaluation()
        roles = {r.role: r.user_id for r in evaluation.response_ids}
        self.assertEqual(
            roles,
            {
                "supervisor": self.user_manager,
                "peer": self.user_peer,
                "self": self.user_employee,
            },
        )
        # the peer gets their own dated step; the placeholder is cancelled
        peer_step = self.step("peer_evaluation", self.user_peer)
        self.assertEqual(peer_step.state, "todo")
        self.fill(evaluation, self.user_manager, 4)  # 80 %
        self.fill(evaluation, self.user_employee, 5)  # 100 %
        # the peer never answers: weights 50 and 20 share the result
        evaluation.with_user(self.user_manager).write(
            {"strengths": "Calm", "weaknesses": "Slow", "suggestions": "Practise"}
        )
        evaluation.with_user(self.user_manager).action_close()
        self.assertAlmostEqual(evaluation.result, (50 * 80 + 20 * 100) / 70, places=4)
        self.assertAlmostEqual(
            self.followup.evaluation_result, evaluation.result, places=4
        )
        self.assertEqual(self.step("supervisor_evaluation").state, "done")
        self.assertEqual(self.step("self_evaluation").state, "done")
        self.assertEqual(self.step("evaluation_report").state, "done")
        self.assertEqual(peer_step.state, "todo")

    def test_p3_1_2_all_evaluators_weighted(self):
        evaluation = self.open_evaluation()
        self.fill(evaluation, self.user_manager, 4)  # 80
        self.fill(evaluation, self.user_peer, 3)  # 60
        self.fill(evaluation, self.user_employee, 5)  # 100
        evaluation.write({"strengths": "a", "weaknesses": "b", "suggestions": "c"})
        evaluation.action_close()
        self.assertAlmostEqual(evaluation.result, 0.5 * 80 + 0.3 * 60 + 0.2 * 100)

    def test_p3_1_2_close_needs_the_report(self):
        evaluation = self.open_evaluation()
        self.fill(evaluation, self.user_manager, 4)
        with self.assertRefused(UserError, "evaluation report first"):
            evaluation.with_user(self.user_manager).action_close()
        self.assertEqual(evaluation.state, "open")

    def test_p3_1_2_each_role_sees_only_what_is_theirs(self):
        evaluation = self.open_evaluation()
        Response = self.env["training.evaluation.response"]

        def visible(user):
            return Response.with_user(user).search(
                [("evaluation_id", "=", evaluation.id)]
            )

        for user in (self.user_manager, self.user_peer, self.user_employee):
            self.assertEqual(
                visible(user).user_id, user, "only one's own before closing"
            )
        self.assertFalse(visible(self.user_outsider))
        self.assertEqual(len(visible(self.user_officer)), 3)
        self.assertEqual(len(visible(self.user_supervisor)), 3)
        peer_response = visible(self.user_peer)
        with self.assertRaises(AccessError):
            peer_response.with_user(self.user_employee).read(["score"])
        self.fill(evaluation, self.user_manager, 4)
        self.fill(evaluation, self.user_peer, 2)
        with self.assertRefused(UserError, "cannot be changed"):
            peer_response.with_user(self.user_peer).comment = "changed afterwards"
        evaluation.write({"strengths": "a", "weaknesses": "b", "suggestions": "c"})
        evaluation.action_close()
        # closed: the manager sees the team's responses, the employee only the result
        self.assertEqual(len(visible(self.user_manager)), 3)
        self.assertEqual(visible(self.user_employee).user_id, self.user_employee)
        Evaluation = self.env["training.evaluation"].with_user(self.user_employee)
        self.assertAlmostEqual(
            Evaluation.browse(evaluation.id).result, evaluation.result
        )
        self.assertFalse(
            self.env["training.evaluation"].with_user(self.user_outsider).search([])
        )


@tagged("post_install", "-at_install")
class TestApplicationTracking(FollowupResultsCase):
    """P3.1.3, P3.2.1-P3.2.3: observations, cases, reports and meetings feed
    the application record and close their steps."""

    def test_p3_1_3_observation_notifies_employee_and_closes_step(self):
        observation = (
            self.env["training.observation"]
            .with_user(self.user_manager)
            .create(
                {
                    "followup_id": self.followup.id,
                    "observed_change": "Uses the 5S checklist every morning",
                    "feedback": "Well done, keep the checklist visible",
                }
            )
        )
        self.assertEqual(observation.observer_id, self.user_manager)
        self.assertEqual(self.followup.observation_ids, observation)
        self.assertEqual(self.step("observation").state, "done")
        message = self.followup.message_ids[:1]
        self.assertIn(self.user_employee.partner_id, message.partner_ids)
        self.assertIn("keep the checklist visible", message.body)
        with self.assertRaises(AccessError):
            self.env["training.observation"].with_user(self.user_employee).create(
                {"followup_id": self.followup.id, "observed_change": "self-praise"}
            )

    def test_p3_2_1_application_case_evaluated_by_manager(self):
        case = (
            self.env["training.application.case"]
            .with_user(self.user_employee)
            .create(
                {
                    "followup_id": self.followup.id,
                    "name": "Scrap rate too high on line 2",
                    "applied": "Value-stream mapping",
                    "outcome": "Scrap down by a third",
                }
            )
        )
        case.action_submit()
        case.with_user(self.user_manager).write(
            {"effect": "high", "effect_evaluation": "Real saving"}
        )
        case.with_user(self.user_manager).action_evaluate()
        self.assertEqual(case.state, "evaluated")
        self.assertEqual(self.followup.application_case_ids, case)
        self.assertFalse(
            self.env["training.application.case"]
            .with_user(self.user_outsider)
            .search([])
        )

    def test_p3_2_2_progress_report_closes_the_monthly_step(self):
        first = self.step("progress_report")
        report = (
            self.env["training.progress.report"]
            .with_user(self.user_employee)
            .create(
                {
                    "followup_id": self.followup.id,
                    "results": "Applied 5S",
                    "difficulties": "Time",
                }
            )
        )
        report.action_submit()
        self.assertEqual(first.state, "done")
        self.assertEqual(first.res_id, report.id)
        report.with_user(self.user_manager).write({"review": "Good start"})
        report.with_user(self.user_manager).action_review()
        self.assertEqual(report.state, "reviewed")

    def test_p3_2_2_coordination_meeting_closes_a_plan_step(self):
        meeting = (
            self.env["training.meeting"]
            .with_user(self.user_officer)
            .create(
                {
                    "name": "TF Quarterly meeting",
                    "plan_ids": [Command.set(self.plan.ids)],
                    "attendee_ids": [
                        Command.set((self.user_officer | self.user_manager).ids)
                    ],
                }
            )
        )
        with self.assertRefused(UserError, "minutes"):
            meeting.action_held()
        meeting.minutes = "<p>Progress reviewed</p>"
        meeting.action_held()
        meeting_steps = self.plan.step_ids.filtered(lambda s: s.step_type == "meeting")
        self.assertEqual(meeting_steps.sorted("date_deadline")[0].state, "done")
        Meeting = self.env["training.meeting"]
        self.assertEqual(Meeting.with_user(self.user_manager).search([]), meeting)
        self.assertFalse(Meeting.with_user(self.user_employee).search([]))
