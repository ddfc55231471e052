from odoo import fields, models
from odoo.exceptions import UserError


class TrainingMeeting(models.Model):
    """Coordination meeting of the training and employing departments
    (P3.2.2) or feedback meeting of the three parties (P4.4)."""

    _name = "training.meeting"
    _description = "Follow-up Meeting"
    _inherit = ["mail.thread", "mail.activity.mixin"]
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
    improvement_action_count = fields.Integer(
        string="Improvement Actions", compute="_compute_improvement_action_count"
    )
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

    def _compute_improvement_action_count(self):
        counts = dict(
            self.env["training.improvement.action"]._read_group(
                [("meeting_id", "in", self.ids)], ["meeting_id"], ["__count"]
            )
        )
        for record in self:
            record.improvement_action_count = counts.get(record, 0)

    def action_new_improvement_action(self):
        """P4.5: a problem found here becomes an improvement measure."""
        self.ensure_one()
        return self.env["training.improvement.action"]._action_new_from(
            "meeting_id", self, self.decisions
        )

    def action_view_improvement_actions(self):
        self.ensure_one()
        return self.env["training.improvement.action"]._action_view_from(
            "meeting_id", self
        )
