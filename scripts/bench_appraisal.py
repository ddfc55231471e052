"""Benchmark of the appraisal scorecards (run inside `odoo-bin shell -d DB`).

    STEPS=200000 scripts/bench.sh appraisal

Kicks off a plan for N seeded employees (default 2,000), copies its steps by
SQL until STEPS steps exist (half done, a fifth of those late, a tenth overdue), gives
every follow-up an evaluated application case, then times Compute Scorecards
of the year 2026 (P5.2): wall time, SQL queries, scorecards, and peak Python
memory on a second run. Rolled back.
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
plan = bench_plan(env, employees, "Bench appraisal course")
plan.action_communicate()
total = bench_fill_steps(env, plan, target)
effects = ["none", "low", "medium", "high"]
env["training.application.case"].create(
    [
        {
            "followup_id": followup.id,
            "name": "Bench case",
            "effect": effects[index % 4],
            "date": "2026-06-15",
        }
        for index, followup in enumerate(plan.followup_ids)
    ]
)
year = {"period_type": "year", "date_from": "2026-01-01"}
Period = env["training.kpi.period"]
period = Period.search([(key, "=", value) for key, value in year.items()])
period = period or Period.create(year)
env.invalidate_all()
_result, elapsed, queries = bench_timed(env, period.action_compute)
cards = len(period.scorecard_ids)
peak = bench_peak_memory(env, period.action_compute)
print(
    f"APPRAISAL {total} steps, {len(plan.followup_ids)} follow-ups: compute "
    f"{elapsed:.3f} s, {queries} queries, {cards} scorecards, "
    f"peak Python memory {peak:.2f} MiB"
)
cr.rollback()
