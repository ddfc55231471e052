from odoo import models
from odoo.exceptions import UserError


class TrainingCompanyLink(models.AbstractModel):
    """A record whose company is its parent's (P2: each company keeps its own
    follow-up). Odoo's company check compares a record's company with the
    companies of what it links to; here the company *follows* the parent, so
    linking the record to a parent of another company would move it there
    silently. A record stays in its company: its parent may change only to one
    of the same company."""

    _name = "training.company.link"
    _description = "Record Kept in its Parent's Company"
    # the Many2one whose company the record's company is, set by each model
    _company_parent_field = None

    def write(self, vals):
        self._check_parent_company(vals)
        return super().write(vals)

    def _check_parent_company(self, vals):
        name = self._company_parent_field
        if not name or not vals.get(name):
            return
        parent = self.env[self._fields[name].comodel_name].browse(vals[name]).sudo()
        for record in self.sudo():
            if record.company_id and record.company_id != parent.company_id:
                raise UserError(
                    self.env._(
                        "“%(record)s” belongs to the company %(company)s: it cannot "
                        "be linked to “%(parent)s” of the company %(other)s.",
                        record=record.display_name,
                        company=record.company_id.name,
                        parent=parent.display_name,
                        other=parent.company_id.name or self.env._("no company"),
                    )
                )
