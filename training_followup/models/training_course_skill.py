from odoo import api, fields, models
from odoo.exceptions import ValidationError


class TrainingCourseSkill(models.Model):
    """A skill a course teaches and the level a pass gives (P3.1.1): a
    passed knowledge test, or a closed evaluation at or above the company's
    threshold, raises the participant's level of this skill to it on their
    employee record (training.followup._raise_skills)."""

    _name = "training.course.skill"
    _description = "Skill Taught by a Course"
    _order = "course_id, skill_type_id, skill_id"
    _inherit = ["training.company.link"]
    _company_parent_field = "course_id"

    course_id = fields.Many2one(
        "training.course", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="course_id.company_id", store=True)
    skill_type_id = fields.Many2one("hr.skill.type", required=True, ondelete="cascade")
    skill_id = fields.Many2one(
        "hr.skill",
        required=True,
        ondelete="cascade",
        domain="[('skill_type_id', '=', skill_type_id)]",
    )
    skill_level_id = fields.Many2one(
        "hr.skill.level",
        string="Level Given by a Pass",
        required=True,
        ondelete="cascade",
        domain="[('skill_type_id', '=', skill_type_id)]",
    )
    level_progress = fields.Integer(related="skill_level_id.level_progress")

    _course_skill_unique = models.Constraint(
        "unique(course_id, skill_id)", "A course names each skill once."
    )

    @api.constrains("skill_type_id", "skill_id", "skill_level_id")
    def _check_skill_level(self):
        """A skill and its level belong to the chosen skill type."""
        for line in self:
            if line.skill_id.skill_type_id != line.skill_type_id:
                raise ValidationError(
                    self.env._(
                        "The skill %(skill)s is not a skill of the type %(type)s.",
                        skill=line.skill_id.name,
                        type=line.skill_type_id.name,
                    )
                )
            if line.skill_level_id.skill_type_id != line.skill_type_id:
                raise ValidationError(
                    self.env._(
                        "The level %(level)s is not a level of the skill type "
                        "%(type)s: choose one of its own levels.",
                        level=line.skill_level_id.name,
                        type=line.skill_type_id.name,
                    )
                )

    @api.onchange("skill_type_id")
    def _onchange_skill_type_id(self):
        if self.skill_id.skill_type_id != self.skill_type_id:
            self.skill_id = False
        if self.skill_level_id.skill_type_id != self.skill_type_id:
            self.skill_level_id = False
