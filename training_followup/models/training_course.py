from odoo import api, fields, models
from odoo.exceptions import ValidationError

COURSE_TYPES = [
    ("onboarding", "New-hire Onboarding"),
    ("job_skill", "Job Skill"),
    ("management", "Management Ability"),
    ("professional", "Professional Knowledge"),
    ("other", "Other"),
]


class TrainingCourse(models.Model):
    """What is taught (P1.2); its objectives are the yardstick of the follow-up
    (P1.3 goal-oriented)."""

    _name = "training.course"
    _description = "Training Course"
    _inherit = ["mail.thread"]
    _order = "name"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True, translate=True)
    active = fields.Boolean(default=True)
    course_type = fields.Selection(
        COURSE_TYPES,
        string="Training Type",
        required=True,
        default="job_skill",
        tracking=True,
        help="Every internal training belongs to one of these kinds.",
    )
    objectives = fields.Html(
        help="The stated objectives the follow-up is measured against.",
    )
    content_summary = fields.Text(
        help="Summary of what is taught, copied into each training application record.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    cost_per_participant = fields.Monetary(
        currency_field="currency_id",
        help="Cost of training one participant, used for the training's return on "
        "investment.",
    )
    objective_ids = fields.One2many(
        "training.course.objective",
        "course_id",
        string="Measurable Objectives",
        help="The follow-up report states whether each was attained.",
    )
    skill_ids = fields.One2many(
        "training.course.skill",
        "course_id",
        string="Skills Taught",
        help="The skills this course teaches and the level a pass gives: a "
        "passed knowledge test (or an evaluation at or above the company's "
        "threshold) raises the participant's level to it.",
    )
    session_ids = fields.One2many("training.session", "course_id", string="Sessions")
    session_count = fields.Integer(compute="_compute_session_count")

    @api.depends("session_ids")
    def _compute_session_count(self):
        counts = dict(
            self.env["training.session"]._read_group(
                [("course_id", "in", self.ids)], ["course_id"], ["__count"]
            )
        )
        for course in self:
            course.session_count = counts.get(course, 0)

    @api.constrains("cost_per_participant")
    def _check_cost_per_participant(self):
        if any(course.cost_per_participant < 0 for course in self):
            raise ValidationError(
                self.env._("The cost per participant cannot be negative.")
            )

    def action_view_sessions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "training_followup.training_session_action"
        )
        action["domain"] = [("course_id", "=", self.id)]
        action["context"] = {"default_course_id": self.id}
        return action
