from odoo import models

from ..tools.process_guard import process_action


class SurveyUserInput(models.Model):
    _inherit = "survey.user_input"

    @process_action
    def _mark_done(self):
        """P3.1.1: a finished scored attempt fills the participant's test."""
        result = super()._mark_done()
        assessments = (
            self.env["training.assessment"]
            .sudo()
            .search([("user_input_id", "in", self.ids), ("state", "=", "draft")])
        )
        for assessment in assessments:
            assessment._fill_from_survey(assessment.user_input_id)
        assessments._give_certification_lines()
        return result
