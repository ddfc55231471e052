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

    def _prepare_resume_line_values(self, line_type):
        """P3.1.1: the resume line names its eLearning course
        (hr_skills_slides)."""
        values = super()._prepare_resume_line_values(line_type)
        channel = self.sudo().session_id.slide_channel_id
        if channel:
            values["channel_id"] = channel.id
        return values

    def _find_training_resume_lines(self, line_type):
        """P3.1.1: eLearning writes a Training line on the employee's resume
        when they complete the course (hr_skills_slides); their follow-up
        takes that line over instead of writing a second one. One search for
        all these follow-ups."""
        found = super()._find_training_resume_lines(line_type)
        followups = self.sudo().filtered(
            lambda f: f.session_id.slide_channel_id and f.id not in found
        )
        if not followups or not line_type:
            return found
        taken = (
            self.sudo()
            .search(
                [
                    ("resume_line_id", "!=", False),
                    ("employee_id", "in", followups.employee_id.ids),
                ]
            )
            .resume_line_id
        )
        lines = (
            self.env["hr.resume.line"]
            .sudo()
            .search(
                [
                    ("employee_id", "in", followups.employee_id.ids),
                    ("channel_id", "in", followups.session_id.slide_channel_id.ids),
                    ("line_type_id", "=", line_type.id),
                    ("id", "not in", taken.ids),
                ]
            )
        )
        by_key = {(line.employee_id.id, line.channel_id.id): line for line in lines}
        for followup in followups:
            key = (followup.employee_id.id, followup.session_id.slide_channel_id.id)
            if key in by_key:
                found[followup.id] = by_key.pop(key)
        return found
