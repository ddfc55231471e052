from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time, tagged

from .common import TrainingFollowupCase


@tagged("post_install", "-at_install")
class TestImprovementActions(TrainingFollowupCase):
    """P4.5: improvement measures with a responsible department and person,
    a deadline and an expected effect; progress checked by the training
    department; the effect verified; deadlines through the steps."""

    def new_action(self, **values):
        return (
            self.env["training.improvement.action"]
            .with_user(self.user_officer)
            .create(
                {
                    "name": "TF More practice",
                    "department_id": self.department.id,
                    "user_id": self.user_manager.id,
                    "officer_id": self.user_officer.id,
                    "date_deadline": "2026-05-15",
                    "expected_effect": "Every participant applies the method",
                    **values,
                }
            )
        )

    @freeze_time("2026-04-20")
    def test_p4_5_full_life_verified_effective(self):
        action = self.new_action()
        step = action.step_id
        self.assertEqual(action.state, "planned")
        self.assertEqual(
            (step.step_type, step.user_id, step.date_deadline, step.responsible),
            ("improvement_action", self.user_manager, date(2026, 5, 15), "manager"),
        )
        self.assertEqual(step.department_id, self.department)
        self.assertEqual(step.activity_id.res_model, action._name)
        self.assertEqual(step.activity_id.user_id, self.user_manager)
        # the training department checks the progress (P4.5)
        self.env["training.improvement.check"].with_user(self.user_officer).create(
            {"action_id": action.id, "progress": 40, "obstacles": "No room"}
        )
        self.assertEqual(action.progress, 40)
        self.assertIn("40%", action.message_ids[:1].body)
        as_manager = action.with_user(self.user_manager)
        as_manager.action_start()
        self.assertEqual(action.state, "in_progress")
        with self.assertRefused(UserError, "actual effect"):
            as_manager.action_done()
        as_manager.actual_effect = "Five of six apply it"
        as_manager.action_done()
        self.assertEqual((action.state, action.date_done), ("done", date(2026, 4, 20)))
        self.assertEqual((step.state, step.on_time), ("done", True))
        self.assertFalse(step.activity_id.active, "the to-do is done")
        to_verify = action.activity_ids.filtered(
            lambda a: a.user_id == self.user_officer
        )
        self.assertEqual(len(to_verify), 1, "the officer is asked to verify")
        as_officer = action.with_user(self.user_officer)
        with self.assertRefused(UserError, "verified"):
            as_officer.action_verify_effective()
        as_officer.verification = "Observed on the line"
        as_officer.action_verify_effective()
        self.assertEqual(action.state, "effective")
        self.assertEqual(action.verified_by_id, self.user_officer)
        self.assertFalse(action.activity_ids)

    def test_p4_5_done_late_then_not_effective(self):
        with freeze_time("2026-04-01"):
            action = self.new_action(date_deadline="2026-04-10")
        with freeze_time("2026-04-15"):
            self.env["training.followup.step"]._cron_mark_late()
            self.assertTrue(action.is_late)
            as_manager = action.with_user(self.user_manager)
            as_manager.actual_effect = "Little change"
            as_manager.action_done()
        self.assertEqual(
            (action.step_id.state, action.step_id.on_time), ("done", False)
        )
        as_officer = action.with_user(self.user_officer)
        as_officer.verification = "Two of six apply it"
        as_officer.action_verify_not_effective()
        self.assertEqual(action.state, "not_effective")
        with self.assertRefused(UserError, "done measure"):
            as_officer.action_verify_effective()

    @freeze_time("2026-04-20")
    def test_p4_5_overdue_action_escalated_to_the_officer(self):
        action = self.new_action(date_deadline="2026-04-21")
        step = action.step_id
        with freeze_time("2026-04-28"), self.enter_registry_test_mode():
            self.env.ref(
                "training_followup.ir_cron_process_deadlines"
            ).method_direct_trigger()
        self.env.invalidate_all()
        self.assertTrue(step.is_late)
        self.assertEqual(step.escalation_sent_date, date(2026, 4, 28))
        self.assertIn(self.user_officer, step._get_notice_recipients("escalation"))

    @freeze_time("2026-04-20")
    def test_p4_5_from_report_meeting_inspection(self):
        meeting = self.env["training.meeting"].create(
            {"name": "TF Quarterly meeting", "decisions": "<p>Coach more</p>"}
        )
        action_window = meeting.with_user(
            self.user_officer
        ).action_new_improvement_action()
        self.assertEqual(action_window["context"]["default_meeting_id"], meeting.id)
        self.assertEqual(
            action_window["context"]["default_description"], meeting.decisions
        )
        action = self.new_action(meeting_id=meeting.id)
        self.assertEqual(action.source, "meeting")
        self.assertEqual(meeting.improvement_action_count, 1)
        self.assertEqual(self.new_action().source, "other")

    @freeze_time("2026-04-20")
    def test_p4_5_moving_the_deadline_moves_the_step(self):
        action = self.new_action()
        old_activity = action.step_id.activity_id
        action.with_user(self.user_officer).write(
            {"date_deadline": "2026-05-29", "user_id": self.user_employee.id}
        )
        step = action.step_id
        self.assertEqual(
            (step.date_deadline, step.user_id), (date(2026, 5, 29), self.user_employee)
        )
        self.assertFalse(old_activity.exists())
        self.assertEqual(step.activity_id.user_id, self.user_employee)

    @freeze_time("2026-04-20")
    def test_p4_5_bad_input_and_rights(self):
        with self.assertRefused(UserError, "cannot be past"):
            self.new_action(date_deadline="2026-04-01")
        action = self.new_action()
        with self.assertRefused(AccessError, "training officer"):
            action.with_user(self.user_manager).write({"date_deadline": "2026-06-01"})
        with self.assertRefused(AccessError, ""):
            action.with_user(self.user_outsider).read(["name"])
        with self.assertRefused(AccessError, "read"):
            action.with_user(self.user_employee).action_start()
        with self.assertRefused(AccessError, ""):
            action.with_user(self.user_supervisor).write({"name": "x"})
        with self.assertRefused(AccessError, ""):
            self.env["training.improvement.action"].with_user(
                self.user_supervisor
            ).create({"name": "x"})
        self.assertEqual(
            action.with_user(self.user_supervisor).name, "TF More practice"
        )
        with self.assertRefused(ValidationError, "between 0 and 100"):
            self.env["training.improvement.check"].create(
                {"action_id": action.id, "progress": 120}
            )
        action.with_user(self.user_officer).action_cancel()
        self.assertEqual(action.step_id.state, "cancelled")
        with self.assertRefused(UserError, "planned or running"):
            self.env["training.improvement.check"].create(
                {"action_id": action.id, "progress": 50}
            )
