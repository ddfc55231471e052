"""19.0.1.6.0 (data after the update).

P3.1.1, P4.2: each follow-up keeps one line of type Training on its
employee's resume (`training.followup.resume_line_id`). The follow-ups made
before this version get theirs now, with their current results: every
running or done follow-up, in batches of a fixed size through the
follow-up's own sync (one create and two translation updates per batch).
Skills are not raised for results recorded before this version: no course
named its skills then.
"""

from odoo import SUPERUSER_ID, api

BATCH = 500


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    Followup = env["training.followup"].with_context(active_test=False)
    followups = Followup.search(
        [("state", "in", ("running", "done")), ("resume_line_id", "=", False)],
        order="id",
    )
    for start in range(0, len(followups), BATCH):
        batch = followups[start : start + BATCH]
        batch._sync_resume_lines()
        env.flush_all()
        env.invalidate_all()
