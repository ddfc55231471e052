"""Benchmark of the XLSX export (run inside `odoo-bin shell -d DB`).

    ROWS=20000 scripts/bench.sh export

Kicks off a plan for enough seeded employees ("Bench employee %", from
shared/bench/bench_seed_employees.py) to have ROWS steps (21 per participant
with the job-skill template), then times the export wizard building the
workbook: wall time and SQL queries, then the peak Python memory of a second
run under tracemalloc, and the size of the file. Rolled back.
"""

import os

from bench_common import bench_employees, bench_peak_memory, bench_plan, bench_timed

env = env  # noqa: F821, PLW0127 (provided by odoo-bin shell)
rows = int(os.environ.get("ROWS", "20000"))
cr = env.cr
per_participant = 21  # dated steps of one participant with the job-skill template
employees = bench_employees(env, rows // per_participant + 1)
plan = bench_plan(env, employees, "Bench export course")
plan.action_communicate()
steps = env["training.followup.step"].search_count([("plan_id", "=", plan.id)])
wizard = env["training.followup.export"].create({"plan_id": plan.id})
env.flush_all()
env.invalidate_all()
content, elapsed, queries = bench_timed(env, wizard._build_workbook)
peak = bench_peak_memory(env, wizard._build_workbook)
print(
    f"EXPORT {len(employees)} participants, {steps} step rows "
    f"(+{len(employees)} participant rows): {elapsed:.2f} s, "
    f"{queries} queries, peak Python memory {peak:.1f} MiB, "
    f"file {len(content) / 2**20:.1f} MiB"
)
cr.rollback()
