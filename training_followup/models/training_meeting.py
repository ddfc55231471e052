from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools.process_guard import process_action


class TrainingMeeting(models.Model):
    """Coordination meeting of the training and employing departments
    (P3.2.2) or feedback meeting of the three parties (P4.4)."""

    _name = "training.meeting"
    _description = "Follow-up Meeting"
    # P4.6: archived with the yearly cycle (training.followup.archivable)
    _archive_sequence = 80
    _archive_date_field = "date"
    _archive_report = "training_followup.action_report_meeting"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "training.improvement.source",
        "training.followup.archivable",
        "training.process.guard",
    ]
    # P4.5: a meeting is held with its button
    _process_fields = ("state",)
    _improvement_field = "meeting_id"
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True)
    plan_ids = fields.Many2many(
        "training.followup.plan",
        string="Plans Covered",
        check_company=True,
        domain="[('state', 'in', ('running', 'analysing', 'reported'))]",
        help="The follow-up plans whose progress the meeting discusses: holding a "
        "coordination meeting closes the next coordination step of each.",
    )
    department_ids = fields.Many2many(
        "hr.department",
        string="Employing Departments",
        check_company=True,
        help="Choosing departments brings in every running plan of their people.",
    )
    report_id = fields.Many2one(
        "training.followup.report",
        string="Report Discussed",
        index="btree_not_null",
        check_company=True,
        help="A feedback meeting discusses this follow-up report with the three "
        "parties.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    kind = fields.Selection(
        [("coordination", "Coordination Meeting"), ("feedback", "Feedback Meeting")],
        required=True,
        default="coordination",
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    attendee_ids = fields.Many2many("res.users", string="Attendees", check_company=True)
    minutes = fields.Html()
    decisions = fields.Html()
    state = fields.Selection(
        [("planned", "Planned"), ("held", "Held")], default="planned"
    )

    @api.onchange("department_ids")
    def _onchange_department_ids(self):
        """P3.2.2: a meeting of the training and employing departments covers
        every running training of their people."""
        if self.department_ids:
            followups = self.env["training.followup"].search(
                [
                    ("company_id", "=", self.company_id.id),
                    ("department_id", "in", self.department_ids.ids),
                    ("plan_id.state", "in", ("running", "analysing", "reported")),
                ]
            )
            self.plan_ids |= followups.plan_id

    @api.onchange("report_id")
    def _onchange_report_id(self):
        if self.report_id:
            self.plan_ids |= self.report_id.plan_ids

    @process_action
    def action_held(self):
        for meeting in self:
            if meeting.state != "planned" or not meeting.minutes:
                raise UserError(self.env._("Write the minutes of the meeting first."))
            if meeting.kind == "feedback" and not meeting.report_id:
                raise UserError(
                    self.env._(
                        "Choose the follow-up report the feedback meeting discusses."
                    )
                )
        self.state = "held"
        # only a coordination meeting closes coordination steps, one per plan
        Step = self.env["training.followup.step"].sudo()
        for meeting in self.filtered(lambda m: m.kind == "coordination"):
            steps = meeting.plan_ids.sudo().step_ids.filtered(
                lambda s: s.step_type == "meeting" and s.state == "todo"
            )
            first = Step
            for plan in meeting.plan_ids:
                first |= steps.filtered(lambda s, p=plan: s.plan_id == p).sorted(
                    lambda s: (s.date_deadline, s.id)
                )[:1]
            first._mark_done(meeting)
        return True

    def _get_improvement_description(self):
        return self.decisions
