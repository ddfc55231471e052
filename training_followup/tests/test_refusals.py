from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from ..wizard.training_followup_reason import DECISIONS
from .common import JsonRpcMixin, TrainingFollowupCase
from .test_duties import DutiesCase


@tagged("post_install", "-at_install")
class TestReasonDialogRefusals(DutiesCase):
    """P5.1, P5.2, P4.6: the reason dialog takes only the decisions it
    declares, each on the records of its own model that exist; anything
    else a client sends is refused with a clear message and nothing
    changes. No context key decides anything."""

    def dialog(self, user, **values):
        return (
            self.env["training.followup.reason"]
            .with_user(user)
            .create({"reason": "Because", **values})
        )

    def assert_step_untouched(self, step):
        self.assertEqual(
            (step.state, step.done_by_id, step.return_count),
            ("todo", self.env["res.users"], 0),
        )

    def locked_period(self):
        period = self.env["training.kpi.period"].create(
            {"period_type": "quarter", "date_from": "2026-04-01"}
        )
        period.with_user(self.user_officer).action_compute()
        period.with_user(self.user_admin).action_lock()
        return period

    def test_p5_2_dialog_pointed_at_a_partner_is_refused(self):
        partner = self.user_employee.partner_id
        before = (partner.write_date, len(partner.message_ids))
        for decision in DECISIONS:
            with self.subTest(decision=decision):
                wizard = self.dialog(
                    self.user_admin,
                    decision=decision,
                    res_model="res.partner",
                    res_ids=str(partner.id),
                )
                with self.assertRefused(UserError, "does not apply to these records"):
                    wizard.action_confirm()
        self.assertEqual((partner.write_date, len(partner.message_ids)), before)

    def test_p5_2_decision_of_another_model_is_refused(self):
        step = self.step("manual")
        period = self.locked_period()
        pairs = [
            ("period_unlock", step),
            ("cycle_reopen", step),
            ("rectification_reject", step),
            ("step_done", period),
            ("step_return", period),
        ]
        for decision, records in pairs:
            with self.subTest(decision=decision, model=records._name):
                wizard = self.dialog(
                    self.user_admin,
                    decision=decision,
                    res_model=records._name,
                    res_ids=str(records.id),
                )
                with self.assertRefused(UserError, "does not apply to these records"):
                    wizard.action_confirm()
        self.assert_step_untouched(step)
        self.assertEqual(period.state, "locked")

    def test_p5_2_unknown_decision_is_refused(self):
        step = self.step("manual")
        Reason = self.env["training.followup.reason"].with_user(self.user_officer)
        values = {"res_model": step._name, "res_ids": str(step.id)}
        # "done" was the context value of old; a list is what a client may send
        for decision in ("done", "unlink", ["step_done"]):
            with self.subTest(decision=decision):
                with self.assertRefused(UserError, "not one that can be taken here"):
                    self.dialog(self.user_officer, decision=decision, **values)
                with self.assertRefused(UserError, "not one that can be taken here"):
                    Reason.with_context(
                        default_decision=decision,
                        default_res_model=step._name,
                        default_res_ids=str(step.id),
                    ).create({"reason": "Because"})
        wizard = self.dialog(self.user_officer, decision="step_done", **values)
        with self.assertRefused(UserError, "not one that can be taken here"):
            wizard.write({"decision": "done"})
        self.assertEqual(wizard.decision, "step_done")
        self.assert_step_untouched(step)

    def test_p5_2_records_that_do_not_exist_are_refused(self):
        step = self.step("manual")
        for res_ids in (
            "999999999",
            f"{step.id},999999999",
            "99999999999",
            "abc",
            ",",
            f"{step.id},,{step.id}",
            "²",
            "-1",
        ):
            with self.subTest(res_ids=res_ids):
                wizard = self.dialog(
                    self.user_officer,
                    decision="step_done",
                    res_model=step._name,
                    res_ids=res_ids,
                )
                with self.assertRefused(UserError, "no longer exist"):
                    wizard.action_confirm()
        self.assert_step_untouched(step)

    def test_p5_2_no_context_key_chooses_the_decision(self):
        step = self.step("manual")
        # the key that once turned a return into "done by hand"
        with self.assertRefused(UserError, "done step can be returned"):
            self.env["training.followup.reason"].with_user(
                self.user_officer
            ).with_context(
                training_reason_decision="done",
                default_decision="step_return",
                default_res_model=step._name,
                default_res_ids=str(step.id),
            ).create({"reason": "Trust the context"}).action_confirm()
        self.assert_step_untouched(step)

    def test_p5_2_officer_returns_a_done_step_for_correction(self):
        step = self.step("manual")
        self.give_reason(self.user_officer, step, "step_done", "Signed on paper")
        self.assertEqual(step.state, "done")
        action = step.with_user(self.user_officer).action_open_return()
        self.assertEqual(action["context"]["default_decision"], "step_return")
        self.assertEqual(step.return_count, 0, "nothing returned before the reason")
        self.give_reason(self.user_officer, step, "step_return", "Wrong sheet")
        self.assertEqual((step.state, step.return_count), ("done", 1))
        self.assertIn("Wrong sheet", step._get_activity_record().message_ids[:1].body)

    def test_p5_2_only_an_officer_returns_a_done_step(self):
        step = self.step("manual")
        self.give_reason(self.user_officer, step, "step_done", "Signed on paper")
        for user in (self.user_employee, self.user_manager, self.user_supervisor):
            with self.subTest(user=user.login):
                with self.assertRefused(UserError, "Only a training officer"):
                    step.with_user(user).action_open_return()
                with self.assertRefused(UserError, "Only a training officer"):
                    self.give_reason(user, step, "step_return", "Not mine to say")
        self.assertEqual(step.return_count, 0)

    def test_p5_2_only_the_head_of_hr_unlocks_a_locked_period(self):
        period = self.locked_period()
        for user in (self.user_officer, self.user_supervisor, self.user_employee):
            with self.subTest(user=user.login):
                with self.assertRefused(AccessError, "head of HR"):
                    self.give_reason(user, period, "period_unlock", "Please")
        self.assertEqual(period.state, "locked")
        self.give_reason(self.user_admin, period, "period_unlock", "Scored late")
        self.assertEqual(period.state, "draft")
        # an open period has nothing to unlock: refused, no note logged
        with self.assertRefused(UserError, "Only a locked period"):
            self.give_reason(self.user_admin, period, "period_unlock", "Again")
        self.assertFalse(
            period.message_ids.filtered(lambda message: "Again" in message.body)
        )


@tagged("post_install", "-at_install")
class TestRefusalsOverRpc(JsonRpcMixin, HttpCase, TrainingFollowupCase):
    """P4.6, P5.2: what a JSON-RPC client sends (a context key, a dialog's
    values) is refused with a clear message, never a server error, and
    nothing changes."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cycle = cls.env["training.followup.cycle"].create({"year": 2025})

    def test_p4_6_cycle_lists_only_its_archived_documents(self):
        self.authenticate(self.user_officer.login, self.user_officer.login)
        error, action = self.call_kw(
            "training.followup.cycle",
            "action_view_documents",
            [self.cycle.ids],
            context={"training_document_model": "training.followup.plan"},
        )
        self.assertIsNone(error, action)
        self.assertEqual(action["res_model"], "training.followup.plan")
        for model in ("res.partner", "res.users", "", ["training.followup.plan"], 7):
            with self.subTest(model=model):
                error, message = self.call_kw(
                    "training.followup.cycle",
                    "action_view_documents",
                    [self.cycle.ids],
                    context={"training_document_model": model},
                )
                self.assertEqual(error, "odoo.exceptions.UserError")
                self.assertIn("not among those archived with a cycle", message)
        # no key at all, as from the ORM
        with self.assertRefused(UserError, "not among those archived"):
            self.cycle.with_user(self.user_officer).action_view_documents()
        with self.assertRefused(UserError, "not among those archived"):
            self.cycle.with_user(self.user_officer).with_context(
                training_document_model="res.partner"
            ).action_view_documents()

    def test_p5_2_reason_dialog_refuses_a_client_pointing_it_elsewhere(self):
        partner = self.user_employee.partner_id
        before = (partner.write_date, partner.name)
        self.authenticate(self.user_admin.login, self.user_admin.login)
        error, wizard_ids = self.call_kw(
            "training.followup.reason",
            "create",
            [
                {
                    "reason": "Because",
                    "decision": "period_unlock",
                    "res_model": "res.partner",
                    "res_ids": str(partner.id),
                }
            ],
        )
        self.assertIsNone(error, wizard_ids)
        error, message = self.call_kw(
            "training.followup.reason", "action_confirm", [wizard_ids]
        )
        self.assertEqual(error, "odoo.exceptions.UserError")
        self.assertIn("does not apply to these records", message)
        # a decision of its own making, in the values or in the defaults
        error, message = self.call_kw(
            "training.followup.reason",
            "create",
            [
                {
                    "reason": "Because",
                    "decision": "done",
                    "res_model": "x",
                    "res_ids": "1",
                }
            ],
        )
        self.assertEqual(error, "odoo.exceptions.UserError")
        self.assertIn("not one that can be taken here", message)
        error, message = self.call_kw(
            "training.followup.reason",
            "default_get",
            [["decision", "res_model", "res_ids"]],
            context={"default_decision": "done"},
        )
        self.assertEqual(error, "odoo.exceptions.UserError")
        self.env.invalidate_all()
        self.assertEqual((partner.write_date, partner.name), before)
