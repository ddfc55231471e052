from odoo import api, fields, models

from ..tools.reader_language import in_every_language


class TrainingFollowupStepSource(models.AbstractModel):
    """A record whose deadline is a follow-up step (P1.3): an improvement
    action (P4.5) or a rectification demand (P5.1). Its responsible person
    gets the step, the to-do, the reminder and the escalations; moving the
    deadline or the person moves the step."""

    _name = "training.followup.step.source"
    _description = "Record with a Follow-up Deadline"
    # the step's Many2one to the record and the step type, set by each model
    _step_field = None
    _step_type = None

    department_id = fields.Many2one(
        "hr.department", required=True, tracking=True, check_company=True
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible Person",
        required=True,
        tracking=True,
        check_company=True,
        domain=[("share", "=", False)],
    )
    date_deadline = fields.Date(string="Deadline", required=True, tracking=True)
    step_id = fields.Many2one("training.followup.step", readonly=True, copy=False)

    @api.onchange("department_id")
    def _onchange_department_id(self):
        manager_user = self.department_id.sudo().manager_id.user_id
        if manager_user and not self.user_id:
            self.user_id = manager_user

    def _get_step_name(self):
        """The name of the step (and to-do) of this record."""
        raise NotImplementedError

    def _open_deadline_steps(self):
        """The deadline of each record becomes a step of its responsible
        person, with the first to-do; the person follows the record."""
        vals_list = [
            {
                "name": in_every_language(
                    self.env,
                    lambda env, record=record: record.with_env(env)._get_step_name(),
                ),
                self._step_field: record.id,
                "step_type": self._step_type,
                "responsible": record._get_step_responsible(),
                "user_id": record.user_id.id,
                "date_deadline": record.date_deadline,
            }
            for record in self
        ]
        steps = self.env["training.followup.step"]._create_steps(vals_list)
        for record, step in zip(self, steps, strict=True):
            record.sudo().step_id = step
            record.message_subscribe(partner_ids=record.user_id.partner_id.ids)
        return steps

    def _get_step_responsible(self):
        """The role of the responsible person: the department's manager or
        one of its people."""
        self.ensure_one()
        manager_user = self.sudo().department_id.manager_id.user_id
        return "manager" if self.user_id == manager_user else "employee"

    def _sync_step(self):
        """The deadline or the responsible person changed: the open step and
        its to-do move with them."""
        for record in self:
            record.step_id.sudo()._move(record.date_deadline, record.user_id)
