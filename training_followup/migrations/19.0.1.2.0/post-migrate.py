"""19.0.1.2.0: every deadline ends when its reason ends.

- The open steps of closed plans are cancelled (reason: plan closed) and
  their to-dos removed: a closed plan no longer reminds anybody.
- A meeting covers several plans: its old plan becomes its first plan covered.
- A development plan version replaced by a career review is "replaced", no
  longer "closed", so that its actions stop counting in the appraisal.
"""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    closed = env["training.followup.plan"].search([("state", "=", "closed")])
    closed.step_ids._cancel("plan_closed")

    cr.execute(
        "SELECT 1 FROM information_schema.columns "
        "WHERE table_name = 'training_meeting' AND column_name = 'plan_id'"
    )
    if cr.fetchone():
        field = env["training.meeting"]._fields["plan_ids"]
        cr.execute(
            f"""
            INSERT INTO {field.relation} ({field.column1}, {field.column2})
            SELECT id, plan_id FROM training_meeting WHERE plan_id IS NOT NULL
            ON CONFLICT DO NOTHING
            """  # noqa: S608 (the names are the field's own)
        )

    cr.execute(
        """
        UPDATE training_development_plan old
           SET state = 'replaced'
         WHERE old.state = 'closed'
           AND EXISTS (SELECT 1 FROM training_development_plan new
                        WHERE new.previous_version_id = old.id)
        """
    )
