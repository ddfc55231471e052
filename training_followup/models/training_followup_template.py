from odoo import fields, models

from .training_course import COURSE_TYPES


class TrainingFollowupTemplate(models.Model):
    """Which dated steps the follow-up of a training has (P4.1, P2.1.2)."""

    _name = "training.followup.template"
    _description = "Follow-up Template"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    course_type = fields.Selection(
        COURSE_TYPES,
        string="Training Type",
        help="The template proposed by default for the plans of this training type.",
    )
    company_id = fields.Many2one(
        "res.company", help="Leave empty to share the template with every company."
    )
    line_ids = fields.One2many(
        "training.followup.template.line", "template_id", string="Steps", copy=True
    )
    note = fields.Html(
        string="Purpose and Methods",
        translate=True,
        help="The purpose, content and methods of the follow-up, sent to the "
        "departments and participants when the plan is communicated.",
    )

    def copy_data(self, default=None):
        vals_list = super().copy_data(default=default)
        for template, vals in zip(self, vals_list, strict=True):
            vals.setdefault("name", self.env._("%s (copy)", template.name))
        return vals_list
