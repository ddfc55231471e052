"""Benchmark of the plan kick-off (run inside `odoo-bin shell -d DB`).

    N=2000 scripts/bench.sh kickoff

Takes N employees seeded by shared/bench/bench_seed_employees.py ("Bench
employee %"), makes a done session with them and a plan with the default
job-skill template, and times `action_communicate()` (follow-ups, every dated
step, to-dos, the message): wall time and SQL queries. Rolled back.
"""

import os
import time

env = env  # noqa: F821, PLW0127 (provided by odoo-bin shell)
n = int(os.environ.get("N", "2000"))
cr = env.cr
employees = env["hr.employee"].search(
    [("name", "=like", "Bench employee %")], limit=n, order="id"
)
assert len(employees) == n, f"seed {n} employees first (bench_seed_employees.py)"
course = env["training.course"].create({"name": "Bench course"})
session = env["training.session"].create(
    {
        "course_id": course.id,
        "date_start": "2026-04-01",
        "date_end": "2026-04-03",
        "participant_ids": [(6, 0, employees.ids)],
        "state": "done",
    }
)
plan = env["training.followup.plan"].create(
    {
        "session_id": session.id,
        "template_id": env.ref("training_followup.template_job_skill").id,
    }
)
env.flush_all()
env.invalidate_all()
q0 = cr.sql_log_count
t0 = time.perf_counter()
plan.action_communicate()
env.flush_all()
elapsed = time.perf_counter() - t0
queries = cr.sql_log_count - q0
print(
    f"KICKOFF N={n}: {elapsed:.2f} s, {queries} queries, "
    f"{len(plan.followup_ids)} follow-ups, {len(plan.step_ids)} steps, "
    f"{len(plan.followup_ids.activity_ids) + len(plan.activity_ids)} to-dos"
)
cr.rollback()
