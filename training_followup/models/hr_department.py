from odoo import models


class HrDepartment(models.Model):
    _inherit = "hr.department"

    def write(self, vals):
        result = super().write(vals)
        if "manager_id" in vals:
            # P2.2: the people of the department may have a new manager
            self.env["hr.employee"].sudo().search(
                [("department_id", "in", self.ids)]
            )._training_sync_managers()
        return result
