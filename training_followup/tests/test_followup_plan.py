import logging
import time as timer
from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time, tagged

from .common import TrainingFollowupCase

_logger = logging.getLogger(__name__)


@tagged("post_install", "-at_install")
class TestFollowupPlan(TrainingFollowupCase):
    """P4.1 kick-off, P1.3 timely deadlines in working days, one follow-up per
    participant (P3.2.1, P4.2) and dated steps for everything."""

    def test_p1_3_working_days_skip_weekend_and_public_holiday(self):
        company = self.company
        friday = date(2026, 4, 3)
        self.assertEqual(
            company._training_due_date(friday, 5, "working_days"), date(2026, 4, 10)
        )
        self.add_public_holiday(date(2026, 4, 6))
        self.assertEqual(
            company._training_due_date(friday, 5, "working_days"),
            date(2026, 4, 13),
            "the weekend and the Monday holiday do not count",
        )
        self.assertEqual(
            company._training_due_date(friday, 1, "working_days"), date(2026, 4, 7)
        )
        # weeks and months land on the next working day
        self.assertEqual(
            company._training_due_date(friday, 2, "weeks"), date(2026, 4, 17)
        )
        self.assertEqual(
            company._training_due_date(date(2026, 4, 30), 1, "months"),
            date(2026, 6, 1),
            "30 May 2026 is a Saturday",
        )

    def test_p4_1_kickoff_deadline_in_working_days(self):
        self.add_public_holiday(date(2026, 4, 6))
        plan = self.make_plan()
        self.assertEqual(plan.kickoff_deadline, date(2026, 4, 13))
        self.company.training_kickoff_days = 1
        self.assertEqual(plan.kickoff_deadline, date(2026, 4, 7))

    def test_p4_1_default_template_per_training_type(self):
        session = self.create_session()
        session.action_done()
        action = session.action_create_followup_plan()
        plan = self.env["training.followup.plan"].browse(action["res_id"])
        self.assertEqual(plan.template_id, self.template)
        self.assertEqual(session.followup_plan_id, plan)
        self.assertEqual(
            session.action_create_followup_plan()["res_id"], plan.id, "never twice"
        )

    @freeze_time("2026-04-08")
    def test_p4_1_communicate_creates_followups_steps_and_activities(self):
        participants = self.employee | self.colleague
        plan = self.make_plan(participants)
        plan.with_user(self.user_officer).action_communicate()
        self.assertEqual(plan.state, "running")
        self.assertEqual(plan.date_communicated, date(2026, 4, 8))
        followups = plan.followup_ids
        self.assertEqual(followups.employee_id, participants)
        self.assertEqual(followups.manager_user_id, self.user_manager)
        by_type = {}
        for step in plan.step_ids:
            by_type.setdefault(step.step_type, step.browse())
            by_type[step.step_type] |= step
        # every participant step exists once per participant
        self.assertEqual(len(by_type["knowledge_test"]), 2)
        self.assertEqual(by_type["knowledge_test"].user_id, self.user_officer)
        self.assertEqual(
            by_type["self_evaluation"]
            .filtered(lambda s: s.employee_id == self.employee)
            .user_id,
            self.user_employee,
        )
        self.assertEqual(by_type["supervisor_evaluation"].user_id, self.user_manager)
        # settings drive the deadlines: 1 week, 2 weeks, 3 months after 3 April
        self.assertEqual(
            set(by_type["questionnaire"].mapped("date_deadline")), {date(2026, 4, 10)}
        )
        self.assertEqual(
            set(by_type["knowledge_test"].mapped("date_deadline")), {date(2026, 4, 17)}
        )
        self.assertEqual(
            set(by_type["supervisor_evaluation"].mapped("date_deadline")),
            {date(2026, 7, 3)},
        )
        # monthly progress reports over the one-year cycle; plan-level meetings
        self.assertEqual(len(by_type["progress_report"]), 2 * 12)
        self.assertEqual(len(by_type["meeting"]), 4)
        self.assertFalse(by_type["meeting"].followup_id)
        # communicating is the kick-off step, done on time (deadline 10 April)
        kickoff = by_type["kickoff"]
        self.assertEqual(kickoff.state, "done")
        self.assertTrue(kickoff.on_time)
        # the employee's to-do is on their follow-up, the others' on the plan
        employee_followup = followups.filtered(lambda f: f.employee_id == self.employee)
        self.assertEqual(employee_followup.activity_ids.user_id, self.user_employee)
        self.assertEqual(
            employee_followup.activity_ids.summary, "Training-effect questionnaire"
        )
        self.assertEqual(
            plan.activity_ids.user_id, self.user_officer | self.user_manager
        )
        manager_todo = plan.activity_ids.filtered(
            lambda a: a.user_id == self.user_manager
        )
        self.assertEqual(manager_todo.summary, "Behaviour observation 1 (2 follow-ups)")
        self.assertEqual(
            by_type["observation"].filtered("activity_id").activity_id, manager_todo
        )
        # the message reaches the managers and participants
        message = plan.message_ids.filtered(lambda m: m.message_type == "comment")[:1]
        self.assertIn(self.user_manager.partner_id, message.partner_ids)
        self.assertIn(self.user_employee.partner_id, message.partner_ids)

    @freeze_time("2026-04-20")
    def test_p1_3_step_done_on_time_or_late_and_next_activity(self):
        plan = self.make_plan()
        plan.action_communicate()
        followup = plan.followup_ids
        questionnaire = followup.step_ids.filtered(
            lambda s: s.step_type == "questionnaire"
        )
        questionnaire._mark_done()
        self.assertEqual(questionnaire.date_done, date(2026, 4, 20))
        self.assertTrue(questionnaire.is_late, "due 10 April, done 20 April")
        self.assertFalse(questionnaire.on_time)
        self.assertFalse(questionnaire.activity_id.active, "its activity is done")
        next_activity = followup.activity_ids.filtered(
            lambda a: a.user_id == self.user_employee
        )
        self.assertEqual(next_activity.summary, "Progress report 1")
        # the daily check flags the steps past their deadline, once
        late = self.env["training.followup.step"]._cron_mark_late()
        knowledge_test = followup.step_ids.filtered(
            lambda s: s.step_type == "knowledge_test"
        )
        self.assertIn(knowledge_test, late)
        self.assertTrue(knowledge_test.is_late)
        self.assertFalse(self.env["training.followup.step"]._cron_mark_late())

    def test_p4_1_communicate_needs_a_done_session(self):
        session = self.create_session()
        plan = self.env["training.followup.plan"].create(
            {"session_id": session.id, "template_id": self.template.id}
        )
        with self.assertRefused(UserError, "once the session"):
            plan.action_communicate()
        self.assertEqual(plan.state, "draft")
        self.assertFalse(plan.followup_ids)

    def test_p4_1_closed_plan_refuses_writes(self):
        plan = self.make_plan()
        plan.action_communicate()
        self.report_plan(plan)
        self.assertEqual(plan.state, "reported")
        plan.action_close()
        self.assertEqual(plan.state, "closed")
        self.assertEqual(plan.followup_ids.state, "done")
        with self.assertRefused(UserError, "closed follow-up plan"):
            plan.note = "changed"
        with self.assertRefused(UserError, "needs a plan in the state"):
            plan.action_analyse()

    def test_p4_1_missing_plan_flagged_once(self):
        session = self.create_session(date_start="2026-01-05", date_end="2026-01-06")
        session.action_done()
        Plan = self.env["training.followup.plan"]
        with freeze_time("2026-01-08"):
            self.assertNotIn(session, Plan._cron_check_kickoff(), "not late yet")
        with freeze_time("2026-01-20"):
            self.assertIn(session, Plan._cron_check_kickoff())
            Plan._cron_check_kickoff()
        activity_type = self.env.ref(
            "training_followup.mail_activity_type_missing_plan"
        )
        flags = session.activity_ids.filtered(
            lambda a: a.activity_type_id == activity_type
        )
        self.assertEqual(len(flags), 1, "running the check twice flags once")

    def test_followup_visibility_per_role(self):
        """P2: the employee sees their own follow-up; the manager their team's;
        the officer and the supervision group all; the outsider nothing."""
        plan = self.make_plan(self.employee | self.colleague | self.outsider)
        plan.action_communicate()
        Followup = self.env["training.followup"]
        mine = plan.followup_ids.filtered(lambda f: f.employee_id == self.employee)

        def visible(user, model="training.followup"):
            field = "id" if model == "training.followup.plan" else "plan_id"
            return self.env[model].with_user(user).search([(field, "=", plan.id)])

        self.assertEqual(visible(self.user_employee), mine)
        self.assertEqual(
            visible(self.user_manager).employee_id, self.employee | self.colleague
        )
        self.assertEqual(visible(self.user_outsider).employee_id, self.outsider)
        self.assertEqual(visible(self.user_officer), plan.followup_ids)
        self.assertEqual(visible(self.user_supervisor), plan.followup_ids)
        self.assertEqual(
            visible(self.user_employee, "training.followup.step").followup_id, mine
        )
        self.assertEqual(visible(self.user_employee, "training.followup.plan"), plan)
        with self.assertRaises(AccessError):
            mine.with_user(self.user_employee).write({"manager_user_id": False})
        with self.assertRaises(AccessError):
            plan.with_user(self.user_supervisor).write({"note": "changed"})
        self.assertFalse(Followup.with_user(self.user_employee).has_access("create"))


@tagged("post_install", "-at_install")
class TestFollowupPlanScale(TrainingFollowupCase):
    """Kick-off cost must not grow with the number of participants."""

    def make_employees(self, count, prefix):
        Employee = self.env["hr.employee"].with_context(
            tracking_disable=True, mail_create_nolog=True, mail_create_nosubscribe=True
        )
        employees = Employee.browse()
        for start in range(0, count, 25):
            employees |= Employee.create(
                [
                    {
                        "name": f"{prefix} {n}",
                        "department_id": self.department.id,
                        "parent_id": self.manager.id,
                    }
                    for n in range(start, min(start + 25, count))
                ]
            )
        return employees

    def kickoff_cost(self, employees):
        session = self.env["training.session"].create(
            {
                "course_id": self.course.id,
                "date_start": f"2026-0{len(employees) % 9 + 1}-01",
                "date_end": f"2026-0{len(employees) % 9 + 1}-02",
                "participant_ids": [Command.set(employees.ids)],
            }
        )
        session.action_done()
        plan = self.env["training.followup.plan"].create(
            {
                "session_id": session.id,
                "template_id": self.env.ref("training_followup.template_job_skill").id,
            }
        )
        self.env.flush_all()
        self.env.invalidate_all()
        queries = self.env.cr.sql_log_count
        started = timer.perf_counter()
        plan.action_communicate()
        self.env.flush_all()
        return self.env.cr.sql_log_count - queries, timer.perf_counter() - started, plan

    def test_p4_1_kickoff_queries_do_not_grow_with_participants(self):
        small_queries, small_time, small = self.kickoff_cost(
            self.make_employees(50, "S")
        )
        big_queries, big_time, big = self.kickoff_cost(self.make_employees(500, "B"))
        self.assertEqual(len(small.followup_ids), 50)
        self.assertEqual(len(big.followup_ids), 500)
        _logger.info(
            "kick-off: 50 participants %s queries %.2f s; "
            "500 participants %s queries %.2f s",
            small_queries,
            small_time,
            big_queries,
            big_time,
        )
        self.assertLessEqual(big_queries, 1.2 * small_queries)
