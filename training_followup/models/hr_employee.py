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
        return (
            self.parent_id.user_id
            or self.department_id.manager_id.user_id
            or self.env["res.users"]
        )
