from odoo import models


class TrainingFollowup(models.Model):
    _inherit = "training.followup"

    def _get_training_source_type(self):
        """P3.1.1: a training given at an event is an onsite course in the
        terms of the employee's resume (hr_skills_event)."""
        self.ensure_one()
        if self.sudo().session_id.event_id:
            return "onsite"
        return super()._get_training_source_type()

    def _prepare_resume_line_values(self, line_type):
        """P3.1.1: the resume line names its event, Odoo's onsite course
        (hr_skills_event)."""
        values = super()._prepare_resume_line_values(line_type)
        event = self.sudo().session_id.event_id
        if event:
            values["event_id"] = event.id
        return values
