from odoo import models


class TrainingFollowup(models.Model):
    _inherit = "training.followup"

    def _get_training_source_type(self):
        """P3.1.1: a follow-up of an eLearning course's completion is an
        eLearning training on the employee's resume."""
        self.ensure_one()
        if self.sudo().session_id.slide_channel_id:
            return "elearning"
        return super()._get_training_source_type()
