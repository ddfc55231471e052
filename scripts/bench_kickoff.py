"""Benchmark of the plan kick-off (run inside `odoo-bin shell -d DB`).

    N=2000 scripts/bench.sh kickoff

Takes N employees seeded by shared/bench/bench_seed_employees.py ("Bench
employee %"), makes a done session with them and a plan with the default
job-skill template, and times `action_communicate()` (follow-ups, every dated
step, to-dos, the message): wall time and SQL queries. Rolled back.
"""

import os

from bench_common import bench_employees, bench_plan, bench_timed

env = env  # noqa: F821, PLW0127 (provided by odoo-bin shell)
n = int(os.environ.get("N", "2000"))
cr = env.cr
employees = bench_employees(env, n)
plan = bench_plan(env, employees)
env.flush_all()
env.invalidate_all()
_result, elapsed, queries = bench_timed(env, plan.action_communicate)
print(
    f"KICKOFF N={n}: {elapsed:.2f} s, {queries} queries, "
    f"{len(plan.followup_ids)} follow-ups, {len(plan.step_ids)} steps, "
    f"{len(plan.followup_ids.activity_ids) + len(plan.activity_ids)} to-dos"
)
cr.rollback()
