from datetime import date, timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import JsonRpcMixin, TrainingFollowupCase, load_chinese


class ResumeSkillsCase(TrainingFollowupCase):
    """A course teaching one skill (Practitioner on a pass), the employee
    holding it at Beginner since 2025, and a running follow-up of the
    employee and a colleague (P3.1.1)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.skill_type = cls.env["hr.skill.type"].create(
            {
                "name": "TF Lean Methods",
                "skill_ids": [Command.create({"name": "TF 5S"})],
                "skill_level_ids": [
                    Command.create({"name": "TF Beginner", "level_progress": 20}),
                    Command.create({"name": "TF Practitioner", "level_progress": 60}),
                    Command.create({"name": "TF Expert", "level_progress": 100}),
                ],
            }
        )
        cls.skill = cls.skill_type.skill_ids
        cls.beginner, cls.practitioner, cls.expert = cls.skill_type.skill_level_ids
        cls.course_skill = cls.env["training.course.skill"].create(
            {
                "course_id": cls.course.id,
                "skill_type_id": cls.skill_type.id,
                "skill_id": cls.skill.id,
                "skill_level_id": cls.practitioner.id,
            }
        )
        cls.held = cls.env["hr.employee.skill"].create(
            {
                "employee_id": cls.employee.id,
                "skill_type_id": cls.skill_type.id,
                "skill_id": cls.skill.id,
                "skill_level_id": cls.beginner.id,
                "valid_from": "2025-01-01",
            }
        )
        cls.plan = cls.make_plan_for(cls.employee | cls.colleague)
        cls.plan.action_communicate()
        cls.followup = cls.plan.followup_ids.filtered(
            lambda f: f.employee_id == cls.employee
        )

    @classmethod
    def make_plan_for(cls, participants, date_start="2026-04-01", **values):
        session = cls.create_session(
            participants, date_start=date_start, date_end=date_start, **values
        )
        session.action_done()
        return cls.env["training.followup.plan"].create(
            {
                "session_id": session.id,
                "template_id": cls.template.id,
                "officer_id": cls.user_officer.id,
            }
        )

    def training_lines(self, employee=None):
        employee = employee or self.employee
        return self.env["hr.resume.line"].search(
            [
                ("employee_id", "=", employee.id),
                (
                    "line_type_id",
                    "=",
                    self.env.ref("hr_skills.resume_type_training").id,
                ),
            ]
        )

    def record_test(self, score, followup=None):
        assessment = (
            self.env["training.assessment"]
            .with_user(self.user_officer)
            .create(
                {
                    "followup_id": (followup or self.followup).id,
                    "method": "practical",
                    "score": score,
                }
            )
        )
        assessment.action_record()
        return assessment

    def close_evaluation(self, score):
        """The manager opens the evaluation, the supervisor and the employee
        give `score` (1-5) to every criterion, the manager closes it."""
        action = self.followup.with_user(self.user_manager).action_new_evaluation()
        evaluation = self.env["training.evaluation"].browse(action["res_id"])
        evaluation.with_user(self.user_manager).action_open()
        for user in (self.user_manager, self.user_employee):
            response = (
                self.env["training.evaluation.response"]
                .with_user(user)
                .search(
                    [("evaluation_id", "=", evaluation.id), ("user_id", "=", user.id)]
                )
            )
            response.line_ids.write({"score": str(score)})
            response.action_submit()
        evaluation.with_user(self.user_manager).write(
            {"strengths": "Calm", "weaknesses": "Slow", "suggestions": "Practise"}
        )
        evaluation.with_user(self.user_manager).action_close()
        return evaluation

    def current_levels(self):
        today = fields.Date.today()
        return self.employee.employee_skill_ids.filtered(
            lambda s: (
                s.skill_id == self.skill and (not s.valid_to or s.valid_to >= today)
            )
        ).skill_level_id


@tagged("post_install", "-at_install")
class TestResumeLine(ResumeSkillsCase):
    """P3.1.1, P4.2: one resume line of type Training per follow-up, kept
    current."""

    def test_p3_1_1_kickoff_writes_one_training_line_per_participant(self):
        line = self.training_lines()
        self.assertEqual(len(line), 1)
        self.assertEqual(self.followup.resume_line_id, line)
        self.assertEqual(line.name, self.course.name)
        self.assertEqual(line.course_type, "external")
        self.assertEqual(line.date_start, date(2026, 4, 1))
        self.assertEqual(line.date_end, self.followup.date_end)
        self.assertIn("Knowledge test: not recorded yet", line.description)
        self.assertIn("Training follow-up: Running", line.description)
        self.assertEqual(len(self.training_lines(self.colleague)), 1)

    def test_p3_1_1_line_updated_never_duplicated(self):
        line = self.followup.resume_line_id
        self.record_test(80)
        self.assertEqual(self.training_lines(), line)
        self.assertIn("Knowledge test: Good (80.0 %)", line.description)
        # a retest changes the grade: the same line shows the new one
        self.record_test(95)
        self.assertEqual(self.training_lines(), line)
        self.assertIn("Knowledge test: Excellent (95.0 %)", line.description)
        self.assertNotIn("Good", line.description)
        # the evaluation closes: still the same line, with its result
        self.close_evaluation(4)
        self.assertEqual(self.training_lines(), line)
        self.assertIn("Work-performance evaluation: 80.0 %", line.description)
        # the follow-up ends: the line says so
        self.report_plan(self.plan)
        self.plan.with_user(self.user_officer).action_close()
        self.assertEqual(self.training_lines(), line)
        self.assertIn("Training follow-up: Done", line.description)

    def test_p3_1_1_line_deleted_by_hand_comes_back_at_next_change(self):
        self.followup.resume_line_id.with_user(self.user_employee).unlink()
        self.assertFalse(self.followup.resume_line_id)
        self.assertFalse(self.training_lines())
        self.record_test(70)
        line = self.training_lines()
        self.assertEqual(len(line), 1)
        self.assertEqual(self.followup.resume_line_id, line)
        self.assertIn("Knowledge test: Pass (70.0 %)", line.description)

    def test_p3_1_1_removed_participant_loses_the_line(self):
        colleague_followup = self.plan.followup_ids - self.followup
        self.assertTrue(colleague_followup.resume_line_id)
        self.plan.session_id.with_user(self.user_officer).participant_ids = [
            Command.unlink(self.colleague.id)
        ]
        self.assertEqual(colleague_followup.state, "cancelled")
        self.assertFalse(self.training_lines(self.colleague))
        self.assertEqual(len(self.training_lines()), 1)

    def test_p3_1_1_line_named_in_the_employee_language(self):
        load_chinese(self.env)
        self.course.with_context(lang="zh_CN").name = "TF 投诉处理"
        plan = self.make_plan_for(self.outsider)
        plan.action_communicate()
        line = plan.followup_ids.resume_line_id
        self.assertEqual(line.with_context(lang="zh_CN").name, "TF 投诉处理")
        self.assertEqual(line.with_context(lang="en_US").name, self.course.name)
        self.assertTrue(line.with_context(lang="zh_CN").description)

    def test_p4_2_existing_followups_get_their_line(self):
        """The 19.0.1.6.0 migration: a follow-up without a line gets one,
        and a second pass adds nothing."""
        self.followup.resume_line_id.unlink()
        followups = self.env["training.followup"].search(
            [("state", "in", ("running", "done")), ("resume_line_id", "=", False)]
        )
        self.assertIn(self.followup, followups)
        followups._sync_resume_lines()
        followups._sync_resume_lines()
        self.assertEqual(len(self.training_lines()), 1)


@tagged("post_install", "-at_install")
class TestSkillsRaised(ResumeSkillsCase):
    """P3.1.1: a pass raises the course's skills through Odoo's versioned
    path, never lowers them; twice changes nothing."""

    def test_p3_1_1_pass_raises_the_skill_and_keeps_its_history(self):
        self.record_test(80)
        self.assertEqual(self.current_levels(), self.practitioner)
        # the previous level stays in the history, closed yesterday
        self.held.invalidate_recordset()
        self.assertEqual(self.held.skill_level_id, self.beginner)
        self.assertEqual(self.held.valid_to, fields.Date.today() - timedelta(days=1))
        new = self.employee.employee_skill_ids - self.held
        self.assertEqual(new.valid_from, fields.Date.today())
        # Odoo's skill timeline: 20 % until yesterday, 60 % from today
        self.env.flush_all()
        History = self.env["hr.employee.skill.history.report"]
        by_date = dict(
            History._read_group(
                [
                    ("employee_id", "=", self.employee.id),
                    ("skill_id", "=", self.skill.id),
                ],
                ["date:day"],
                ["level_progress:max"],
            )
        )
        self.assertEqual(by_date[date(2025, 1, 1)], 20)
        self.assertEqual(by_date[fields.Date.today()], 60)
        # a second pass: nothing new
        count = len(self.employee.employee_skill_ids)
        self.record_test(90)
        self.assertEqual(len(self.employee.employee_skill_ids), count)

    def test_p3_1_1_a_lower_course_never_lowers_the_skill(self):
        self.record_test(80)
        other = self.env["training.course"].create({"name": "TF Lean Basics"})
        self.env["training.course.skill"].create(
            {
                "course_id": other.id,
                "skill_type_id": self.skill_type.id,
                "skill_id": self.skill.id,
                "skill_level_id": self.beginner.id,
            }
        )
        plan = self.make_plan_for(
            self.employee, date_start="2026-05-04", course_id=other.id
        )
        plan.action_communicate()
        count = len(self.employee.employee_skill_ids)
        self.record_test(100, followup=plan.followup_ids)
        self.assertEqual(self.current_levels(), self.practitioner)
        self.assertEqual(len(self.employee.employee_skill_ids), count)

    def test_p3_1_1_fail_raises_nothing(self):
        self.record_test(40)
        self.assertEqual(self.followup.knowledge_grade, "fail")
        self.assertEqual(self.current_levels(), self.beginner)
        self.assertEqual(self.employee.employee_skill_ids, self.held)

    def test_p3_1_1_evaluation_raises_only_at_the_threshold(self):
        # 0: an evaluation never raises skills
        self.close_evaluation(5)
        self.assertEqual(self.current_levels(), self.beginner)
        # at or above the threshold, a closed evaluation raises them
        self.company.training_skill_evaluation_threshold = 80
        self.close_evaluation(4)  # 80 %
        self.assertEqual(self.current_levels(), self.practitioner)

    def test_p3_1_1_evaluation_below_threshold_raises_nothing(self):
        self.company.training_skill_evaluation_threshold = 90
        self.close_evaluation(4)  # 80 %
        self.assertEqual(self.current_levels(), self.beginner)

    def test_p3_1_1_threshold_out_of_range_refused(self):
        with self.assertRefused(ValidationError, r"between 0 and 100 % \(now 120"):
            self.company.training_skill_evaluation_threshold = 120
        self.assertEqual(self.company.training_skill_evaluation_threshold, 0)

    def test_p3_1_1_officer_names_a_skill_with_its_level(self):
        other = self.env["training.course"].create({"name": "TF Lean 2"})
        line = (
            self.env["training.course.skill"]
            .with_user(self.user_officer)
            .create(
                {
                    "course_id": other.id,
                    "skill_type_id": self.skill_type.id,
                    "skill_id": self.skill.id,
                    "skill_level_id": self.expert.id,
                }
            )
        )
        self.assertEqual(other.skill_ids, line)

    def test_p3_1_1_skill_level_of_another_type_refused(self):
        languages = self.env["hr.skill.type"].create(
            {
                "name": "TF Languages",
                "skill_ids": [Command.create({"name": "TF Chinese"})],
                "skill_level_ids": [
                    Command.create({"name": "TF A1", "level_progress": 10}),
                ],
            }
        )
        other = self.env["training.course"].create({"name": "TF Lean 3"})
        Line = self.env["training.course.skill"].with_user(self.user_officer)
        with self.assertRefused(ValidationError, "not a level of the skill type"):
            Line.create(
                {
                    "course_id": other.id,
                    "skill_type_id": self.skill_type.id,
                    "skill_id": self.skill.id,
                    "skill_level_id": languages.skill_level_ids.id,
                }
            )
        with self.assertRefused(ValidationError, "not a skill of the type"):
            self.course_skill.with_user(
                self.user_officer
            ).skill_id = languages.skill_ids
        self.assertFalse(other.skill_ids)
        self.assertEqual(self.course.skill_ids, self.course_skill)
        self.assertEqual(self.course_skill.skill_id, self.skill)

    def test_p3_1_1_employee_cannot_name_course_skills(self):
        with self.assertRefused(AccessError, "not allowed"):
            self.course_skill.with_user(self.user_employee).skill_level_id = self.expert
        with self.assertRefused(AccessError, "not allowed"):
            self.env["training.course.skill"].with_user(self.user_employee).create(
                {
                    "course_id": self.course.id,
                    "skill_type_id": self.skill_type.id,
                    "skill_id": self.skill.id,
                    "skill_level_id": self.expert.id,
                }
            )
        self.assertEqual(self.course_skill.skill_level_id, self.practitioner)
        self.assertEqual(self.current_levels(), self.beginner)

    def test_p3_1_1_employee_and_manager_read_the_line(self):
        line = self.followup.resume_line_id
        Line = self.env["hr.resume.line"]
        self.assertIn(line, Line.with_user(self.user_employee).search([]))
        self.assertIn(line, Line.with_user(self.user_manager).search([]))


@tagged("post_install", "-at_install")
class TestCertificationLine(ResumeSkillsCase):
    """P3.1.1: a knowledge test taken as a certification survey also gives
    Odoo's certification line on the resume."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.survey = (
            cls.env["survey.survey"]
            .with_user(cls.user_officer)
            .create(
                {
                    "title": "TF Lean Certification",
                    "access_mode": "token",
                    "scoring_type": "scoring_with_answers",
                    "certification": True,
                    "scoring_success_min": 50,
                    "question_and_page_ids": [
                        Command.create(
                            {
                                "title": "Waste?",
                                "question_type": "simple_choice",
                                "suggested_answer_ids": [
                                    Command.create(
                                        {
                                            "value": "Waiting",
                                            "is_correct": True,
                                            "answer_score": 10,
                                        }
                                    ),
                                    Command.create({"value": "Tea", "answer_score": 0}),
                                ],
                            }
                        )
                    ],
                }
            )
        )

    def pass_certification(self, followup):
        """The officer sends the certification survey as the test of
        `followup`; the participant answers it right on its page."""
        assessment = (
            self.env["training.assessment"]
            .with_user(self.user_officer)
            .create({"followup_id": followup.id, "survey_id": self.survey.id})
        )
        assessment.action_send_survey()
        answer = assessment.user_input_id.sudo()
        question = self.survey.sudo().question_ids
        answer._save_lines(
            question,
            question.suggested_answer_ids.filtered(lambda a: a.value == "Waiting").id,
        )
        answer._mark_done()
        return assessment, answer

    def certification_lines(self, employee):
        return self.env["hr.resume.line"].search(
            [("employee_id", "=", employee.id), ("survey_id", "=", self.survey.id)]
        )

    def test_p3_1_1_certification_survey_gives_the_certification_line(self):
        assessment, answer = self.pass_certification(self.followup)
        # the employee with a user answers as their user's partner: Odoo's
        # own certification line
        self.assertEqual(answer.partner_id, self.user_employee.partner_id)
        self.assertEqual(assessment.grade, "excellent")
        certification = self.certification_lines(self.employee)
        self.assertEqual(len(certification), 1)
        self.assertEqual(
            certification.line_type_id,
            self.env.ref("hr_skills_survey.resume_type_certification"),
        )
        # and the training line shows the grade; the skill is raised
        self.assertIn("Excellent (100.0 %)", self.followup.resume_line_id.description)
        self.assertEqual(self.current_levels(), self.practitioner)

    def test_p3_1_1_certification_line_for_an_employee_without_user(self):
        followup = self.plan.followup_ids - self.followup
        self.assertFalse(self.colleague.user_id)
        _assessment, answer = self.pass_certification(followup)
        self.assertEqual(answer.partner_id, self.colleague.work_contact_id)
        certification = self.certification_lines(self.colleague)
        self.assertEqual(len(certification), 1)
        self.assertEqual(certification.name, "TF Lean Certification")
        self.assertEqual(
            certification.line_type_id,
            self.env.ref("hr_skills_survey.resume_type_certification"),
        )
        # passed again: still one certification line, one training line
        self.pass_certification(followup)
        self.assertEqual(len(self.certification_lines(self.colleague)), 1)
        self.assertEqual(len(self.training_lines(self.colleague)), 1)


@tagged("post_install", "-at_install")
class TestResumeSkillsOverRpc(JsonRpcMixin, HttpCase, ResumeSkillsCase):
    """P3.1.1, P5.2: nobody makes their skill rise by hand through the
    follow-up: its resume line is the process's, the course's skills the
    officer's."""

    def call(self, user, model, method, args):
        self.authenticate(user.login, user.login)
        return self.call_kw(model, method, args, context={"lang": "en_US"})

    def test_p3_1_1_resume_line_link_refused_over_rpc(self):
        other = self.env["hr.resume.line"].create(
            {"employee_id": self.employee.id, "name": "TF Fake training"}
        )
        line = self.followup.resume_line_id
        for user in (self.user_employee, self.user_officer):
            name, message = self.call(
                user,
                "training.followup",
                "write",
                [[self.followup.id], {"resume_line_id": other.id}],
            )
            self.assertEqual(name, "odoo.exceptions.UserError", message)
            self.assertIn("set by the follow-up itself", message)
        self.followup.invalidate_recordset()
        self.assertEqual(self.followup.resume_line_id, line)

    def test_p3_1_1_employee_cannot_raise_a_course_skill_over_rpc(self):
        name, message = self.call(
            self.user_employee,
            "training.course.skill",
            "write",
            [[self.course_skill.id], {"skill_level_id": self.expert.id}],
        )
        self.assertEqual(name, "odoo.exceptions.AccessError", message)
        name, message = self.call(
            self.user_employee,
            "training.course",
            "write",
            [
                [self.course.id],
                {
                    "skill_ids": [
                        Command.update(
                            self.course_skill.id, {"skill_level_id": self.expert.id}
                        )
                    ]
                },
            ],
        )
        self.assertEqual(name, "odoo.exceptions.AccessError", message)
        self.course_skill.invalidate_recordset()
        self.assertEqual(self.course_skill.skill_level_id, self.practitioner)

    def test_p3_1_1_employee_cannot_record_a_pass_over_rpc(self):
        """The employee cannot reach the skill raise through their own test."""
        assessment = self.env["training.assessment"].create(
            {"followup_id": self.followup.id, "score": 95}
        )
        name, message = self.call(
            self.user_employee,
            "training.assessment",
            "action_record",
            [[assessment.id]],
        )
        self.assertIn(
            name, ("odoo.exceptions.UserError", "odoo.exceptions.AccessError"), message
        )
        self.assertNotIn("Traceback", message)
        self.assertEqual(self.current_levels(), self.beginner)
        self.assertEqual(assessment.state, "draft")


@tagged("post_install", "-at_install")
class TestResumeSkillsTour(HttpCase, ResumeSkillsCase):
    """P3.1.1: the employee form's Resume shows the follow-up's line with
    the grade, the skills the raised level and its timeline."""

    def test_p3_1_1_employee_form_shows_line_and_raised_skill(self):
        self.record_test(80)
        hr_officer = new_test_user(
            self.env,
            login="tf_test_hr_officer",
            groups="hr.group_hr_user,training_followup.group_training_officer",
            name="TF HR Officer",
        )
        self.start_tour(
            f"/odoo/employees/{self.employee.id}",
            "training_followup_resume_skills_tour",
            login=hr_officer.login,
        )
