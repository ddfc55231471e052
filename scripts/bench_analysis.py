"""Benchmark of the analysis views (run inside `odoo-bin shell -d DB`).

    STEPS=200000 scripts/bench.sh analysis

Kicks off a plan for N seeded employees (default 2,000: 42,006 steps),
copies its steps by SQL until STEPS steps exist, marks about half done (a
fifth of them late) and a tenth overdue, then times the grouped reads the
pivot and graph views make: the on-time rate by step type and responsible
party, by month of the deadline, and the follow-up analysis by course and
grade. Wall time, SQL queries, peak Python memory. Rolled back.
"""

import os

from bench_common import (
    bench_employees,
    bench_fill_steps,
    bench_peak_memory,
    bench_plan,
    bench_timed,
)

env = env  # noqa: F821, PLW0127 (provided by odoo-bin shell)
n = int(os.environ.get("N", "2000"))
target = int(os.environ.get("STEPS", "200000"))
cr = env.cr
employees = bench_employees(env, n)
plan = bench_plan(env, employees, "Bench analysis course")
plan.action_communicate()
env.flush_all()
total = bench_fill_steps(env, plan, target)
env.invalidate_all()

Steps = env["training.followup.step.analysis"]
Followups = env["training.followup.analysis"]
readings = {
    "on-time rate by step type x responsible": lambda: Steps._read_group(
        [("plan_id", "=", plan.id)],
        ["step_type", "responsible"],
        ["on_time_rate:avg", "late_count:sum", "__count"],
    ),
    "on-time rate by month of the deadline": lambda: Steps._read_group(
        [("plan_id", "=", plan.id)], ["date_deadline:month"], ["on_time_rate:avg"]
    ),
    "follow-ups by course x grade": lambda: Followups._read_group(
        [("plan_id", "=", plan.id)],
        ["course_id", "grade"],
        ["test_score:avg", "on_time_rate:avg", "__count"],
    ),
}
for label, read in readings.items():
    groups, elapsed, queries = bench_timed(env, read)
    peak = bench_peak_memory(env, read)
    print(
        f"ANALYSIS {total} steps, {label}: {elapsed:.3f} s, "
        f"{queries} queries, {len(groups)} groups, "
        f"peak Python memory {peak:.2f} MiB"
    )
cr.rollback()
