from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time, new_test_user, tagged

from .common import TrainingFollowupCase


class DutiesCase(TrainingFollowupCase):
    """Duties kept apart (issue 15): a running follow-up of the employee,
    whose manager is the manager user and whose training officer is the
    officer user."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_peer = new_test_user(cls.env, login="tf_duty_peer", name="TF Peer")
        cls.colleague.user_id = cls.user_peer
        # a step of the company's own, done by hand (the only kind)
        cls.env["training.followup.template.line"].create(
            {
                "template_id": cls.template.id,
                "name": "TF Sign the attendance sheet",
                "step_type": "manual",
                "responsible": "officer",
                "offset_value": 3,
            }
        )

    def setUp(self):
        super().setUp()
        self.plan = self.make_plan()
        self.plan.action_communicate()
        self.followup = self.plan.followup_ids

    def step(self, step_type):
        return self.followup.step_ids.filtered(
            lambda s: s.step_type == step_type and s.state == "todo"
        ).sorted(lambda s: (s.date_deadline, s.id))[:1]


@tagged("post_install", "-at_install")
class TestDutiesApplicationCase(DutiesCase):
    """P3.2.1, P2.2.3: the employee records the case, the employing
    department (or a training officer) rates its effect; only evaluated
    cases count in the figures."""

    def submitted_case(self, name="TF Scrap on line 2"):
        case = (
            self.env["training.application.case"]
            .with_user(self.user_employee)
            .create({"followup_id": self.followup.id, "name": name})
        )
        case.action_submit()
        return case

    def test_p3_2_1_manager_rates_and_evaluates_case(self):
        case = self.submitted_case()
        as_manager = case.with_user(self.user_manager)
        self.assertTrue(as_manager.can_evaluate)
        as_manager.write({"effect": "high", "effect_evaluation": "Real saving"})
        as_manager.action_evaluate()
        self.assertEqual((case.state, case.effect), ("evaluated", "high"))

    def test_p3_2_1_department_manager_not_direct_manager_rates_case(self):
        """P2.2.3, P3.2.1: the employing department rates: the manager of
        the employee's department rates a case though another person is the
        employee's direct manager; the button shows it and the save accepts
        it (one truth). Someone who only reads the case is refused."""
        head_user = new_test_user(self.env, login="tf_duty_head", name="TF Head")
        head = self.env["hr.employee"].create(
            {
                "name": "TF Head",
                "user_id": head_user.id,
                "department_id": self.department.id,
            }
        )
        self.department.manager_id = head
        # Odoo hands the old manager's reports to the new one: keep the
        # direct manager apart from the department's manager
        self.employee.parent_id = self.manager
        self.assertEqual(self.followup.manager_user_id, self.user_manager)
        case = self.submitted_case()
        as_head = case.with_user(head_user)
        self.assertTrue(as_head.can_evaluate)
        self.assertIn(
            case,
            as_head.search([("can_evaluate", "=", True)]),
            "the record rule's domain finds what the button shows",
        )
        as_head.write({"effect": "medium", "effect_evaluation": "Fewer complaints"})
        as_head.action_evaluate()
        self.assertEqual((case.state, case.effect), ("evaluated", "medium"))
        # the direct manager's own manager reads the case, never rates it
        boss_user = new_test_user(self.env, login="tf_duty_boss", name="TF Boss")
        self.manager.parent_id = self.env["hr.employee"].create(
            {"name": "TF Boss", "user_id": boss_user.id}
        )
        other = self.submitted_case("TF Other")
        as_boss = other.with_user(boss_user)
        self.assertFalse(as_boss.can_evaluate)
        with self.assertRefused(AccessError, ""):
            as_boss.write({"effect": "high"})
        self.assertFalse(other.effect)

    def test_p3_2_1_officer_evaluates_case(self):
        case = self.submitted_case()
        as_officer = case.with_user(self.user_officer)
        as_officer.effect = "medium"
        as_officer.action_evaluate()
        self.assertEqual(case.state, "evaluated")

    def test_p3_2_1_employee_cannot_rate_own_case(self):
        case = self.submitted_case()
        as_employee = case.with_user(self.user_employee)
        self.assertFalse(as_employee.can_evaluate)
        with self.assertRefused(AccessError, "cannot rate their own"):
            as_employee.write({"effect": "high"})
        with self.assertRefused(AccessError, "cannot rate their own"):
            as_employee.write({"effect_evaluation": "I did great"})
        self.assertFalse(case.effect)
        self.assertFalse(case.effect_evaluation)
        # rated by the manager, the case is still not the employee's to close
        case.with_user(self.user_manager).effect = "low"
        with self.assertRefused(AccessError, "cannot rate their own"):
            as_employee.action_evaluate()
        with self.assertRefused(UserError, "through its buttons"):
            as_employee.write({"state": "evaluated"})
        self.assertEqual((case.state, case.effect), ("submitted", "low"))

    def test_p3_2_1_employee_cannot_create_a_rated_case(self):
        Case = self.env["training.application.case"].with_user(self.user_employee)
        with self.assertRefused(AccessError, "cannot rate their own"):
            Case.create(
                {"followup_id": self.followup.id, "name": "TF Rated", "effect": "high"}
            )
        with self.assertRefused(UserError, "through its buttons"):
            Case.create(
                {
                    "followup_id": self.followup.id,
                    "name": "TF Evaluated",
                    "state": "evaluated",
                }
            )
        self.assertFalse(self.followup.application_case_ids)

    def test_p3_2_1_officer_who_is_the_employee_cannot_rate_own_case(self):
        self.user_employee.group_ids = [
            Command.link(self.env.ref("training_followup.group_training_officer").id)
        ]
        case = self.submitted_case()
        with self.assertRefused(AccessError, "cannot rate their own"):
            case.with_user(self.user_employee).write({"effect": "high"})
        self.assertFalse(case.effect)

    @freeze_time("2026-05-05")
    def test_p2_2_3_only_evaluated_cases_count(self):
        evaluated = self.submitted_case("TF Evaluated")
        evaluated.with_user(self.user_manager).effect = "high"
        evaluated.with_user(self.user_manager).action_evaluate()
        # rated but not evaluated yet, and a draft: neither counts
        rated = self.submitted_case("TF Rated only")
        rated.with_user(self.user_manager).effect = "none"
        self.env["training.application.case"].create(
            {"followup_id": self.followup.id, "name": "TF Draft", "effect": "none"}
        )
        self.env.invalidate_all()
        Analysis = self.env["training.followup.analysis"].with_user(self.user_officer)
        [(cases, effect)] = Analysis._read_group(
            [("followup_id", "=", self.followup.id)],
            [],
            ["case_count:sum", "case_effect:avg"],
        )
        self.assertEqual((cases, effect), (1, 3.0))
        session = self.plan.session_id.with_user(self.user_officer)
        self.assertEqual((session.kp_case_count, session.kp_results), (1, 3.0))
        # the appraisal: the employee's application effect and the
        # department's guidance count the evaluated case only (high = 100 %)
        period = self.env["training.kpi.period"].create(
            {"period_type": "quarter", "date_from": "2026-04-01"}
        )
        period.with_user(self.user_officer).action_compute()
        employee_card = period.scorecard_ids.filtered(
            lambda c: c.scope == "employee" and c.employee_id == self.employee
        )
        self.assertEqual(
            (employee_card.application_effect, employee_card.application_effect_basis),
            (100.0, "1 / 1"),
        )
        department_card = period.scorecard_ids.filtered(
            lambda c: c.scope == "department" and c.department_id == self.department
        )
        self.assertEqual(department_card.guidance, 100.0)


@tagged("post_install", "-at_install")
class TestDutiesPeers(DutiesCase):
    """P3.1.2: supervisor, peers and self are different people."""

    def setUp(self):
        super().setUp()
        self.evaluation = self.env["training.evaluation"].create(
            {"followup_id": self.followup.id}
        )
        self.as_manager = self.evaluation.with_user(self.user_manager)

    def test_p3_1_2_manager_chooses_a_colleague_as_peer(self):
        self.as_manager.peer_employee_ids = self.colleague
        self.as_manager.action_open()
        self.assertEqual(
            sorted(self.evaluation.response_ids.mapped("role")),
            ["peer", "self", "supervisor"],
        )

    def test_p3_1_2_employee_is_never_their_own_peer(self):
        with self.assertRefused(ValidationError, "cannot be their own peer"):
            self.as_manager.peer_employee_ids = self.employee | self.colleague
        self.assertFalse(self.evaluation.peer_employee_ids)
        with self.assertRefused(ValidationError, "cannot be their own peer"):
            self.env["training.evaluation"].with_user(self.user_manager).create(
                {
                    "followup_id": self.followup.id,
                    "peer_employee_ids": [Command.set(self.employee.ids)],
                }
            )

    def test_p3_1_2_manager_is_never_a_peer(self):
        with self.assertRefused(ValidationError, "never as a peer"):
            self.as_manager.peer_employee_ids = self.manager
        self.assertFalse(self.evaluation.peer_employee_ids)

    def test_p3_1_2_no_evaluator_twice(self):
        # the peer's user is also an employee of a sister company
        sister = self.env["res.company"].create({"name": "TF Sister"})
        twin = self.env["hr.employee"].create(
            {
                "name": "TF Peer (sister)",
                "user_id": self.user_peer.id,
                "company_id": sister.id,
            }
        )
        with self.assertRefused(ValidationError, "same user"):
            self.as_manager.peer_employee_ids = self.colleague | twin
        self.assertFalse(self.evaluation.peer_employee_ids)


@tagged("post_install", "-at_install")
class TestDutiesSupervisionMembership(TrainingFollowupCase):
    """P5.1: the Supervision Group right follows the membership."""

    GROUP = "training_followup.group_training_supervisor"

    def member(self, user, company=None):
        Member = self.env["training.supervision.member"]
        if not company:
            Member = Member.with_user(self.user_admin)
        return Member.create(
            {
                "user_id": user.id,
                "role": "employee_rep",
                "company_id": (company or self.company).id,
            }
        )

    def assertSupervisor(self, user, expected):
        self.env.invalidate_all()
        self.assertEqual(user.has_group(self.GROUP), expected)

    def test_p5_1_member_gets_the_group(self):
        self.member(self.user_manager)
        self.assertSupervisor(self.user_manager, True)

    def test_p5_1_archived_member_loses_the_group(self):
        member = self.member(self.user_manager)
        member.action_archive()
        self.assertSupervisor(self.user_manager, False)
        inspection = (
            self.env["training.supervision.inspection"]
            .with_user(self.user_supervisor)
            .create({"name": "TF Inspection"})
        )
        with self.assertRefused(AccessError, ""):
            inspection.with_user(self.user_manager).read(["name"])
        member.action_unarchive()
        self.assertSupervisor(self.user_manager, True)

    def test_p5_1_removed_member_loses_the_group(self):
        self.member(self.user_manager).unlink()
        self.assertSupervisor(self.user_manager, False)

    def test_p5_1_replaced_member_loses_the_group(self):
        member = self.member(self.user_manager)
        member.user_id = self.user_outsider
        self.assertSupervisor(self.user_manager, False)
        self.assertSupervisor(self.user_outsider, True)

    def test_p5_1_another_membership_keeps_the_group(self):
        sister = self.env["res.company"].create({"name": "TF Sister"})
        self.user_manager.company_ids = [Command.link(sister.id)]
        self.member(self.user_manager, sister)
        self.member(self.user_manager).action_archive()
        self.assertSupervisor(self.user_manager, True)

    def test_p5_1_head_of_hr_keeps_the_group_through_the_admin_group(self):
        leader = self.make_leader(self.user_admin)
        leader.unlink()
        self.assertSupervisor(self.user_admin, True)

    def test_p5_1_officer_cannot_change_memberships(self):
        member = self.member(self.user_manager)
        with self.assertRefused(AccessError, ""):
            member.with_user(self.user_officer).unlink()
        with self.assertRefused(AccessError, ""):
            member.with_user(self.user_officer).write({"active": False})
        self.assertSupervisor(self.user_manager, True)


@tagged("post_install", "-at_install")
class TestDutiesStepByHand(DutiesCase):
    """P2.1, P5.2: a step is done by the record that fulfils it; only a step
    of the company's own is ticked by hand, by a training officer, with the
    reason logged."""

    def confirm_reason(self, user, steps, reason):
        return self.give_reason(user, steps, "step_done", reason)

    def test_p2_1_officer_marks_a_manual_step_done_with_the_reason(self):
        step = self.step("manual")
        self.assertTrue(step)
        action = step.with_user(self.user_officer).action_done()
        self.assertEqual(action["res_model"], "training.followup.reason")
        self.assertEqual(action["context"]["default_decision"], "step_done")
        self.assertEqual(step.state, "todo", "nothing is done before the reason")
        self.confirm_reason(self.user_officer, step, "Signed on paper, filed")
        self.assertEqual(
            (step.state, step.done_by_id, step.done_reason),
            ("done", self.user_officer, "Signed on paper, filed"),
        )
        note = step._get_activity_record().message_ids[:1]
        self.assertIn("Signed on paper, filed", note.body)
        self.assertIn(self.user_officer.name, note.body)

    def test_p2_1_reason_is_required(self):
        step = self.step("manual")
        with self.assertRefused(UserError, "reason"):
            self.confirm_reason(self.user_officer, step, "   ")
        self.assertEqual(step.state, "todo")

    def test_p2_1_record_steps_cannot_be_ticked_by_hand(self):
        for step_type in ("knowledge_test", "questionnaire", "observation"):
            step = self.step(step_type)
            with self.subTest(step_type=step_type):
                self.assertTrue(step)
                with self.assertRefused(UserError, "not by hand"):
                    step.with_user(self.user_officer).action_done()
                with self.assertRefused(UserError, "not by hand"):
                    self.confirm_reason(self.user_officer, step, "It was done")
                self.assertEqual(step.state, "todo")
                self.assertFalse(step.done_by_id)

    def test_p2_1_employee_cannot_tick_a_step(self):
        step = self.step("manual")
        with self.assertRefused(AccessError, "training officer"):
            step.with_user(self.user_employee).action_done()
        with self.assertRefused(AccessError, "training officer"):
            self.confirm_reason(self.user_employee, step, "Trust me")
        self.assertEqual(step.state, "todo")


@tagged("post_install", "-at_install")
class TestDutiesScorecards(TrainingFollowupCase):
    """P5.2: scorecard figures come from Compute only; a locked period
    changes in nothing."""

    def setUp(self):
        super().setUp()
        self.period = self.env["training.kpi.period"].create(
            {"period_type": "quarter", "date_from": "2026-04-01"}
        )
        self.period.with_user(self.user_officer).action_compute()
        self.card = self.period.scorecard_ids[:1]

    def test_p5_2_compute_sets_the_figures(self):
        self.assertTrue(self.card)
        self.assertTrue(self.period.date_computed)
        self.period.with_user(self.user_officer).action_compute()
        self.assertTrue(self.period.scorecard_ids)

    def test_p5_2_figures_refused_when_written_for_every_role(self):
        before = self.card.total_score
        for user in (self.user_officer, self.user_admin, self.env.user):
            with self.subTest(user=user.login):
                with self.assertRefused(UserError, "by hand"):
                    self.card.with_user(user).write({"total_score": 99})
                with self.assertRefused(UserError, "by hand"):
                    self.card.with_user(user).write({"application_effect": 99})
                with self.assertRefused(UserError, "by hand"):
                    self.env["training.kpi.scorecard"].with_user(user).create(
                        {
                            "period_id": self.period.id,
                            "scope": "employee",
                            "employee_id": self.employee.id,
                            "application_effect": 100,
                            "application_effect_basis": "1 / 1",
                        }
                    )
        # the others may not write a scorecard at all
        for user in (self.user_employee, self.user_manager, self.user_supervisor):
            with self.subTest(user=user.login):
                with self.assertRefused(AccessError, ""):
                    self.card.with_user(user).write({"total_score": 99})
        self.assertEqual(self.card.total_score, before)

    def test_p5_2_locked_period_refuses_everything(self):
        self.period.with_user(self.user_admin).action_lock()
        for user in (self.user_officer, self.user_admin, self.env.user):
            with self.subTest(user=user.login):
                period = self.period.with_user(user)
                with self.assertRefused(UserError, "locked"):
                    period.write({"date_from": "2026-07-01"})
                with self.assertRefused(UserError, "locked"):
                    period.action_compute()
                with self.assertRefused(UserError, "locked"):
                    self.card.with_user(user).unlink()
                with self.assertRefused(UserError, "locked"):
                    self.card.with_user(user).write({"total_score": 99})
                # unlocking goes through the reason, never a plain write
                with self.assertRefused(UserError, "through its buttons"):
                    period.write({"state": "draft"})
        self.assertEqual(self.period.state, "locked")
        self.assertTrue(self.card.exists())
        # the head of HR unlocks with a logged reason
        self.give_reason(
            self.user_admin, self.period, "period_unlock", "A report was scored late"
        )
        self.assertEqual(self.period.state, "draft")

    def test_p5_2_status_only_through_the_buttons(self):
        with self.assertRefused(UserError, "through its buttons"):
            self.period.with_user(self.user_officer).write({"state": "locked"})
        with self.assertRefused(UserError, "starts open"):
            self.env["training.kpi.period"].with_user(self.user_officer).create(
                {"period_type": "month", "date_from": "2026-08-01", "state": "locked"}
            )
        with self.assertRefused(AccessError, "head of HR"):
            self.period.with_user(self.user_officer).action_lock()
        self.assertEqual(self.period.state, "draft")


@tagged("post_install", "-at_install")
class TestDutiesBadInputs(DutiesCase):
    """Bad inputs that were accepted are refused with a clear message, and
    nothing is written."""

    def open_evaluation(self):
        evaluation = self.env["training.evaluation"].create(
            {"followup_id": self.followup.id}
        )
        evaluation.with_user(self.user_manager).action_open()
        response = evaluation.response_ids.filtered(lambda r: r.role == "supervisor")
        response = response.with_user(self.user_manager)
        response.line_ids.write({"score": "4"})
        response.action_submit()
        return evaluation.with_user(self.user_manager)

    def test_p3_1_2_report_of_spaces_refused(self):
        evaluation = self.open_evaluation()
        evaluation.write({"strengths": "  ", "weaknesses": "\n\t", "suggestions": " "})
        with self.assertRefused(UserError, "evaluation report first"):
            evaluation.action_close()
        self.assertEqual(evaluation.state, "open")
        self.assertFalse(evaluation.result)
        evaluation.write({"strengths": "Calm", "weaknesses": " ", "suggestions": "x"})
        with self.assertRefused(UserError, "evaluation report first"):
            evaluation.action_close()
        self.assertEqual(evaluation.state, "open")

    def test_p3_1_2_report_written_closes(self):
        evaluation = self.open_evaluation()
        evaluation.write(
            {"strengths": "Calm", "weaknesses": "Slow", "suggestions": "Practise"}
        )
        evaluation.action_close()
        self.assertEqual(evaluation.state, "closed")

    @freeze_time("2026-04-20")
    def test_p5_1_issued_deadline_never_moved_into_the_past(self):
        demand = (
            self.env["training.rectification"]
            .with_user(self.user_supervisor)
            .create(
                {
                    "name": "TF Submit the evaluations",
                    "department_id": self.department.id,
                    "user_id": self.user_manager.id,
                    "date_deadline": "2026-05-04",
                }
            )
        )
        demand.action_issue()
        with self.assertRefused(UserError, "cannot be past"):
            demand.write({"date_deadline": "2026-04-17"})
        self.assertEqual(demand.date_deadline, date(2026, 5, 4))
        self.assertEqual(demand.step_id.date_deadline, date(2026, 5, 4))
        # moved later (or to today), the step follows
        demand.write({"date_deadline": "2026-04-20"})
        self.assertEqual(demand.step_id.date_deadline, date(2026, 4, 20))

    @freeze_time("2026-04-20")
    def test_p4_5_deadline_never_moved_into_the_past(self):
        action = (
            self.env["training.improvement.action"]
            .with_user(self.user_officer)
            .create(
                {
                    "name": "TF More practice",
                    "department_id": self.department.id,
                    "user_id": self.user_manager.id,
                    "date_deadline": "2026-05-15",
                    "expected_effect": "Everybody applies it",
                }
            )
        )
        with self.assertRefused(UserError, "cannot be past"):
            action.write({"date_deadline": "2026-04-10"})
        self.assertEqual(action.date_deadline, date(2026, 5, 15))
        self.assertEqual(action.step_id.date_deadline, date(2026, 5, 15))
        action.write({"date_deadline": "2026-06-01"})
        self.assertEqual(action.step_id.date_deadline, date(2026, 6, 1))

    def test_p3_1_1_scale_needs_bands(self):
        Scale = self.env["training.grade.scale"].with_user(self.user_admin)
        with self.assertRefused(ValidationError, "at least one band"):
            Scale.create({"name": "TF Empty"})
        self.assertFalse(Scale.search([("name", "=", "TF Empty")]))
        scale = self.env.ref("training_followup.grade_scale_default").with_user(
            self.user_admin
        )
        with self.assertRefused(ValidationError, "at least one band"):
            scale.band_ids.unlink()
        with self.assertRefused(ValidationError, "at least one band"):
            scale.write({"band_ids": [Command.clear()]})
        with self.assertRefused(ValidationError, "without gaps"):
            scale.band_ids.filtered(lambda b: b.grade == "fail").unlink()
        self.assertEqual(len(scale.band_ids), 4)
        # replaced in one go, the bands are checked once all written
        scale.write(
            {
                "band_ids": [
                    Command.clear(),
                    Command.create(
                        {"grade": "pass", "min_percent": 50, "max_percent": 100}
                    ),
                    Command.create(
                        {"grade": "fail", "min_percent": 0, "max_percent": 50}
                    ),
                ]
            }
        )
        self.assertEqual(scale._get_grade(50), "pass")
        self.assertEqual(scale._get_grade(0), "fail")

    def settings_user(self):
        return new_test_user(
            self.env,
            login="tf_duty_settings",
            groups="base.group_system,training_followup.group_training_admin",
        )

    def test_p5_2_appraisal_weights_all_zero_refused(self):
        user = self.settings_user()
        Settings = self.env["res.config.settings"].with_user(user)
        zero = {
            "training_kpi_weight_devplan_completion": 0,
            "training_kpi_weight_application_effect": 0,
            "training_kpi_weight_steps_on_time": 0,
        }
        with self.assertRefused(ValidationError, "cannot all be 0"):
            Settings.create(zero).execute()
        self.assertEqual(self.company.training_kpi_weight_application_effect, 40)
        with self.assertRefused(ValidationError, "cannot all be 0"):
            self.company.write(
                {
                    "training_kpi_weight_timeliness": 0,
                    "training_kpi_weight_accuracy": 0,
                    "training_kpi_weight_guidance": 0,
                }
            )
        self.assertEqual(self.company.training_kpi_weight_timeliness, 40)
        # one indicator weighted is enough
        Settings.create({**zero, "training_kpi_weight_steps_on_time": 10}).execute()
        self.assertEqual(self.company.training_kpi_weight_steps_on_time, 10)

    def test_p3_1_2_evaluation_weights_all_zero_refused(self):
        user = self.settings_user()
        Settings = self.env["res.config.settings"].with_user(user)
        with self.assertRefused(ValidationError, "total 100"):
            Settings.create(
                {
                    "training_weight_supervisor": 0,
                    "training_weight_peer": 0,
                    "training_weight_self": 0,
                }
            ).execute()
        self.assertEqual(self.company.training_weight_supervisor, 50)
