from odoo import api, fields, models


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    # P3.2.1 / P3.1.1: the employee's training record (员工培训档案).
    training_session_ids = fields.Many2many(
        "training.session",
        "training_session_participant_rel",
        "employee_id",
        "session_id",
        string="Training Record",
        groups="hr.group_hr_user",
    )
    training_followup_ids = fields.One2many(
        "training.followup",
        "employee_id",
        string="Training Follow-ups",
        groups="hr.group_hr_user",
    )
    training_development_completion = fields.Float(
        string="Development Plan Completion",
        compute="_compute_training_development_completion",
        groups="hr.group_hr_user",
        help="Completion of the employee's active personal development plan.",
    )
    training_session_count = fields.Integer(
        compute="_compute_training_session_count",
        groups="hr.group_hr_user",
    )

    @api.depends("training_session_ids")
    def _compute_training_session_count(self):
        for employee in self:
            employee.training_session_count = len(employee.training_session_ids)

    def _compute_training_development_completion(self):
        plans = self.env["training.development.plan"].search(
            [("employee_id", "in", self.ids), ("state", "=", "active")]
        )
        completion = {plan.employee_id.id: plan.completion for plan in plans}
        for employee in self:
            employee.training_development_completion = completion.get(employee.id, 0.0)

    @api.model
    def _training_people_of_user(self):
        """(hierarchy, department) ids of the employees the current user
        follows up: themselves and everybody under them (parent_id), and the
        members of the departments they manage, archived ones included as in
        a join. The record rules of the big tables (steps, sessions, plans)
        take these as lists of ids: PostgreSQL then combines the indexes of
        each condition, where the same conditions written as joins inside an
        OR make it read the whole table (a million steps)."""
        user = self.env.user
        # sudo: Odoo 19 keeps the department on the employee's version, which
        # only HR officers read; the ids only feed the user's own record rules
        Employee = self.sudo().with_context(active_test=False)
        hierarchy = (
            Employee.search([("id", "child_of", user.employee_ids.ids)]).ids
            if user.employee_ids
            else []
        )
        department = Employee.search(
            [("department_id.manager_id.user_id", "=", user.id)]
        ).ids
        return hierarchy, department

    def action_view_training_sessions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "training_followup.training_session_action"
        )
        action["domain"] = [("participant_ids", "in", self.ids)]
        action["context"] = {"default_participant_ids": [self.id]}
        return action

    def _training_manager_user(self):
        """P2.2: the user who follows this employee up for the employing
        department: their manager, else their department's manager."""
        self.ensure_one()
        # sudo: Odoo 19 keeps the department on the employee's version, which
        # only HR officers read; a training officer needs the manager to start
        # the follow-up (P4.1), and learns no more than the manager's user
        employee = self.sudo()
        # a manager who left the company no longer follows anybody up
        managers = (employee.parent_id | employee.department_id.manager_id).filtered(
            lambda m: m.active and m != employee
        )
        user = (
            managers.filtered(lambda m: m == employee.parent_id).user_id
            or managers.user_id[:1]
        ).filtered("active")
        return user.with_env(self.env)

    def write(self, vals):
        result = super().write(vals)
        if vals.get("active") is False:
            self._training_left()
        if {"parent_id", "department_id", "active"} & set(vals):
            self._training_sync_managers()
        return result

    def _training_left(self):
        """The employee left the company (archived): their follow-ups end and
        the steps they held as a peer or manager go to others."""
        Followup = self.env["training.followup"].sudo()
        Followup.search(
            [("employee_id", "in", self.ids), ("state", "=", "running")]
        )._end("employee_archived")
        users = self.sudo().user_id
        peer_steps = (
            self.env["training.followup.step"]
            .sudo()
            .search(
                [
                    ("user_id", "in", users.ids),
                    ("state", "=", "todo"),
                    ("responsible", "=", "peer"),
                    ("followup_id.manager_user_id", "not in", users.ids),
                ]
            )
        )
        # a peer who left evaluates nobody any more
        peer_steps._cancel("employee_archived")

    def _training_sync_managers(self):
        """The managers of these employees (or of the people they manage)
        may have changed: the running follow-ups follow (P2.2)."""
        self.env["training.followup"].sudo().search(
            [
                ("state", "=", "running"),
                "|",
                ("employee_id", "in", self.ids),
                ("manager_user_id", "in", self.sudo().user_id.ids),
            ]
        )._sync_manager()
