import ast
import re
from datetime import date, timedelta
from pathlib import Path
from unittest.mock import patch

import psycopg2

from odoo import Command
from odoo.addons.training_followup.models import resource_calendar as calendar_module
from odoo.exceptions import UserError
from odoo.tests import freeze_time, new_test_user, tagged
from odoo.tools import mute_logger

from ..tools.process_guard import in_process
from .common import TrainingFollowupCase


@tagged("post_install", "-at_install")
class TestStepLife(TrainingFollowupCase):
    """P1.3, P4.1-P4.4: every deadline ends when its reason ends. A step is
    done, cancelled (plan closed, participant gone, record cancelled) or
    moved; a cancelled step is never reminded, late or counted."""

    def setUp(self):
        super().setUp()
        self.cron = self.env.ref("training_followup.ir_cron_process_deadlines")
        self.company.write({"training_reminder_days": 2, "training_escalation_days": 3})

    def run_deadlines(self, day):
        with freeze_time(day), self.enter_registry_test_mode():
            self.cron.method_direct_trigger()
        self.env.invalidate_all()

    def mails_to(self, users):
        return self.env["mail.mail"].search(
            [("recipient_ids", "in", users.partner_id.ids)]
        )

    def open_steps(self, records):
        return records.step_ids.filtered(lambda s: s.state == "todo")

    # ------------------------------------------------------------------
    # Closing a plan
    # ------------------------------------------------------------------
    @freeze_time("2026-04-10")
    def test_p1_3_closed_plan_sends_nothing_and_marks_nothing_late(self):
        plan = self.make_plan()
        plan.action_communicate()
        self.assertTrue(self.open_steps(plan))
        self.assertTrue(plan.followup_ids.activity_ids)
        report = self.report_plan(plan, submit=False)
        self.assertEqual(plan.state, "analysing", "computing the report analyses")
        report.with_user(self.user_officer).action_submit()
        self.assertEqual(plan.state, "reported")
        plan.with_user(self.user_officer).action_close()
        self.assertFalse(self.open_steps(plan))
        cancelled = plan.step_ids.filtered(lambda s: s.state == "cancelled")
        self.assertEqual(set(cancelled.mapped("cancel_reason")), {"plan_closed"})
        self.assertFalse(cancelled.activity_id, "their to-dos are gone")
        self.assertFalse(plan.followup_ids.activity_ids | plan.activity_ids)
        # the plan's people (the demo's plans go on chasing theirs)
        people = self.user_employee | self.user_manager | self.user_officer
        before = self.mails_to(people)
        # every notice date of the year passes: nothing is sent, nothing late
        for day in ("2026-05-06", "2026-07-06", "2026-12-01", "2027-04-30"):
            self.run_deadlines(day)
        self.assertEqual(self.mails_to(people), before)
        self.assertFalse(cancelled.filtered("is_late"))
        self.assertFalse(
            cancelled.filtered(lambda s: s.reminder_sent_date or s.escalation_sent_date)
        )

    @freeze_time("2026-04-10")
    def test_p4_3_report_submission_closes_the_report_step(self):
        plan = self.make_plan()
        plan.action_communicate()
        report_step = plan.step_ids.filtered(lambda s: s.step_type == "followup_report")
        self.assertEqual(report_step.state, "todo")
        plan.with_user(self.user_officer).action_analyse()
        with self.assertRefused(UserError, "Submit the follow-up report"):
            plan.with_user(self.user_officer).action_report()
        self.assertEqual(plan.state, "analysing")
        report = self.report_plan(plan)
        self.assertEqual(report_step.state, "done")
        self.assertEqual(report_step.res_id, report.id)
        self.assertTrue(report_step.on_time)
        self.assertEqual(plan.state, "reported")

    # ------------------------------------------------------------------
    # The kick-off alarm and the kick-off itself (P4.1)
    # ------------------------------------------------------------------
    def test_p4_1_draft_plan_past_its_kickoff_deadline_is_flagged_once(self):
        plan = self.make_plan()  # ends 3 April 2026, kick-off due 10 April
        Plan = self.env["training.followup.plan"]
        flag = self.env.ref("training_followup.mail_activity_type_missing_plan")

        def flags():
            return self.env["mail.activity"].search(
                [
                    ("res_model", "=", "training.session"),
                    ("res_id", "=", plan.session_id.id),
                    ("activity_type_id", "=", flag.id),
                ]
            )

        with freeze_time("2026-04-10"):
            Plan._cron_check_kickoff()
        self.assertFalse(flags(), "still within the deadline")
        with freeze_time("2026-04-13"):
            Plan._cron_check_kickoff()
            Plan._cron_check_kickoff()
        self.assertEqual(len(flags()), 1, "a draft plan is chased, once")
        with freeze_time("2026-04-13"):
            plan.with_user(self.user_officer).action_communicate()
        self.assertFalse(flags(), "communicating answers the alarm")

    @freeze_time("2026-04-06")
    def test_p4_1_kickoff_by_an_officer_without_hr_rights(self):
        """Participants without a manager and with a manager who has no user:
        an officer who is not an HR officer still communicates the plan."""
        self.assertFalse(self.user_officer.has_group("hr.group_hr_user"))
        Employee = self.env["hr.employee"]
        boss = Employee.create({"name": "TF Boss without user"})
        alone, led = Employee.create(
            [
                {"name": "TF Without manager"},
                {"name": "TF Led by a boss without user", "parent_id": boss.id},
            ]
        )
        plan = self.make_plan(alone | led | self.employee)
        plan.with_user(self.user_officer).action_communicate()
        self.assertEqual(plan.state, "running")
        by_employee = {f.employee_id: f for f in plan.followup_ids}
        self.assertFalse(by_employee[alone].manager_user_id)
        self.assertEqual(by_employee[self.employee].manager_user_id, self.user_manager)
        manager_steps = plan.step_ids.filtered(lambda s: s.responsible == "manager")
        self.assertEqual(
            manager_steps.filtered(
                lambda s: s.followup_id.employee_id in (alone | led)
            ).user_id,
            self.user_officer,
            "the officer stands in for a missing manager",
        )
        # a manager is named later: the steps the officer held go to them
        alone.parent_id = self.manager
        self.assertEqual(by_employee[alone].manager_user_id, self.user_manager)
        self.assertEqual(
            manager_steps.filtered(
                lambda s: s.followup_id.employee_id == alone and s.state == "todo"
            ).user_id,
            self.user_manager,
        )

    # ------------------------------------------------------------------
    # People joining and leaving (P4.2)
    # ------------------------------------------------------------------
    def test_p4_2_a_joining_participant_is_not_late_on_day_one(self):
        with freeze_time("2026-04-06"):
            plan = self.make_plan()
            plan.action_communicate()
        questionnaire = plan.questionnaire_ids
        self.assertEqual(questionnaire.participant_count, 1)
        # Monday 4 May: the test and the questionnaire deadlines have passed
        with freeze_time("2026-05-04"):
            plan.session_id.participant_ids = [Command.link(self.colleague.id)]
            followup = plan.followup_ids.filtered(
                lambda f: f.employee_id == self.colleague
            )
            self.assertEqual(followup.state, "running")
            self.assertTrue(followup.step_ids)
            self.assertFalse(followup.step_ids.filtered("is_late"))
            self.assertGreaterEqual(
                min(followup.step_ids.mapped("date_deadline")), date(2026, 5, 5)
            )
            first = plan.followup_ids - followup
            self.assertEqual(len(followup.step_ids), len(first.step_ids))
            self.assertEqual(questionnaire.participant_count, 2)
            # their manager's steps go to the manager; no plan-level step twice
            self.assertEqual(
                len(plan.step_ids.filtered(lambda s: s.step_type == "kickoff")), 1
            )
            self.run_deadlines("2026-05-04")
        self.assertFalse(followup.step_ids.filtered("is_late"))

    def test_p4_2_removed_participant_and_archived_employee_get_no_mail(self):
        users, members = self.create_team_members("tf_test_leaver", 2)
        with freeze_time("2026-04-06"):
            plan = self.make_plan(self.employee | members)
            plan.action_communicate()
            self.send_invitations()
        removed, archived = members
        questionnaire = plan.questionnaire_ids
        self.assertEqual(questionnaire.participant_count, 3)
        with freeze_time("2026-04-07"):
            plan.session_id.participant_ids = [Command.unlink(removed.id)]
            archived.action_archive()
        gone = plan.followup_ids.filtered(lambda f: f.employee_id in members)
        self.assertEqual(set(gone.mapped("state")), {"cancelled"})
        self.assertFalse(self.open_steps(gone))
        self.assertEqual(
            set(
                gone.step_ids.filtered(lambda s: s.state == "cancelled").mapped(
                    "cancel_reason"
                )
            ),
            {"participant_removed", "employee_archived"},
        )
        self.assertFalse(gone.activity_ids)
        self.assertEqual(questionnaire.participant_count, 1)
        invited = self.mails_to(users)  # the invitations of the kick-off
        self.assertTrue(invited)
        for day in ("2026-04-08", "2026-04-10", "2026-04-15", "2026-05-13"):
            self.run_deadlines(day)
        self.assertEqual(self.mails_to(users), invited)
        self.assertTrue(self.mails_to(self.user_employee), "the others are chased")

    @freeze_time("2026-04-06")
    def test_p2_2_a_new_manager_takes_the_open_steps_and_their_todos(self):
        plan = self.make_plan()
        plan.action_communicate()
        followup = plan.followup_ids
        new_user = new_test_user(self.env, login="tf_test_new_manager")
        new_manager = self.env["hr.employee"].create(
            {"name": "TF New Manager", "user_id": new_user.id}
        )
        old_steps = self.open_steps(followup).filtered(
            lambda s: s.user_id == self.user_manager
        )
        self.assertTrue(old_steps)
        self.employee.parent_id = new_manager
        self.assertEqual(followup.manager_user_id, new_user)
        self.assertEqual(old_steps.user_id, new_user)
        activities = plan.activity_ids | followup.activity_ids
        self.assertFalse(activities.filtered(lambda a: a.user_id == self.user_manager))
        self.assertTrue(activities.filtered(lambda a: a.user_id == new_user))

    @freeze_time("2026-04-06")
    def test_p1_3_moving_a_step_leaves_done_steps_and_needed_to_dos_alone(self):
        """_move frees only the to-dos no open step needs (_free_activities):
        a step done earlier that shared the to-do neither keeps it alive nor
        moves with it, and the to-dos of the steps not moved stay."""
        plan = self.make_plan(self.employee | self.colleague)
        plan.action_communicate()
        manager_steps = self.open_steps(plan).filtered(
            lambda s: s.user_id == self.user_manager
        )
        activity = manager_steps.activity_id
        self.assertEqual(len(activity), 1, "the manager has one to-do on the plan")
        pair = manager_steps.filtered(lambda s: s.activity_id == activity)
        self.assertEqual(len(pair), 2, "shared by the step of both participants")
        done, moved = pair[0], pair[1]
        employee_todo = (
            self.open_steps(plan.followup_ids)
            .filtered(lambda s: s.user_id == self.user_employee)
            .activity_id
        )
        self.assertEqual(len(employee_todo), 1)
        done._mark_done()
        self.assertTrue(activity.exists(), "the other participant's step needs it")
        self.assertEqual(done.activity_id, activity)
        deadline, date_done = done.date_deadline, done.date_done
        (done | moved)._move(date_deadline=date(2026, 6, 1))
        self.env.invalidate_all()
        # the done step is not moved and no longer holds the to-do alive
        self.assertEqual(
            (done.state, done.date_deadline, done.date_done),
            ("done", deadline, date_done),
        )
        self.assertFalse(activity.exists(), "no open step needs the old to-do")
        self.assertFalse(done.activity_id)
        self.assertEqual(moved.date_deadline, date(2026, 6, 1))
        # the manager still has one to-do on the plan; the employee's is untouched
        self.assertEqual(
            len(plan.activity_ids.filtered(lambda a: a.user_id == self.user_manager)),
            1,
        )
        self.assertTrue(employee_todo.exists())
        self.assertEqual(
            self.open_steps(plan.followup_ids)
            .filtered(lambda s: s.user_id == self.user_employee)
            .activity_id,
            employee_todo,
        )

    # ------------------------------------------------------------------
    # Evidence with a prompt
    # ------------------------------------------------------------------
    @freeze_time("2026-04-06")
    def test_p2_3_2_a_progress_report_gives_the_manager_a_review_step(self):
        plan = self.make_plan()
        plan.action_communicate()
        followup = plan.followup_ids
        report = (
            self.env["training.progress.report"]
            .with_user(self.user_employee)
            .create({"followup_id": followup.id, "results": "Fewer complaints"})
        )
        report.action_submit()
        review = followup.step_ids.filtered(lambda s: s.step_type == "progress_review")
        self.assertEqual(review.user_id, self.user_manager)
        self.assertEqual(review.date_deadline, date(2026, 4, 13), "5 working days")
        self.assertIn(self.user_manager.partner_id, report.message_partner_ids)
        with self.assertRefused(UserError, "review"):
            report.with_user(self.user_manager).action_review()
        report.with_user(self.user_manager).review = "Good start"
        report.with_user(self.user_manager).action_review()
        self.assertEqual(review.state, "done")

    @freeze_time("2026-04-06")
    def test_p3_2_1_the_application_record_is_kept_up_to_date(self):
        self.company.training_record_update_months = 3
        plan = self.make_plan()
        plan.action_communicate()
        followup = plan.followup_ids
        updates = followup.step_ids.filtered(lambda s: s.step_type == "record_update")
        self.assertEqual(
            updates.mapped("date_deadline"),
            [date(2026, 7, 3), date(2026, 10, 5), date(2027, 1, 4), date(2027, 4, 5)],
        )
        self.assertEqual(set(updates.user_id), {self.user_employee})
        with self.assertRefused(UserError, "Only the employee"):
            followup.with_user(self.user_outsider).action_confirm_record()
        followup.with_user(self.user_employee).action_confirm_record()
        self.assertEqual(updates.sorted("date_deadline")[0].state, "done")

    @freeze_time("2026-04-06")
    def test_p3_2_1_record_up_to_date_button_on_the_followup_form(self):
        """P3.2.1: the follow-up's form offers *Record Up to Date* to the
        employee (and the training officer) while an update is asked; the
        manager does not get it, and is refused."""
        plan = self.make_plan()
        plan.action_communicate()
        followup = plan.followup_ids
        arch = followup.get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn('name="action_confirm_record"', arch)
        self.assertTrue(followup.with_user(self.user_employee).can_confirm_record)
        self.assertTrue(followup.with_user(self.user_officer).can_confirm_record)
        self.assertFalse(followup.with_user(self.user_manager).can_confirm_record)
        with self.assertRefused(UserError, "Only the employee"):
            followup.with_user(self.user_manager).action_confirm_record()
        updates = followup.step_ids.filtered(lambda s: s.step_type == "record_update")
        for _update in updates:
            followup.with_user(self.user_employee).action_confirm_record()
        self.assertEqual(set(updates.mapped("state")), {"done"})
        self.assertFalse(followup.with_user(self.user_employee).can_confirm_record)

    @freeze_time("2026-04-06")
    def test_p5_1_inspections_are_scheduled_once_for_the_leader(self):
        self.make_leader(self.user_supervisor)
        self.company.training_inspection_months = 3
        Inspection = self.env["training.supervision.inspection"]
        inspections = Inspection.sudo().search([("company_id", "=", self.company.id)])
        inspections.filtered(lambda i: i.state == "draft").unlink()
        last = max(inspections.exists().mapped("date") or [date(2026, 4, 6)])
        scheduled = Inspection._cron_schedule_inspections()
        self.assertEqual(len(scheduled), 1)
        self.assertFalse(Inspection._cron_schedule_inspections(), "never twice")
        self.assertEqual(scheduled.leader_id, self.user_supervisor)
        self.assertEqual(scheduled.step_id.user_id, self.user_supervisor)
        self.assertEqual(
            scheduled.step_id.date_deadline,
            max(
                self.company._training_due_date(last, 3, "months"),
                date(2026, 4, 7),
            ),
        )
        scheduled.check_ids.write({"result": "compliant"})
        scheduled.with_user(self.user_supervisor).action_done()
        self.assertEqual(scheduled.step_id.state, "done")
        self.assertEqual(len(Inspection._cron_schedule_inspections()), 1, "the next")

    @freeze_time("2026-04-06")
    def test_p5_1_the_rectification_period_is_a_setting(self):
        self.company.training_rectification_days = 3
        demand = self.env["training.rectification"].new({"name": "TF fix"})
        self.assertEqual(demand.date_deadline, date(2026, 4, 9))
        with self.assertRefused(Exception, "at least 1"):
            self.company.training_rectification_days = 0

    # ------------------------------------------------------------------
    # Meetings as the policy has them (P3.2.2, P4.4)
    # ------------------------------------------------------------------
    @freeze_time("2026-04-06")
    def test_p3_2_2_a_meeting_covers_several_plans(self):
        first = self.make_plan()
        second = self.make_plan(
            self.colleague, date_start="2026-03-30", date_end="2026-03-31"
        )
        third = self.make_plan(
            self.outsider, date_start="2026-03-23", date_end="2026-03-24"
        )
        for plan in first | second | third:
            plan.action_communicate()
        Meeting = self.env["training.meeting"].with_user(self.user_officer)
        meeting = Meeting.create(
            {
                "name": "TF Quarterly meeting",
                "plan_ids": [Command.set((first | second).ids)],
                "minutes": "<p>Progress</p>",
            }
        )
        feedback = Meeting.create(
            {"name": "TF Feedback", "kind": "feedback", "minutes": "<p>Results</p>"}
        )
        with self.assertRefused(UserError, "report the feedback meeting"):
            feedback.action_held()
        meeting.action_held()

        def first_meeting_step(plan):
            return plan.step_ids.filtered(lambda s: s.step_type == "meeting").sorted(
                "date_deadline"
            )[0]

        self.assertEqual(first_meeting_step(first).state, "done")
        self.assertEqual(first_meeting_step(second).state, "done")
        self.assertEqual(first_meeting_step(third).state, "todo", "not covered")
        report = self.report_plan(first, submit=False)
        feedback.report_id = report
        feedback.action_held()
        self.assertEqual(
            len(
                first.step_ids.filtered(
                    lambda s: s.step_type == "meeting" and s.state == "done"
                )
            ),
            1,
            "a feedback meeting closes no coordination step",
        )


@tagged("post_install", "-at_install")
class TestCareerReviewCycle(TrainingFollowupCase):
    """P3.3.3: the career review recurs every year while the development
    plan is active; a new version carries the open steps."""

    @freeze_time("2026-04-06")
    def test_p3_3_3_the_second_yearly_review_is_scheduled(self):
        plan = self.make_plan()
        plan.action_communicate()
        followup = plan.followup_ids
        devplan = self.env["training.development.plan"].create(
            {
                "employee_id": self.employee.id,
                "followup_id": followup.id,
                "goal_ids": [
                    Command.create({"name": "Short", "horizon": "short"}),
                    Command.create({"name": "Long", "horizon": "long"}),
                ],
                "action_ids": [
                    Command.create(
                        {"name": "Read a book", "date_deadline": "2026-09-30"}
                    )
                ],
            }
        )
        devplan.with_user(self.user_employee).action_submit()
        devplan.with_user(self.user_manager).action_agree()
        devplan.with_user(self.user_employee).action_activate()

        def reviews(state=None):
            return followup.step_ids.filtered(
                lambda s: (
                    s.step_type == "career_review"
                    and (state is None or s.state == state)
                )
            )

        self.assertEqual(reviews().date_deadline, date(2027, 4, 6))
        action_step = devplan.action_ids.step_id
        self.assertEqual(action_step.state, "todo")
        review = (
            self.env["training.career.review"]
            .with_user(self.user_manager)
            .create({"plan_id": devplan.id, "adjustments": "Add a mentoring goal"})
        )
        review.action_confirm(
            adjusted_goals=[{"name": "Mentor a colleague", "horizon": "short"}]
        )
        new_version = review.new_plan_id
        self.assertEqual(devplan.state, "replaced")
        self.assertEqual(new_version.state, "active")
        self.assertEqual(len(reviews("done")), 1)
        self.assertEqual(reviews("todo").date_deadline, date(2027, 4, 6), "a year on")
        self.assertEqual(new_version.action_ids.step_id, action_step, "carried")
        self.assertFalse(devplan.action_ids.step_id)
        self.assertEqual(
            len(
                followup.step_ids.filtered(
                    lambda s: s.step_type == "development_action"
                )
            ),
            1,
            "no duplicate step",
        )
        # P5.2: the action counts once, in the version that replaced the first
        period = self.env["training.kpi.period"].create(
            {"period_type": "quarter", "date_from": "2026-07-01"}
        )
        period.with_user(self.user_officer).action_compute()
        card = period.scorecard_ids.filtered(
            lambda c: c.scope == "employee" and c.employee_id == self.employee
        )
        self.assertEqual(card.devplan_completion_basis, "0 / 1")
        new_version.with_user(self.user_manager).action_close()
        self.assertFalse(
            followup.step_ids.filtered(
                lambda s: (
                    s.state == "todo"
                    and s.step_type in ("career_review", "development_action")
                )
            ),
            "closing the plan ends its review and action steps",
        )


@tagged("post_install", "-at_install")
class TestChinaWorkingDays(TrainingFollowupCase):
    """P1.3 on China's real working days: make-up working days (调休) count,
    public holidays do not."""

    def test_p1_3_a_makeup_saturday_brings_the_deadline_one_day_earlier(self):
        friday = date(2026, 10, 9)  # Saturday 10 October 2026 is worked
        plain = self.company._training_due_date(friday, 5, "working_days")
        self.assertEqual(plain, date(2026, 10, 16))
        self.env["resource.calendar.workday"].create(
            {
                "calendar_id": self.calendar.id,
                "date": "2026-10-10",
                "name": "National Day",
            }
        )
        self.assertEqual(
            self.company._training_due_date(friday, 5, "working_days"),
            date(2026, 10, 15),
        )

    def test_p1_3_the_shipped_schedule_matches_the_package(self):
        """Without the chinese-calendar package the shipped file gives the
        same 2026; with it, the package's (newer years) is read."""
        Calendar = self.env["resource.calendar"]
        with patch.object(calendar_module, "china_calendar", None):
            shipped = Calendar._china_official_days()
        self.assertEqual(len(shipped[2026]["workdays"]), 6)
        self.assertEqual(len(shipped[2026]["holidays"]), 33)
        self.assertEqual(shipped[2026]["workdays"][date(2026, 10, 10)], "National Day")
        if calendar_module.china_calendar:
            self.assertEqual(Calendar._china_official_days()[2026], shipped[2026])

    def test_p1_3_china_official_schedule_loaded_once(self):
        admin = self.user_admin
        self.calendar.with_user(admin).action_load_china_official_days([2026])
        workdays = self.calendar.workday_ids
        self.assertEqual(
            workdays.mapped("date"),
            [
                date(2026, 1, 4),
                date(2026, 2, 14),
                date(2026, 2, 28),
                date(2026, 5, 9),
                date(2026, 9, 20),
                date(2026, 10, 10),
            ],
        )
        leaves = self.calendar.global_leave_ids
        self.calendar.with_user(admin).action_load_china_official_days([2026])
        self.assertEqual(
            self.calendar.workday_ids, workdays, "loading twice adds nothing"
        )
        self.assertEqual(self.calendar.global_leave_ids, leaves)
        # Friday 13 February: Saturday 14 is worked, 15-23 are the Spring Festival
        self.assertEqual(
            self.company._training_due_date(date(2026, 2, 13), 2, "working_days"),
            date(2026, 2, 24),
        )
        with self.assertRefused(UserError, "Only HR officers and the head of HR"):
            self.calendar.with_user(self.user_employee).action_load_china_official_days(
                [2026]
            )
        with self.assertRefused(UserError, "not known yet"):
            self.calendar.with_user(admin).action_load_china_official_days([1999])


@tagged("post_install", "-at_install")
class TestOneStepLife(TrainingFollowupCase):
    """P1.3: one function makes steps and one decides who answers for them;
    every creator goes through them (read in the code, as a reviewer would)."""

    def test_p1_3_one_step_creation_and_one_responsible_user_function(self):
        models = Path(__file__).resolve().parents[1] / "models"
        creating, writing, deciding = [], [], []
        for path in sorted(models.glob("*.py")):
            tree = ast.parse(path.read_text())
            for node in ast.walk(tree):
                if isinstance(node, ast.FunctionDef):
                    source = ast.get_source_segment(path.read_text(), node) or ""
                    if re.search(
                        r"(INSERT INTO|COPY) training_followup_step\b", source
                    ) or re.search(
                        r'"training\.followup\.step"\][\s.a-z()]*\.create\(|\bStep\.create\(',
                        source,
                    ):
                        writing.append(f"{path.stem}.{node.name}")
                    if re.search(r"\._insert_rows\(", source):
                        creating.append(f"{path.stem}.{node.name}")
                    if node.name.endswith("responsible_user"):
                        deciding.append(f"{path.stem}.{node.name}")
        # the rows are written in one place, called by the one creation function
        self.assertEqual(writing, ["training_followup_step._insert_rows"])
        self.assertEqual(creating, ["training_followup_step._create_steps"])
        self.assertEqual(deciding, ["training_followup_step._get_responsible_user"])


@tagged("post_install", "-at_install")
class TestStepSources(TrainingFollowupCase):
    """P1.3: the records a step belongs to are declared once (the plan by the
    core, each satellite from its own file); the one-source check, the
    to-do's holder and the bulk creation derive from that declaration, and a
    step made in bulk equals one made by the ORM."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.plan = cls.make_plan(cls)
        cls.plan.action_communicate()
        cls.followup = cls.plan.followup_ids
        Officer = cls.env["training.improvement.action"].with_user(cls.user_officer)
        cls.action = Officer.create(
            {
                "name": "TF Measure",
                "department_id": cls.other_department.id,
                "user_id": cls.user_outsider.id,
                "date_deadline": date.today() + timedelta(days=60),
                "expected_effect": "Fewer complaints",
            }
        )
        cls.demand = cls.env["training.rectification"].create(
            {
                "name": "TF Rectify",
                "department_id": cls.department.id,
                "user_id": cls.user_manager.id,
                "date_deadline": date.today() + timedelta(days=30),
            }
        )
        cls.inspection = cls.env["training.supervision.inspection"].create(
            {"name": "TF Inspection"}
        )

    def source_values(self):
        """Values of one step of each declared source, as their creators
        give them."""
        common = {
            "step_type": "manual",
            "date_deadline": date(2026, 5, 8),
            "user_id": self.user_officer.id,
        }
        return {
            "participant's step of the plan": {
                **common,
                "name": "TF participant step",
                "plan_id": self.plan.id,
                "followup_id": self.followup.id,
                "template_line_id": self.template.line_ids[:1].id,
                "responsible": "employee",
                "user_id": self.user_employee.id,
            },
            "plan's own step": {
                **common,
                "name": "TF plan step",
                "plan_id": self.plan.id,
                "responsible": "officer",
            },
            "improvement action": {
                **common,
                "name": "TF action step",
                "action_id": self.action.id,
                "step_type": "improvement_action",
                "responsible": "employee",
                "user_id": self.user_outsider.id,
            },
            "rectification": {
                **common,
                "name": "TF demand step",
                "rectification_id": self.demand.id,
                "step_type": "rectification",
                "responsible": "manager",
                "user_id": self.user_manager.id,
            },
            "inspection": {
                **common,
                "name": "TF inspection step",
                "inspection_id": self.inspection.id,
                "step_type": "inspection",
                "responsible": "officer",
            },
        }

    def stored_rows(self, steps):
        """Every stored column of `steps` but the id and the magic columns,
        as the database holds them."""
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT * FROM training_followup_step WHERE id = ANY(%s) ORDER BY id",
            [steps.ids],
        )
        magic = {"id", "create_uid", "create_date", "write_uid", "write_date"}
        return [
            {key: value for key, value in row.items() if key not in magic}
            for row in self.env.cr.dictfetchall()
        ]

    def test_p1_3_the_step_sources_are_the_declared_ones(self):
        Step = self.env["training.followup.step"]
        sources = Step._get_step_sources()
        # the core's and this addon's satellites' (a bridge adds its own)
        for name, model in {
            "plan_id": "training.followup.plan",
            "action_id": "training.improvement.action",
            "rectification_id": "training.rectification",
            "inspection_id": "training.supervision.inspection",
        }.items():
            self.assertEqual(sources.get(name), model)
        self.env.cr.execute(
            """SELECT pg_get_constraintdef(oid) FROM pg_constraint
                WHERE conname = 'training_followup_step_one_source'"""
        )
        [[definition]] = self.env.cr.fetchall()
        for name in Step._get_step_sources():
            self.assertIn(name, definition)

    def test_p1_3_a_step_made_in_bulk_equals_one_made_by_the_orm(self):
        """The bulk creation (COPY) and the computes share one builder of
        company, employee, department and notice dates: field by field, the
        two steps are equal, for every declared source."""
        Step = self.env["training.followup.step"]
        made = {}
        for source, vals in self.source_values().items():
            with self.subTest(source=source):
                bulk = Step._create_steps([vals], schedule=False)
                orm = in_process(Step).create(vals)
                copied, created = self.stored_rows(bulk | orm)
                self.assertEqual(copied, created)
                made[source] = created
        # the values the builder gives: the participant's, else the source's
        participant = made["participant's step of the plan"]
        self.assertEqual(participant["employee_id"], self.employee.id)
        self.assertEqual(participant["department_id"], self.department.id)
        action, demand = made["improvement action"], made["rectification"]
        self.assertEqual(action["department_id"], self.other_department.id)
        self.assertEqual(demand["department_id"], self.department.id)
        for row in made.values():
            self.assertEqual(row["company_id"], self.company.id)
            self.assertTrue(row["reminder_date"] and row["escalation2_date"])

    def test_p1_3_a_step_of_two_sources_or_none_is_refused(self):
        """Whoever makes a step, in bulk or by the ORM, cannot hang it on two
        records or on none: the database refuses it and nothing is written."""
        Step = self.env["training.followup.step"]
        vals = self.source_values()["rectification"]
        before = Step.search_count([])
        for wrong in (
            {**vals, "action_id": self.action.id},
            {key: value for key, value in vals.items() if key != "rectification_id"},
        ):
            with self.subTest(wrong=sorted(wrong)):
                with (
                    self.assertRaises(psycopg2.IntegrityError) as refused,
                    mute_logger("odoo.sql_db"),
                    self.env.cr.savepoint(),
                ):
                    in_process(Step).create(wrong)
                    self.env.flush_all()
                # the message shown names every declared source
                message = Step._sql_error_to_message(refused.exception)
                self.assertIn("A follow-up step belongs to exactly one of:", message)
                for name in ("plan_id", *Step._get_step_sources()):
                    self.assertIn(Step._fields[name].string, message)
        with (
            self.assertRaises(psycopg2.IntegrityError),
            mute_logger("odoo.sql_db"),
            self.env.cr.savepoint(),
        ):
            Step._create_steps([{**vals, "action_id": self.action.id}])
        self.env.invalidate_all()
        self.assertEqual(Step.search_count([]), before)

    def test_p1_3_the_core_step_names_none_of_its_satellites(self):
        """A satellite adds its source (and its to-do note) from its own
        file; the core step model knows only the plan."""
        core = (
            Path(__file__).resolve().parents[1] / "models" / "training_followup_step.py"
        ).read_text()
        for name in (
            "action_id",
            "rectification_id",
            "inspection_id",
            "training.improvement.action",
            "training.rectification",
            "training.supervision.inspection",
            "training.satisfaction",
        ):
            self.assertNotIn(name, core)
