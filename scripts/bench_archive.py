"""Benchmark of the yearly archive (P4.6), run inside `odoo-bin shell -d DB`.

    N=20 scripts/bench.sh archive

Builds a year of N follow-up plans of one participant each (employees of its
own), each with its evaluation, knowledge test, observation, meeting and
improvement action, queues the archive of the cycle of 2026 (the plans' year)
and runs the archive job to completion. Prints the documents printed per
minute and the longest single batch of the job. The job's commits are
replaced by timestamps (no cron worker here): everything is rolled back.

Without a running Odoo server, wkhtmltopdf cannot fetch the report styles over
HTTP: it renders the pages unstyled, a little faster than a live server does.

The job prints the documents of one report GROUP per wkhtmltopdf call on
LANES lanes at once, BATCH documents per commit (default: the model's own
values; GROUP=1 LANES=1 BATCH=10 is the archive before issue 27, one call per
document). The lanes read the documents in transactions of their own, so they
see only what is committed: with LANES above 1 the seeded year is committed
(COMMIT=1, use a database of its own, e.g. BENCH_DB=tf_archive), else the
script runs on one lane.
"""

import itertools
import os
import time
from unittest.mock import patch

from bench_common import bench_plan

from odoo.addons.training_followup.tools.process_guard import in_process

env = env  # noqa: F821, PLW0127 (provided by odoo-bin shell)
n = int(os.environ.get("N", "20"))
Cycle = type(env["training.followup.cycle"])
commit = os.environ.get("COMMIT") == "1"
settings = {
    "_archive_render_group": int(os.environ.get("GROUP", Cycle._archive_render_group)),
    "_archive_render_lanes": int(
        os.environ.get("LANES", Cycle._archive_render_lanes if commit else 1)
    ),
    "_archive_batch_size": int(os.environ.get("BATCH", Cycle._archive_batch_size)),
}
assert commit or settings["_archive_render_lanes"] == 1, "LANES above 1 need COMMIT=1"
for name, value in settings.items():
    setattr(Cycle, name, value)
cr = env.cr
company = env.company
admin = env.ref("base.user_admin")
admin.write(
    {"group_ids": [(4, env.ref("training_followup.group_training_officer").id)]}
)
department = env["hr.department"].create({"name": "Bench archive department"})
employees = env["hr.employee"]
for start in range(0, n, 25):  # batches of 25 (ODOO19.md, performance facts)
    employees |= env["hr.employee"].create(
        [
            {"name": f"Bench archive employee {i}", "department_id": department.id}
            for i in range(start, min(start + 25, n))
        ]
    )

t0 = time.perf_counter()
for index, employee in enumerate(employees):
    plan = bench_plan(env, employee, name=f"Bench archive course {index}")
    plan.action_communicate()
    followup = plan.followup_ids
    env["training.evaluation"].create(
        {"followup_id": followup.id, "strengths": "Careful"}
    )
    env["training.assessment"].create(
        {"followup_id": followup.id, "score": 80, "date": "2026-04-10"}
    )
    env["training.observation"].create(
        {
            "followup_id": followup.id,
            "observed_change": "Uses the checklist",
            "date": "2026-05-10",
        }
    )
    env["training.meeting"].create(
        {
            "name": f"Bench archive meeting {index}",
            "date": "2026-05-20",
            "minutes": "<p>Progress discussed.</p>",
        }
    )
    env["training.improvement.action"].create(
        {
            "name": f"Bench archive measure {index}",
            "department_id": department.id,
            "user_id": admin.id,
            "date_deadline": "2026-12-31",
            "expected_effect": "Fewer errors",
        }
    )
cycle = env["training.followup.cycle"].search(
    [("company_id", "=", company.id), ("year", "=", 2026)]
) or env["training.followup.cycle"].create({"year": 2026})
# a cycle archived by an earlier run starts again: its state moves in process
in_process(cycle).write({"state": "draft", "summary": "<p>Benchmark year</p>"})
env.flush_all()
print(f"SEED {n} plans and their documents in {time.perf_counter() - t0:.1f} s")
if commit:
    cr.commit()

cycle.with_user(admin).action_archive_cycle()
env.flush_all()
total = cycle.archive_total_count
marks = [time.perf_counter()]


def commit_progress(self, processed=0, *, remaining=None, deactivate=False):
    """Stands for the commit after each batch: notes the time."""
    self.env.flush_all()
    marks.append(time.perf_counter())
    return float("inf")


with patch.object(type(env["ir.cron"]), "_commit_progress", commit_progress):
    env["training.followup.cycle"]._cron_archive_cycles()
elapsed = marks[-1] - marks[0]
longest = max(b - a for a, b in itertools.pairwise(marks))
assert cycle.state == "archived", cycle.state
print(
    f"ARCHIVE N={n}: {total} documents in {elapsed:.1f} s, "
    f"{60 * total / elapsed:.0f} documents/min, {len(marks) - 1} batches of "
    f"{Cycle._archive_batch_size}, {Cycle._archive_render_group} per wkhtmltopdf "
    f"call on {Cycle._archive_render_lanes} lanes, longest batch {longest:.2f} s"
)
cr.rollback()
