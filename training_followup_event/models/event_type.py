from odoo import fields, models


class EventType(models.Model):
    """An event template that marks trainings: its events follow up the
    course it names (P4.1)."""

    _inherit = "event.type"

    training_course_id = fields.Many2one(
        "training.course",
        groups="training_followup.group_training_officer",
        help="The events of this template are trainings of this course: their "
        "attendance becomes a training session and its follow-up plan.",
    )
