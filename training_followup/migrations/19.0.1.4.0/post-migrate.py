"""19.0.1.4.0 (data fixes after the update): the plan state "Communicated"
is gone.

Communicating a plan (P4.1) has always started it at once: the code sets
"running" with the day it was communicated and never set "communicated",
which was read only where "running" means the same. A plan a database still
holds in that state runs.
"""


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        "UPDATE training_followup_plan SET state = 'running' "
        "WHERE state = 'communicated'"
    )
