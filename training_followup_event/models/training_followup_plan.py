from odoo import fields, models


class TrainingFollowupPlan(models.Model):
    _inherit = "training.followup.plan"

    event_id = fields.Many2one(related="session_id.event_id")
    from_event = fields.Boolean(related="session_id.from_event")
    participant_ids = fields.Many2many(
        related="session_id.participant_ids", string="Participants"
    )
