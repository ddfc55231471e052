"""19.0.1.4.0 (layout): the SQL view of the questionnaire ratings is
`training.satisfaction.analysis`, no longer `training.satisfaction.report`
(P3.1.4; a view, it holds no data).

Runs after the update loaded the new model, its action and its rule, before
Odoo removes what the update no longer declares:
- the users' saved filters of the old view follow it to the new one (removing
  the old action would delete them);
- the old multi-company rule is a `noupdate` record: the update created the
  rule of the new model, and the old one goes with its external id, which
  would otherwise stay behind pointing at nothing.
"""

from odoo import SUPERUSER_ID, api

OLD_MODEL = "training.satisfaction.report"
NEW_MODEL = "training.satisfaction.analysis"
OLD_ACTION = "training_followup.training_satisfaction_report_action"
NEW_ACTION = "training_followup.training_satisfaction_analysis_action"
OLD_RULE = "training_satisfaction_report_rule_company"


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    new_action = env.ref(NEW_ACTION)
    old_action = env.ref(OLD_ACTION, raise_if_not_found=False)
    cr.execute(
        "UPDATE ir_filters SET model_id = %s WHERE model_id = %s",
        (NEW_MODEL, OLD_MODEL),
    )
    if old_action:
        cr.execute(
            "UPDATE ir_filters SET action_id = %s WHERE action_id = %s",
            (new_action.id, old_action.id),
        )
    old_rule = env.ref(f"training_followup.{OLD_RULE}", raise_if_not_found=False)
    if old_rule:
        old_rule.unlink()
    env["ir.model.data"].search(
        [
            ("module", "=", "training_followup"),
            ("name", "=", OLD_RULE),
        ]
    ).unlink()
