from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools.process_guard import process_action


class TrainingCareerReview(models.Model):
    """The yearly career-development review (定期职业发展评估, P3.3.3): goal
    completion, knowledge and skill gains, performance, feedback and the plan's
    adjustment, done by the manager with the employee."""

    _name = "training.career.review"
    _description = "Career Review"
    # its chatter is written in its employee's language (reader_language)
    _training_reader_employee = "employee_id"
    _inherit = ["mail.thread", "training.company.link", "training.process.guard"]
    # P3.3: a review is confirmed with its button
    _process_fields = ("state", "new_plan_id")
    _check_company_auto = True
    _company_parent_field = "plan_id"
    _order = "date desc, id desc"

    plan_id = fields.Many2one(
        "training.development.plan", required=True, ondelete="cascade", index=True
    )
    employee_id = fields.Many2one(related="plan_id.employee_id", store=True)
    company_id = fields.Many2one(related="plan_id.company_id", store=True)
    date = fields.Date(default=fields.Date.context_today, required=True)
    reviewer_id = fields.Many2one("res.users", default=lambda self: self.env.user)
    line_ids = fields.One2many(
        "training.career.review.line", "review_id", string="Goal Completion"
    )
    skill_gains = fields.Text(string="Knowledge and Skill Gains")
    performance = fields.Text()
    feedback = fields.Text()
    adjustments = fields.Text()
    new_plan_id = fields.Many2one(
        "training.development.plan",
        string="Adjusted Plan",
        readonly=True,
        check_company=True,
    )
    state = fields.Selection(
        [("draft", "Draft"), ("done", "Confirmed")], default="draft", tracking=True
    )

    @api.model_create_multi
    def create(self, vals_list):
        reviews = super().create(vals_list)
        for review in reviews.filtered(lambda r: not r.line_ids):
            review.line_ids = [
                fields.Command.create(
                    {"goal_id": goal.id, "completion": goal._get_progress()}
                )
                for goal in review.plan_id.goal_ids
            ]
        return reviews

    @process_action
    def action_confirm(self, adjusted_goals=None):
        """Confirm the review: goals take the reviewed completion; with
        `adjusted_goals` (values for new goals) the plan gets a new version and
        the old one stays readable."""
        self.ensure_one()
        plan = self.plan_id
        if self.state != "draft" or plan.state != "active":
            raise UserError(
                self.env._("Only a draft review of an active plan can be confirmed.")
            )
        if not plan._is_manager():
            raise UserError(
                self.env._("The manager or a training officer confirms the review.")
            )
        # P3.3.3, P5.2: the employee never confirms the review of their own plan
        if plan.employee_user_id == self.env.user:
            raise UserError(
                self.env._(
                    "You cannot confirm the review of your own development plan: "
                    "your manager or a training officer confirms it."
                )
            )
        for line in self.line_ids:
            line.goal_id.sudo().progress = line.completion
        values = {}
        if adjusted_goals:
            values["goal_ids"] = [
                fields.Command.create(goal) for goal in adjusted_goals
            ]
        if adjusted_goals or self.adjustments:
            self.new_plan_id = plan._new_version(values)
        self.state = "done"
        if plan.followup_id:
            plan.followup_id._done_steps("career_review", record=self)
            # P3.3.3: the review recurs while the plan (or its new version) runs
            (self.new_plan_id or plan)._create_review_steps(start=self.date)
        return True
