from odoo import fields, models


class TrainingFollowupScope(models.AbstractModel):
    """What a follow-up report and the export of the follow-up data cover
    (P4.2, P4.3): one plan, or the trainings of a company that ended in a
    period; the one builder of the domain of the follow-ups in scope."""

    _name = "training.followup.scope"
    _description = "Follow-up Scope"

    scope = fields.Selection(
        [("plan", "One Follow-up Plan"), ("period", "A Period")],
        required=True,
        default="plan",
    )
    plan_id = fields.Many2one("training.followup.plan", string="Follow-up Plan")
    date_from = fields.Date(string="Trainings Ended From")
    date_to = fields.Date(string="Trainings Ended To")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    def _get_followup_domain(self):
        """The domain of the follow-ups in scope (on training.followup and on
        the analyses that share its plan, company and training end date)."""
        self.ensure_one()
        if self.scope == "plan":
            return [("plan_id", "=", self.plan_id.id)]
        return [
            ("company_id", "=", self.company_id.id),
            ("date_end", ">=", self.date_from),
            ("date_end", "<=", self.date_to),
        ]
