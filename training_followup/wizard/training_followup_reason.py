from odoo import api, fields, models
from odoo.exceptions import UserError


class TrainingFollowupReason(models.TransientModel):
    """Ask for the reason of a decision that must be explained and logged:
    returning a submission for correction (P5.2 accuracy), rejecting a
    rectification (P5.1), reopening an archived cycle (P4.6). The target model
    applies it in `_apply_training_reason(reason)`."""

    _name = "training.followup.reason"
    _description = "Reason of a Follow-up Decision"

    res_model = fields.Char(string="Model", required=True)
    res_ids = fields.Char(
        string="Records", required=True, help="Comma-separated ids of the records."
    )
    reason = fields.Text(required=True)
    # which decision of the records the reason is for, when they take more
    # than one (a step: returned for correction, or done by hand)
    decision = fields.Char(readonly=True)

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        context = self.env.context
        if context.get("active_model") and context.get("active_ids"):
            values.setdefault("res_model", context["active_model"])
            values.setdefault(
                "res_ids", ",".join(str(res_id) for res_id in context["active_ids"])
            )
        if context.get("training_reason_decision"):
            values.setdefault("decision", context["training_reason_decision"])
        return values

    @api.model
    def _open_for(self, records, title, decision=None):
        """The dialog asking the reason of a decision on `records`; `decision`
        names it when the records take more than one."""
        context = {"active_model": records._name, "active_ids": records.ids}
        if decision:
            context["training_reason_decision"] = decision
        return {
            "type": "ir.actions.act_window",
            "name": title,
            "res_model": self._name,
            "view_mode": "form",
            "target": "new",
            "context": context,
        }

    def action_confirm(self):
        self.ensure_one()
        reason = (self.reason or "").strip()
        if not reason:
            raise UserError(self.env._("Please give the reason."))
        ids = [int(res_id) for res_id in self.res_ids.split(",") if res_id]
        records = self.env[self.res_model].browse(ids).exists()
        # the decision only chooses what the records do; each checks the role
        records.with_context(
            training_reason_decision=self.decision or False
        )._apply_training_reason(reason)
        return {"type": "ir.actions.act_window_close"}
