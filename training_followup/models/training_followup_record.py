from odoo import fields, models


class TrainingFollowupRecord(models.AbstractModel):
    """A piece of evidence of one follow-up (P4.2: everything kept in the one
    follow-up database): a test, an observation, a case, a report. Dated, with
    a chatter, and tied to its follow-up, employee and company."""

    _name = "training.followup.record"
    _description = "Follow-up Evidence"
    # its chatter is written in its employee's language (reader_language)
    _training_reader_employee = "employee_id"
    _inherit = ["mail.thread", "training.company.link"]
    _company_parent_field = "followup_id"
    _order = "date desc, id desc"

    followup_id = fields.Many2one(
        "training.followup", required=True, ondelete="cascade", index=True
    )
    employee_id = fields.Many2one(related="followup_id.employee_id", store=True)
    company_id = fields.Many2one(related="followup_id.company_id", store=True)
    date = fields.Date(default=fields.Date.context_today)
