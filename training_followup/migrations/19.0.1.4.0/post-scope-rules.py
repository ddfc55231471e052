"""19.0.1.4.0: the record rules of steps, sessions and plans name the
user's follow-ups and people by their ids (`in_my_scope`), which PostgreSQL
serves from its indexes. They are `noupdate` records: an update keeps their
old domains (joins inside an OR, the same records read through a whole
table), so they get the domain the security file now gives."""

from odoo import SUPERUSER_ID, api

SCOPE_RULES = (
    "training_followup.training_followup_step_rule_employee",
    "training_followup.training_session_rule_employee",
    "training_followup.training_followup_plan_rule_employee",
)


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    for xmlid in SCOPE_RULES:
        rule = env.ref(xmlid, raise_if_not_found=False)
        if rule:
            rule.domain_force = "[('in_my_scope', '=', True)]"
