from odoo import api, fields, models

FOLLOWUP_STATES = [
    ("running", "Running"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
]


class TrainingFollowup(models.Model):
    """One employee and one training: the training application record
    (培训应用档案, P3.2.1) that gathers every result of the follow-up in the one
    follow-up database of P4.2."""

    _name = "training.followup"
    _description = "Training Follow-up"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_end desc, employee_id"
    _rec_name = "employee_id"

    plan_id = fields.Many2one(
        "training.followup.plan", required=True, ondelete="cascade", index=True
    )
    session_id = fields.Many2one(
        related="plan_id.session_id", store=True, index=True, precompute=True
    )
    course_id = fields.Many2one(
        related="plan_id.course_id", store=True, precompute=True
    )
    company_id = fields.Many2one(
        related="plan_id.company_id", store=True, precompute=True
    )
    date_start = fields.Date(related="session_id.date_start", string="Training Start")
    date_end = fields.Date(
        related="session_id.date_end", string="Training End", store=True
    )
    content_summary = fields.Text(related="course_id.content_summary")
    employee_id = fields.Many2one(
        "hr.employee", required=True, ondelete="cascade", index=True
    )
    employee_user_id = fields.Many2one(
        related="employee_id.user_id",
        string="Employee User",
        store=True,
        index=True,
        precompute=True,
    )
    department_id = fields.Many2one(
        "hr.department",
        string="Employing Department",
        compute="_compute_department_id",
        store=True,
        precompute=True,
    )
    manager_user_id = fields.Many2one(
        "res.users",
        string="Manager",
        index=True,
        help="P2.2: the manager of the employing department who evaluates, "
        "observes and guides the employee.",
    )
    state = fields.Selection(FOLLOWUP_STATES, default="running", required=True)
    step_ids = fields.One2many("training.followup.step", "followup_id", string="Steps")
    step_todo_count = fields.Integer(compute="_compute_step_counts")
    step_late_count = fields.Integer(compute="_compute_step_counts")
    step_done_count = fields.Integer(compute="_compute_step_counts")

    _plan_employee_unique = models.Constraint(
        "unique(plan_id, employee_id)", "An employee is followed up once per plan."
    )

    @api.depends("employee_id")
    def _compute_department_id(self):
        for followup in self:
            followup.department_id = followup.employee_id.department_id

    @api.depends("step_ids.state", "step_ids.is_late")
    def _compute_step_counts(self):
        groups = self.env["training.followup.step"]._read_group(
            [("followup_id", "in", self.ids)],
            ["followup_id", "state", "is_late"],
            ["__count"],
        )
        counts = {}
        for followup, state, is_late, count in groups:
            key = "done" if state == "done" else "late" if is_late else "todo"
            counts[followup, key] = counts.get((followup, key), 0) + count
        for followup in self:
            followup.step_done_count = counts.get((followup, "done"), 0)
            followup.step_late_count = counts.get((followup, "late"), 0)
            followup.step_todo_count = counts.get((followup, "todo"), 0)
