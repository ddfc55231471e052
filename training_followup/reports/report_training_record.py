from odoo import api, models
from odoo.exceptions import AccessError


class ReportTrainingRecord(models.AbstractModel):
    """The printed training record of employees (P3.2.1, P4.2). Training
    officers and the supervision group print anyone's; an employee prints
    their own and a manager their team's. The employee record is read as
    superuser once that check passed, as training users are not HR users."""

    _name = "report.training_followup.report_training_record"
    _description = "Training Record Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        employees = self.env["hr.employee"].sudo().browse(docids)
        user = self.env.user
        if not user.has_group(
            "training_followup.group_training_officer"
        ) and not user.has_group("training_followup.group_training_supervisor"):
            for employee in employees:
                if user not in (employee.user_id | employee._training_manager_user()):
                    raise AccessError(
                        self.env._(
                            "You may print your own training record and your "
                            "team's only."
                        )
                    )
        return {
            "doc_ids": docids,
            "doc_model": "hr.employee",
            "docs": employees,
        }
