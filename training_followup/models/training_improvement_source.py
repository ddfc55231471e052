from odoo import fields, models


class TrainingImprovementSource(models.AbstractModel):
    """A record whose problems become improvement actions (P4.5): a
    follow-up report, a meeting or an inspection. Each model names the
    action's field pointing to it and the text the new action starts from."""

    _name = "training.improvement.source"
    _description = "Source of Improvement Actions"
    # the Many2one of training.improvement.action pointing to this model
    _improvement_field = None

    improvement_action_count = fields.Integer(
        string="Improvement Actions", compute="_compute_improvement_action_count"
    )

    def _compute_improvement_action_count(self):
        counts = dict(
            self.env["training.improvement.action"]._read_group(
                [(self._improvement_field, "in", self.ids)],
                [self._improvement_field],
                ["__count"],
            )
        )
        for record in self:
            record.improvement_action_count = counts.get(record, 0)

    def _get_improvement_description(self):
        """The problem as the new action's description starts from."""
        return False

    def action_new_improvement_action(self):
        """The form of a new measure for a problem found here."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "training_followup.training_improvement_action_action"
        )
        action.update(
            {
                "views": [(False, "form")],
                "view_mode": "form",
                "context": {
                    f"default_{self._improvement_field}": self.id,
                    "default_company_id": self.company_id.id,
                    "default_description": self._get_improvement_description(),
                },
            }
        )
        return action

    def action_view_improvement_actions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "training_followup.training_improvement_action_action"
        )
        action["domain"] = [(self._improvement_field, "=", self.id)]
        action["context"] = {f"default_{self._improvement_field}": self.id}
        return action
