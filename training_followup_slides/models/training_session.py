from odoo import fields, models
from odoo.addons.training_followup.models.training_session import TrainingSession

ELEARNING_OFFICER_GROUP = "website_slides.group_website_slides_officer"


class TrainingSessionSlides(models.Model):
    """A session made by the completions of an eLearning course in one month
    (P4.1): each participant's day 0 is the day they completed the course."""

    _inherit = "training.session"
    # P4.1: the eLearning course is linked by the completions, never by hand
    _process_fields = (*TrainingSession._process_fields, "slide_channel_id")

    slide_channel_id = fields.Many2one(
        "slide.channel",
        string="eLearning Course",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
        help="The eLearning course whose completions in the month of this "
        "session make its participants.",
    )

    def _get_day_zero(self, employees):
        """P4.1: a participant who completed the eLearning course counts from
        the day they completed it."""
        days = super()._get_day_zero(employees)
        if not self.slide_channel_id:
            return days
        memberships = (
            self.env["slide.channel.partner"]
            .sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("training_session_id", "=", self.id),
                    ("training_employee_id", "in", employees.ids),
                    ("training_completion_date", "!=", False),
                ]
            )
        )
        days.update(
            {
                membership.training_employee_id.id: membership.training_completion_date
                for membership in memberships
            }
        )
        return days

    def action_view_slide_channel(self):
        """The eLearning course: its form for an eLearning officer, its page
        on the website for anyone else."""
        self.ensure_one()
        channel = self.slide_channel_id
        if self.env.user.has_group(ELEARNING_OFFICER_GROUP):
            return {
                "type": "ir.actions.act_window",
                "res_model": "slide.channel",
                "res_id": channel.id,
                "view_mode": "form",
                "views": [(False, "form")],
            }
        return {
            "type": "ir.actions.act_url",
            "url": channel.sudo().website_url,
            "target": "self",
        }
