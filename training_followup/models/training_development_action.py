from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools.reader_language import for_document


class TrainingDevelopmentAction(models.Model):
    """A concrete action of a development plan (P3.3.1) with its owner and due
    date; once the plan is active an action is a dated follow-up step, late
    like every other deadline. An action can point to an upcoming session of a
    course to enrol in (P3.3.2)."""

    _name = "training.development.action"
    _description = "Development Action"
    _order = "plan_id, date_deadline, id"
    _check_company_auto = True
    _inherit = ["training.company.link"]
    _company_parent_field = "plan_id"

    plan_id = fields.Many2one(
        "training.development.plan", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="plan_id.company_id", store=True)
    name = fields.Char(string="Action", required=True)
    kind = fields.Selection(
        [
            ("training", "Training to Attend"),
            ("project", "Project"),
            ("mentoring", "Mentoring"),
            ("reading", "Reading"),
            ("other", "Other"),
        ],
        required=True,
        default="training",
    )
    owner_user_id = fields.Many2one(
        "res.users", string="Owner", default=lambda self: self.env.user
    )
    date_deadline = fields.Date(string="Due Date")
    state = fields.Selection(
        [
            ("todo", "To Do"),
            ("in_progress", "In Progress"),
            ("done", "Done"),
            ("cancelled", "Cancelled"),
        ],
        string="Status",
        default="todo",
        required=True,
    )
    progress = fields.Integer(string="Progress (%)")
    session_id = fields.Many2one(
        "training.session",
        string="Session to Attend",
        check_company=True,
        domain="[('state', 'in', ('draft', 'scheduled'))]",
    )
    step_id = fields.Many2one("training.followup.step", readonly=True, copy=False)

    @api.constrains("progress")
    def _check_progress(self):
        if any(not 0 <= action.progress <= 100 for action in self):
            raise ValidationError(self.env._("Progress is a percentage from 0 to 100."))

    def _get_progress(self):
        self.ensure_one()
        return 100 if self.state == "done" else self.progress

    def write(self, vals):
        result = super().write(vals)
        steps = self.step_id.sudo()
        if vals.get("state") == "done":
            steps.filtered(lambda s: s.state == "todo")._mark_done()
        elif vals.get("state") == "cancelled":
            steps._cancel("source_cancelled")
        elif {"date_deadline", "owner_user_id"} & set(vals):
            # P3.3.1: a rescheduled action moves its step and to-do
            for action in self.filtered("step_id"):
                action.step_id.sudo()._move(
                    action.date_deadline,
                    action.step_id._get_responsible_user(
                        "employee",
                        action.step_id.followup_id,
                        action.step_id.plan_id,
                        action.owner_user_id,
                    ),
                )
        return result

    def action_enroll(self):
        """P3.3.2: enrol the employee in the linked upcoming session."""
        for action in self:
            session = action.session_id
            if not session or session.state not in ("draft", "scheduled"):
                raise UserError(self.env._("Choose an upcoming session to enrol in."))
            session.sudo().participant_ids = [
                fields.Command.link(action.plan_id.employee_id.id)
            ]
            # P1.3: the employee's plan speaks the employee's language
            plan = for_document(action.plan_id)
            plan.message_post(
                body=plan.env._(
                    "%(employee)s enrolled in %(session)s.",
                    employee=plan.employee_id.name,
                    session=session.with_env(plan.env).name,
                )
            )
            if action.state == "todo":
                action.state = "in_progress"
        return True

    def _open_deadline_steps(self):
        """Actions with a due date become dated steps of the follow-up."""
        actions = self.filtered(
            lambda a: (
                a.date_deadline
                and a.plan_id.followup_id
                and not a.step_id
                and a.state in ("todo", "in_progress")
            )
        )
        steps = self.env["training.followup.step"]._create_steps(
            [
                {
                    "plan_id": action.plan_id.followup_id.plan_id.id,
                    "followup_id": action.plan_id.followup_id.id,
                    "name": action.name,
                    "step_type": "development_action",
                    "responsible": "employee",
                    "user_id": action.owner_user_id.id,
                    "date_deadline": action.date_deadline,
                }
                for action in actions
            ]
        )
        for action, step in zip(actions, steps, strict=True):
            action.sudo().step_id = step
        return steps
