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
