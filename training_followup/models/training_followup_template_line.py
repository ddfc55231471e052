from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .training_followup_step import RESPONSIBLES, STEP_TYPES

OFFSET_UNITS = [
    ("working_days", "Working Days"),
    ("weeks", "Weeks"),
    ("months", "Months"),
]
# Offsets that come from the company settings (the policy's [X] values).
OFFSET_SOURCES = [
    ("fixed", "Fixed"),
    ("kickoff", "Kick-off Setting"),
    ("test", "Knowledge Test Setting"),
    ("questionnaire", "Questionnaire Setting"),
    ("evaluation", "Performance Evaluation Setting"),
    ("report", "Progress Report Frequency"),
    ("meeting", "Meeting Frequency"),
]


class TrainingFollowupTemplateLine(models.Model):
    """One dated step of a follow-up template: what, who, and when after the
    training ends."""

    _name = "training.followup.template.line"
    _description = "Follow-up Template Step"
    _order = "template_id, sequence, id"

    template_id = fields.Many2one(
        "training.followup.template", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    step_type = fields.Selection(STEP_TYPES, required=True)
    responsible = fields.Selection(RESPONSIBLES, required=True, default="officer")
    offset_source = fields.Selection(
        OFFSET_SOURCES,
        string="Deadline From",
        required=True,
        default="fixed",
        help="Fixed: the offset below. Otherwise the delay of the company settings.",
    )
    offset_value = fields.Integer(string="Offset", default=5)
    offset_unit = fields.Selection(OFFSET_UNITS, required=True, default="working_days")
    repeat_count = fields.Integer(
        string="Repeat",
        default=1,
        help="How many steps this line makes, one offset apart. Progress reports "
        "and meetings that follow the settings' frequency repeat over one year.",
    )

    @api.constrains("offset_value", "repeat_count", "offset_source")
    def _check_offset(self):
        for line in self:
            if line.offset_source == "fixed" and line.offset_value < 0:
                raise ValidationError(self.env._("A step offset cannot be negative."))
            if line.repeat_count < 1:
                raise ValidationError(self.env._("A step is made at least once."))

    def _get_repeat_count(self, company):
        """Periodic steps (progress reports, meetings) repeat over the yearly
        follow-up cycle (P4.6) at the frequency of the settings."""
        self.ensure_one()
        if self.offset_source in ("report", "meeting"):
            months = self._get_offset(company)[0]
            return max(1, 12 // months)
        return self.repeat_count

    def _get_offset(self, company):
        """(value, unit) of the deadline after the training ends."""
        self.ensure_one()
        frequency_months = {"month": 1, "quarter": 3}
        return {
            "fixed": (self.offset_value, self.offset_unit),
            "kickoff": (company.training_kickoff_days, "working_days"),
            "test": (company.training_test_weeks, "weeks"),
            "questionnaire": (company.training_questionnaire_weeks, "weeks"),
            "evaluation": (company.training_evaluation_months, "months"),
            "report": (frequency_months[company.training_report_frequency], "months"),
            "meeting": (frequency_months[company.training_meeting_frequency], "months"),
        }[self.offset_source]
