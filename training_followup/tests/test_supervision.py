from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, freeze_time, tagged

from .common import TrainingFollowupCase


@tagged("post_install", "-at_install")
class TestSupervision(TrainingFollowupCase):
    """P5.1: the supervision group, its inspections with the four points of
    the policy, and its rectification demands with a deadline, escalated to
    the leader and flagged for the appraisal when overdue or rejected."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.leader = cls.make_leader(cls.user_admin)

    def new_inspection(self):
        return (
            self.env["training.supervision.inspection"]
            .with_user(self.user_supervisor)
            .create({"name": "TF Inspection", "department_ids": self.department.ids})
        )

    def new_demand(self, inspection=None, **values):
        inspection = inspection or self.new_inspection()
        form = Form(
            self.env["training.rectification"]
            .with_user(self.user_supervisor)
            .with_context(default_inspection_id=inspection.id)
        )
        form.name = "TF Submit the missing evaluations"
        form.department_id = self.department
        for field, value in values.items():
            setattr(form, field, value)
        return form.save()

    def run_cron(self, day):
        with freeze_time(day), self.enter_registry_test_mode():
            self.env.ref(
                "training_followup.ir_cron_process_deadlines"
            ).method_direct_trigger()
        self.env.invalidate_all()

    def test_p5_1_members_and_their_group(self):
        member = self.env["training.supervision.member"].create(
            {
                "user_id": self.user_manager.id,
                "role": "department_rep",
                "department_id": self.department.id,
            }
        )
        self.assertTrue(
            self.user_manager.has_group("training_followup.group_training_supervisor")
        )
        self.assertEqual(
            self.env["training.supervision.member"]._get_leader(self.company),
            self.user_admin,
        )
        with self.assertRefused(ValidationError, "one leader"):
            member.role = "leader"

    def test_p5_1_inspection_checklist_of_the_four_points(self):
        inspection = self.new_inspection()
        self.assertEqual(
            inspection.check_ids.mapped("point"),
            ["plan_execution", "data_quality", "feedback", "improvement"],
        )
        with self.assertRefused(UserError, "every point"):
            inspection.action_done()
        inspection.check_ids.write({"result": "compliant", "finding": "Checked"})
        inspection.check_ids[:1].evidence_url = "https://example.com/plan"
        inspection.action_done()
        self.assertEqual(inspection.state, "done")
        with self.assertRefused(AccessError, ""):
            inspection.with_user(self.user_officer).write({"name": "x"})
        with self.assertRefused(AccessError, ""):
            inspection.with_user(self.user_manager).read(["name"])

    @freeze_time("2026-04-20")
    def test_p5_1_answered_on_time_and_accepted(self):
        demand = self.new_demand()
        self.assertEqual(demand.user_id, self.user_manager, "the department's manager")
        # ten working days by default
        self.assertEqual(demand.date_deadline, date(2026, 5, 4))
        demand.action_issue()
        step = demand.step_id
        self.assertEqual(
            (step.step_type, step.user_id), ("rectification", self.user_manager)
        )
        self.assertEqual(step.activity_id.res_model, demand._name)
        as_manager = demand.with_user(self.user_manager)
        with self.assertRefused(AccessError, "supervision group"):
            as_manager.write({"date_deadline": "2026-06-30"})
        with self.assertRefused(UserError, "what was done"):
            as_manager.action_answer()
        as_manager.answer = "Both evaluations submitted"
        as_manager.action_answer()
        self.assertEqual(
            (demand.state, step.state, step.on_time), ("answered", "done", True)
        )
        with self.assertRefused(AccessError, "supervision group"):
            as_manager.action_accept()
        demand.with_user(self.user_supervisor).action_accept()
        self.assertEqual(demand.state, "accepted")
        self.assertFalse(demand.appraisal_flag)
        with self.assertRefused(AccessError, ""):
            demand.with_user(self.user_outsider).read(["name"])
        with self.assertRefused(AccessError, ""):
            demand.with_user(self.user_officer).write({"name": "x"})

    def test_p5_1_overdue_demand_escalated_to_the_leader_and_flagged(self):
        with freeze_time("2026-04-20"):
            demand = self.new_demand(date_deadline=date(2026, 4, 24))
            demand.action_issue()
        step = demand.step_id
        # deadline Friday 24 April; escalation three working days later
        self.assertEqual(step.escalation_date, date(2026, 4, 29))
        self.run_cron("2026-04-27")
        self.assertTrue(demand.is_late)
        self.assertTrue(demand.appraisal_flag)
        self.assertFalse(step.escalation_sent_date)
        self.run_cron("2026-04-29")
        self.assertEqual(step.escalation_sent_date, date(2026, 4, 29))
        recipients = step._get_notice_recipients("escalation")
        self.assertIn(self.user_admin, recipients, "the leader of the group")
        self.assertIn(self.user_supervisor, recipients, "who issued the demand")
        template = self.env.ref("training_followup.mail_template_step_escalation")
        mails = self.env["mail.mail"].search(
            [
                ("subject", "=", template.subject),
                ("recipient_ids", "in", self.user_admin.partner_id.ids),
            ]
        )
        self.assertEqual(len(mails), 1)
        self.run_cron("2026-04-29")
        self.assertEqual(
            self.env["mail.mail"].search_count(
                [
                    ("subject", "=", template.subject),
                    ("recipient_ids", "in", self.user_admin.partner_id.ids),
                ]
            ),
            1,
            "a second run sends nothing twice",
        )
        # a late answer keeps the flag
        with freeze_time("2026-04-30"):
            demand.with_user(self.user_manager).answer = "Done late"
            demand.with_user(self.user_manager).action_answer()
        self.assertEqual((step.state, step.on_time), ("done", False))
        self.assertTrue(demand.appraisal_flag)

    @freeze_time("2026-04-20")
    def test_p5_1_rejected_answer_escalated_and_flagged(self):
        demand = self.new_demand()
        demand.action_issue()
        demand.with_user(self.user_manager).answer = "We talked about it"
        demand.with_user(self.user_manager).action_answer()
        # the answering department does not judge its own answer
        with self.assertRefused(AccessError, "Only the supervision group"):
            self.give_reason(
                self.user_manager, demand, "rectification_reject", "Not good"
            )
        self.assertEqual(demand.state, "answered")
        self.give_reason(
            self.user_supervisor,
            demand,
            "rectification_reject",
            "No evaluation was submitted",
        )
        self.assertEqual(demand.state, "rejected")
        self.assertTrue(demand.appraisal_flag)
        self.assertEqual(demand.rejection_reason, "No evaluation was submitted")
        leader_todo = demand.activity_ids.filtered(
            lambda a: a.user_id == self.user_admin
        )
        self.assertEqual(len(leader_todo), 1)
        self.assertIn(self.user_admin.partner_id, demand.message_ids[:1].partner_ids)

    @freeze_time("2026-04-20")
    def test_p5_1_bad_input(self):
        demand = self.new_demand(date_deadline=date(2026, 4, 1))
        with self.assertRefused(UserError, "cannot be past"):
            demand.action_issue()
        self.assertEqual(demand.state, "draft")
        demand.date_deadline = date(2026, 5, 4)
        demand.action_issue()
        with self.assertRefused(UserError, "draft demand"):
            demand.unlink()
        with self.assertRefused(UserError, "answered demand"):
            demand.with_user(self.user_supervisor).action_accept()
        # moving the deadline moves the step and its to-do
        demand.with_user(self.user_supervisor).date_deadline = date(2026, 5, 11)
        self.assertEqual(demand.step_id.date_deadline, date(2026, 5, 11))
        self.assertEqual(demand.step_id.activity_id.date_deadline, date(2026, 5, 11))

    def test_p5_1_supervision_reads_everything_changes_no_operational_record(self):
        plan = self.make_plan()
        plan.action_communicate()
        followup = plan.followup_ids
        step = plan.step_ids[:1]
        report = self.env["training.followup.report"].create(
            {"name": "TF Report", "plan_id": plan.id}
        )
        with freeze_time("2026-04-20"):
            action = (
                self.env["training.improvement.action"]
                .with_user(self.user_officer)
                .create(
                    {
                        "name": "TF Measure",
                        "department_id": self.department.id,
                        "user_id": self.user_manager.id,
                        "date_deadline": "2026-05-15",
                        "expected_effect": "Better",
                    }
                )
            )
        period = self.env["training.kpi.period"].create(
            {"period_type": "month", "date_from": "2026-04-01"}
        )
        records = (plan.session_id, plan, followup, step, report, action, period)
        for record in records:
            as_supervisor = record.with_user(self.user_supervisor)
            self.assertTrue(as_supervisor.read(["display_name"]), record._name)
            for operation in ("write", "create", "unlink"):
                with self.assertRefused(AccessError, ""):
                    as_supervisor.check_access(operation)
        # what they do write: inspections and rectification demands
        demand = self.new_demand()
        self.assertEqual(demand.create_uid, self.user_supervisor)
