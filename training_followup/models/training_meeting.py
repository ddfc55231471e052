from odoo import fields, models
from odoo.exceptions import UserError


class TrainingMeeting(models.Model):
    """Coordination meeting of the training and employing departments
    (P3.2.2) or feedback meeting of the three parties (P4.4)."""

    _name = "training.meeting"
    _description = "Follow-up Meeting"
    _inherit = ["mail.thread", "mail.activity.mixin", "training.improvement.source"]
    _improvement_field = "meeting_id"
    _order = "date desc, id desc"

    name = fields.Char(required=True)
    plan_id = fields.Many2one("training.followup.plan", ondelete="cascade", index=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    kind = fields.Selection(
        [("coordination", "Coordination Meeting"), ("feedback", "Feedback Meeting")],
        required=True,
        default="coordination",
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    attendee_ids = fields.Many2many("res.users", string="Attendees")
    minutes = fields.Html()
    decisions = fields.Html()
    state = fields.Selection(
        [("planned", "Planned"), ("held", "Held")], default="planned"
    )

    def action_held(self):
        for meeting in self:
            if meeting.state != "planned" or not meeting.minutes:
                raise UserError(self.env._("Write the minutes of the meeting first."))
        self.state = "held"
        for meeting in self.filtered("plan_id"):
            step = meeting.plan_id.step_ids.filtered(
                lambda s: s.step_type == "meeting" and s.state == "todo"
            ).sorted("date_due")[:1]
            step._mark_done(meeting)
        return True

    def _get_improvement_description(self):
        return self.decisions
