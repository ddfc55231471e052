from odoo import fields, models


class TrainingCareerReviewLine(models.Model):
    _name = "training.career.review.line"
    _check_company_auto = True
    _description = "Career Review Goal"

    review_id = fields.Many2one(
        "training.career.review", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="review_id.company_id", store=True)
    goal_id = fields.Many2one(
        "training.development.goal", required=True, check_company=True
    )
    completion = fields.Integer(string="Completion (%)")
    comment = fields.Char()
