from odoo import fields, models


class ResourceCalendarWorkday(models.Model):
    """A make-up working day (调休上班): a day off in the weekly pattern that
    is worked to make up for a public holiday. Every working-day deadline of
    the follow-up (P1.3) counts it as a working day."""

    _name = "resource.calendar.workday"
    _description = "Make-up Working Day"
    _order = "date"

    calendar_id = fields.Many2one(
        "resource.calendar", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="calendar_id.company_id", store=True)
    date = fields.Date(required=True)
    name = fields.Char(
        string="Reason", required=True, help="The public holiday it makes up for."
    )

    _calendar_date_unique = models.Constraint(
        "unique(calendar_id, date)", "A day is a make-up working day once per calendar."
    )
