"""19.0.1.3.0: one multi-company rule, the same for every model.

The multi-company rules are `noupdate` records: an update leaves their old
domains (equivalent for the records they filter, but written three ways).
Every one of them gets the domain the security file now gives; the rules
that were missing are created by the update itself.
"""

from odoo import SUPERUSER_ID, api

MULTI_COMPANY_DOMAIN = (
    "['|', ('company_id', '=', False), ('company_id', 'in', company_ids)]"
)


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    data = env["ir.model.data"].search(
        [("module", "=", "training_followup"), ("model", "=", "ir.rule")]
    )
    rules = env["ir.rule"].browse(
        data.filtered(lambda d: d.name.endswith("_rule_company")).mapped("res_id")
    )
    rules.exists().write({"domain_force": MULTI_COMPANY_DOMAIN})
