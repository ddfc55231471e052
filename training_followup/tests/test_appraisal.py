import io
from datetime import date

import openpyxl

from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time, tagged
from odoo.tools import mute_logger

from ..tools.process_guard import in_process
from .common import TrainingFollowupCase

# the worked examples use the second quarter of 2026
Q2 = {"period_type": "quarter", "date_from": "2026-05-17"}
OUTSIDE = date(2027, 1, 29)


@tagged("post_install", "-at_install")
class TestAppraisal(TrainingFollowupCase):
    """P5.2: the scorecards of the training department, the employing
    departments and the employees, computed from the data; every expected
    value below is worked out by hand in the comments."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.training_department = cls.env["hr.department"].create(
            {"name": "TF Training"}
        )
        cls.company.training_department_id = cls.training_department

    def period(self):
        period = self.env["training.kpi.period"].create(Q2)
        period.with_user(self.user_officer).action_compute()
        return period

    def card(self, period, scope, **subject):
        return period.scorecard_ids.filtered(
            lambda c: (
                c.scope == scope
                and all(c[field] == value for field, value in subject.items())
            )
        )

    def started_plan(self, participants=None, week=0):
        """A running plan whose steps are all moved out of the quarter, so
        that each example sets the steps it counts."""
        start = date(2026, 4, 6 + 7 * week)
        plan = self.make_plan(participants, date_start=start, date_end=start)
        plan.action_communicate()
        in_process(plan.step_ids).write({"date_deadline": OUTSIDE})
        return plan

    def new_action(self, deadline, **values):
        return (
            self.env["training.improvement.action"]
            .with_user(self.user_officer)
            .create(
                {
                    "name": "TF Measure",
                    "department_id": self.department.id,
                    "user_id": self.user_manager.id,
                    "date_deadline": deadline,
                    "expected_effect": "Better",
                    **values,
                }
            )
        )

    def finish(self, action, verdict=None):
        action.sudo().actual_effect = "Done"
        action.action_done()
        if verdict:
            action.verification = "Checked"
            action._verify(verdict)

    def add_case(self, followup, effect, day):
        """A case the employee submits and the manager evaluates (only
        evaluated cases count, P2.2.3)."""
        case = self.env["training.application.case"].create(
            {"followup_id": followup.id, "name": "TF Case", "date": day}
        )
        case.action_submit()
        manager = case.with_user(followup.manager_user_id or self.user_officer)
        manager.effect = effect
        manager.action_evaluate()
        return case

    def test_p5_2_training_department(self):
        # plan completion: three plans due on 29 May (their last step), one
        # closed on 28 May (on time), one on 2 June (late), one still
        # running; a fourth plan due in July does not count: 1 / 3 = 33.33 %
        plans = [self.started_plan(week=week) for week in range(4)]
        for plan in plans[:3]:
            in_process(plan.step_ids).write({"date_deadline": date(2026, 5, 29)})
        in_process(plans[3].step_ids).write({"date_deadline": date(2026, 7, 3)})
        for plan, day in ((plans[0], "2026-05-28"), (plans[1], "2026-06-02")):
            with freeze_time(day):
                self.report_plan(plan)
                plan.action_close()
        # report quality: scores 4 and 3 given in the quarter, 1 in July:
        # (4 + 3) / (2 x 5) = 70 %
        for score, day in (
            ("4", "2026-05-10"),
            ("3", "2026-06-10"),
            ("1", "2026-07-10"),
        ):
            report = self.env["training.followup.report"].create(
                {
                    "name": "TF Report",
                    "plan_id": plans[0].id,
                    "management_user_id": self.user_admin.id,
                }
            )
            report.action_compute()
            report.action_submit()
            with freeze_time(day):
                report.with_user(self.user_admin).action_acknowledge("Fine", score)
        # improvement effect: four measures due in the quarter, one verified
        # effective, one not effective, one open, one cancelled (not
        # counted); one due in July: 1 / 3 = 33.33 %
        with freeze_time("2026-04-01"):
            effective, not_effective, _open, cancelled = (
                self.new_action("2026-06-15") for _index in range(4)
            )
            self.new_action("2026-07-10")
            self.finish(effective, "effective")
            self.finish(not_effective, "not_effective")
            cancelled.action_cancel()
        card = self.card(self.period(), "training_department")
        self.assertEqual(card.department_id, self.training_department)
        self.assertEqual(
            (card.plan_completion, card.plan_completion_basis), (33.33, "1 / 3")
        )
        self.assertEqual(
            (card.report_quality, card.report_quality_basis), (70.0, "7 / 10")
        )
        self.assertEqual(
            (card.improvement_effect, card.improvement_effect_basis), (33.33, "1 / 3")
        )
        # weights 40 / 30 / 30: (40 x 33.33 + 30 x 70 + 30 x 33.33) / 100
        self.assertAlmostEqual(card.total_score, 44.33)

    def test_p5_2_employing_department(self):
        plan = self.started_plan(self.employee | self.colleague)
        employee_followup, colleague_followup = plan.followup_ids.sorted(
            lambda f: f.employee_id != self.employee
        )
        with freeze_time("2026-04-01"):
            on_time = self.new_action("2026-04-30")
            late = self.new_action("2026-05-15")
            open_late = self.new_action("2026-05-29")
            self.new_action("2026-07-15")
            demand = (
                self.env["training.rectification"]
                .with_user(self.user_supervisor)
                .create(
                    {
                        "name": "TF Rectify",
                        "department_id": self.department.id,
                        "user_id": self.user_manager.id,
                        "date_deadline": "2026-06-12",
                    }
                )
            )
            demand.action_issue()
        with freeze_time("2026-04-20"):
            self.finish(on_time.with_user(self.user_manager))
        with freeze_time("2026-05-20"):
            self.finish(late.with_user(self.user_manager))
        with freeze_time("2026-06-20"):
            self.env["training.followup.step"]._cron_mark_late()
        self.assertTrue(open_late.is_late)
        self.assertTrue(demand.appraisal_flag)
        # the officer returns the first submission for correction
        self.give_reason(
            self.user_officer, on_time.step_id, "step_return", "Wrong figures"
        )
        self.assertEqual(on_time.step_id.return_count, 1)
        # application cases of the department's employees in the quarter:
        # high (1) and low (1/3); a medium one in July does not count
        self.add_case(employee_followup, "high", "2026-05-05")
        self.add_case(colleague_followup, "low", "2026-06-05")
        self.add_case(colleague_followup, "medium", "2026-07-05")
        card = self.card(self.period(), "department", department_id=self.department)
        # timeliness: the managers' steps due in the quarter, done or late:
        # three measures and the demand, one on time: 1 / 4 = 25 %
        self.assertEqual((card.timeliness, card.timeliness_basis), (25.0, "1 / 4"))
        # accuracy: two steps done in the quarter, one returned: 1 / 2 = 50 %
        self.assertEqual((card.accuracy, card.accuracy_basis), (50.0, "1 / 2"))
        # guidance: (1 + 1/3) / 2 = 66.67 %
        self.assertEqual((card.guidance, card.guidance_basis), (66.67, "1.33 / 2"))
        # (40 x 25 + 30 x 50 + 30 x 66.67) / 100 = 45.00, less 5 points for
        # the overdue demand
        self.assertEqual(card.rectification_count, 1)
        self.assertAlmostEqual(card.total_score, 40.0)

    def test_p5_2_employee(self):
        plan = self.started_plan()
        followup = plan.followup_ids
        own = plan.step_ids.filtered(
            lambda s: s.followup_id == followup and s.responsible == "employee"
        )[:3]
        for step, day in zip(own, (10, 17, 24), strict=True):
            in_process(step).date_deadline = date(2026, 4, day)
        with freeze_time("2026-04-09"):
            own[0]._mark_done()
        with freeze_time("2026-04-20"):
            own[1]._mark_done()
        with freeze_time("2026-05-01"):
            self.env["training.followup.step"]._cron_mark_late()
        # an agreed development plan: three actions due in the quarter, two
        # done; a cancelled one and one due in July do not count
        development = self.env["training.development.plan"].create(
            {"employee_id": self.employee.id, "followup_id": followup.id}
        )
        in_process(development).state = "agreed"
        self.env["training.development.action"].create(
            [
                {
                    "plan_id": development.id,
                    "name": name,
                    "date_deadline": day,
                    "state": state,
                }
                for name, day, state in (
                    ("Read", "2026-04-15", "done"),
                    ("Project", "2026-05-15", "done"),
                    ("Mentor", "2026-06-15", "in_progress"),
                    ("Course", "2026-06-20", "cancelled"),
                    ("Later", "2026-07-15", "todo"),
                )
            ]
        )
        self.add_case(followup, "high", "2026-05-05")
        self.add_case(followup, "low", "2026-06-05")
        card = self.card(self.period(), "employee", employee_id=self.employee)
        self.assertEqual(
            (card.devplan_completion, card.devplan_completion_basis), (66.67, "2 / 3")
        )
        self.assertEqual(
            (card.application_effect, card.application_effect_basis),
            (66.67, "1.33 / 2"),
        )
        # own steps: on time, late, still to do past the deadline: 1 / 3
        self.assertEqual(
            (card.steps_on_time, card.steps_on_time_basis), (33.33, "1 / 3")
        )
        # weights 40 / 40 / 20: (40 x 66.67 + 40 x 66.67 + 20 x 33.33) / 100
        self.assertAlmostEqual(card.total_score, 60.0)
        # the weights are settings: only the application effect counts
        self.company.write(
            {
                "training_kpi_weight_devplan_completion": 0,
                "training_kpi_weight_steps_on_time": 0,
            }
        )
        period = card.period_id
        period.action_compute()
        card = self.card(period, "employee", employee_id=self.employee)
        self.assertAlmostEqual(card.total_score, 66.67)
        # an employee reads their scorecard, not a colleague's
        self.assertTrue(card.with_user(self.user_employee).read(["total_score"]))
        with self.assertRefused(AccessError, ""):
            card.with_user(self.user_outsider).read(["total_score"])

    def test_p5_2_lock_export_unlock(self):
        period = self.period()
        self.assertEqual(period.name, "2026 Q2")
        self.assertEqual(
            (period.date_from, period.date_to), (date(2026, 4, 1), date(2026, 6, 30))
        )
        with self.assertRefused(AccessError, "head of HR"):
            period.with_user(self.user_officer).action_lock()
        period.with_user(self.user_admin).action_lock()
        self.assertEqual(period.state, "locked")
        card = period.scorecard_ids[:1]
        with self.assertRefused(UserError, "locked"):
            period.with_user(self.user_officer).action_compute()
        with self.assertRefused(UserError, "locked"):
            card.write({"total_score": 100})
        with self.assertRefused(UserError, "locked"):
            period.unlink()
        # the export for the appraisal: one sheet per scope
        action = period.with_user(self.user_officer).action_export_xlsx()
        attachment = self.env["ir.attachment"].browse(
            int(action["url"].split("/")[-1].split("?")[0])
        )
        book = openpyxl.load_workbook(io.BytesIO(attachment.raw))
        self.assertEqual(
            book.sheetnames, ["Training Department", "Employing Department", "Employee"]
        )
        header = [cell.value for cell in book["Training Department"][1]]
        self.assertEqual(header[1], "Plan Completion (%)")
        self.assertEqual(header[-1], "Total Score")
        self.assertEqual(book["Training Department"].max_row, 2)
        # unlocking is logged with its reason
        self.give_reason(
            self.user_admin, period, "period_unlock", "A report was scored late"
        )
        self.assertEqual(period.state, "draft")
        self.assertIn("A report was scored late", period.message_ids[:1].body)
        period.with_user(self.user_officer).action_compute()

    def test_p5_2_period_unique_and_normalised(self):
        period = self.env["training.kpi.period"].create(
            {"period_type": "month", "date_from": "2026-02-14"}
        )
        self.assertEqual((period.name, period.date_to), ("2026-02", date(2026, 2, 28)))
        with (
            self.assertRefused(Exception, "training_kpi_period_period_unique"),
            mute_logger("odoo.sql_db"),  # the refused INSERT, expected
            self.env.cr.savepoint(),
        ):
            self.env["training.kpi.period"].create(
                {"period_type": "month", "date_from": "2026-02-01"}
            )

    def test_p5_2_compute_queries_do_not_grow_with_the_people(self):
        """Every scorecard of a period in a fixed number of grouped queries,
        whatever the number of employees (docs/performance.md)."""
        _users, members = self.create_team_members("tf_kpi", 6)
        followups = self.started_plan(members).followup_ids
        for followup in followups[:2]:
            self.add_case(followup, "high", "2026-05-05")
        period = self.env["training.kpi.period"].create(Q2)

        def queries():
            self.env.flush_all()
            self.env.invalidate_all()
            start = self.env.cr.sql_log_count
            period.action_compute()
            self.env.flush_all()
            return self.env.cr.sql_log_count - start

        # measured at steady state: the first run has no scorecards to
        # delete, and a cache an unrelated test cleared may cost one query
        # once, so each size keeps its smallest count of three runs
        queries()
        first = min(queries(), queries())
        self.assertEqual(len(self.card(period, "employee")), 2)
        for followup in followups[2:]:
            self.add_case(followup, "low", "2026-05-06")
        queries()
        self.assertEqual(min(queries(), queries()), first)
        self.assertEqual(len(self.card(period, "employee")), 6)
