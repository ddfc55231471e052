import re

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import clean_context

# every decision the dialog can take, declared once: the model of its
# records and the method of that model applying it with the reason. The
# method checks the role and the state itself; nothing else (no context key,
# no other model) is ever called from here.
DECISIONS = {
    # P5.2 accuracy: a training officer returns a done step's submission
    "step_return": ("training.followup.step", "_return_for_correction"),
    # P2.1, P5.2: a training officer marks a step done by hand
    "step_done": ("training.followup.step", "_mark_done_by_hand"),
    # P5.1: the supervision group rejects the answer to a rectification
    "rectification_reject": ("training.rectification", "_reject"),
    # P4.6: the head of HR reopens an archived cycle
    "cycle_reopen": ("training.followup.cycle", "_reopen"),
    # P5.2: the head of HR unlocks an appraisal period
    "period_unlock": ("training.kpi.period", "_unlock"),
}

# the ids the dialog is given: ASCII digits separated by commas
IDS_SHAPE = re.compile(r"[1-9][0-9]{0,9}(,[1-9][0-9]{0,9})*")


class TrainingFollowupReason(models.TransientModel):
    """Ask for the reason of a decision that must be explained and logged:
    returning a submission for correction or marking a step done by hand
    (P5.2 accuracy), rejecting a rectification (P5.1), reopening an archived
    cycle (P4.6), unlocking an appraisal period (P5.2).

    The decision is one of DECISIONS; its records must be of that decision's
    model and must exist, or the dialog refuses and nothing changes. The
    dialog's values come from the client (a default of the action that
    opens it, or any RPC), so they are checked here, never trusted."""

    _name = "training.followup.reason"
    _description = "Reason of a Follow-up Decision"

    decision = fields.Selection(
        [
            ("step_return", "Return for correction"),
            ("step_done", "Mark as done by hand"),
            ("rectification_reject", "Reject the answer"),
            ("cycle_reopen", "Reopen the cycle"),
            ("period_unlock", "Unlock the period"),
        ],
        required=True,
        readonly=True,
    )
    res_model = fields.Char(string="Model", required=True, readonly=True)
    res_ids = fields.Char(
        string="Records",
        required=True,
        readonly=True,
        help="Comma-separated ids of the records.",
    )
    reason = fields.Text(required=True)

    @api.model
    def _open_for(self, records, title, decision):
        """The dialog asking the reason of `decision` (a key of DECISIONS)
        on `records`; its defaults are checked like any client's values."""
        return {
            "type": "ir.actions.act_window",
            "name": title,
            "res_model": self._name,
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_decision": decision,
                "default_res_model": records._name,
                "default_res_ids": ",".join(str(res_id) for res_id in records.ids),
            },
        }

    # a decision the dialog does not know is refused with a clear message
    # wherever a client can send one, before the selection field would
    # refuse it less clearly
    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        self._check_known_decision(values)
        return values

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_known_decision(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._check_known_decision(vals)
        return super().write(vals)

    @api.model
    def _check_known_decision(self, values):
        decision = values.get("decision")
        if decision and (not isinstance(decision, str) or decision not in DECISIONS):
            raise UserError(self._unknown_decision_message())

    def _unknown_decision_message(self):
        return self.env._("This decision is not one that can be taken here.")

    def _get_records(self):
        """The records of the decision, checked: the decision known, the
        records of its model, every one of them existing."""
        self.ensure_one()
        if self.decision not in DECISIONS:
            raise UserError(self._unknown_decision_message())
        model, method = DECISIONS[self.decision]
        if self.res_model != model:
            raise UserError(
                self.env._("This decision does not apply to these records.")
            )
        ids_text = (self.res_ids or "").replace(" ", "")
        if not IDS_SHAPE.fullmatch(ids_text):
            raise UserError(self._missing_records_message())
        ids = list(dict.fromkeys(int(res_id) for res_id in ids_text.split(",")))
        # the decision's method then checks the role and the records' state
        records = self.env[model].browse(ids).exists()
        if len(records) != len(ids):
            raise UserError(self._missing_records_message())
        return records, method

    def _missing_records_message(self):
        return self.env._(
            "Some of these records no longer exist. Please reload the page "
            "and try again."
        )

    def action_confirm(self):
        self.ensure_one()
        records, method = self._get_records()
        reason = (self.reason or "").strip()
        if not reason:
            raise UserError(self.env._("Please give the reason."))
        # the dialog's own defaults must not reach what the decision creates
        records = records.with_env(self.env(context=clean_context(self.env.context)))
        getattr(records, method)(reason)
        return {"type": "ir.actions.act_window_close"}
