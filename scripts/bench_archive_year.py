"""Benchmark of the yearly archive (P4.6) on a year of the scale database,
inside `odoo-bin shell` (seed it first with scripts/seed_scale.py):

    BENCH_DB=tf_scale YEAR=2025 BATCHES=5 scripts/bench.sh archive_year

Times the Archive button of the cycle of YEAR (the request only queues the
work), then BATCHES batches of the archive job, the way the cron runs them
(its commits replaced by timestamps), and the documents of the whole year
(the year's test results and observations, in parts of 500 records)
rendered once each, as their batch would. Prints the documents of the year, the rate of
the job in documents per minute, its longest batch, and the time the whole
year takes at that rate. Everything is rolled back.

Without a running Odoo server, wkhtmltopdf cannot fetch the report styles over
HTTP: it renders the pages unstyled, a little faster than a live server does.
"""

import itertools
import os
import time
from unittest.mock import patch

from odoo.addons.training_followup.tools.process_guard import in_process

env = env  # noqa: F821, PLW0127 (provided by odoo-bin shell)
year = int(os.environ.get("YEAR", "2025"))
batches = int(os.environ.get("BATCHES", "5"))
cr = env.cr
officer = env["res.users"].search([("login", "=", "scale_officer")], limit=1)
assert officer, "seed the scale database first (scripts/seed_scale.py)"
Cycle = env["training.followup.cycle"]
cycle = Cycle.search(
    [("company_id", "=", env.company.id), ("year", "=", year)]
) or Cycle.create({"year": year})
# a cycle archived by an earlier run starts again: its state moves in process
in_process(cycle).write(
    {"state": "draft", "summary": f"<p>The follow-up of {year}</p>"}
)
env.flush_all()
env.invalidate_all()

queries = cr.sql_log_count
started = time.perf_counter()
cycle.with_user(officer).action_archive_cycle()
env.flush_all()
request = time.perf_counter() - started
queries = cr.sql_log_count - queries
jobs = cycle._get_archive_jobs()
per_year = [job for job in jobs if ",year" in job[0]]
single = len(jobs) - len(per_year)
kinds = {}
for key, _report, records in jobs:
    kinds[key.split(",")[0]] = kinds.get(key.split(",")[0], 0) + len(records)
print(
    f"ARCHIVE YEAR {year}: {len(jobs)} documents ({single} one record each, "
    f"{len(per_year)} parts of the whole year's) from "
    + ", ".join(f"{count} {model}" for model, count in kinds.items())
)
print(f"ARCHIVE button (queues only): {request:.2f} s, {queries} queries")

marks = [time.perf_counter()]


class Stop(Exception):
    pass


def commit_progress(self, processed=0, *, remaining=None, deactivate=False):
    """Stands for the commit after each batch: notes the time; stops after
    BATCHES batches."""
    self.env.flush_all()
    marks.append(time.perf_counter())
    if len(marks) > batches:
        raise Stop
    return float("inf")


with patch.object(type(env["ir.cron"]), "_commit_progress", commit_progress):
    try:
        Cycle._cron_archive_cycles()
    except Stop:
        pass
elapsed = marks[-1] - marks[0]
printed = cycle.archive_done_count
rate = 60 * printed / elapsed
longest = max(b - a for a, b in itertools.pairwise(marks))
print(
    f"ARCHIVE job: {printed} documents in {len(marks) - 1} batches of "
    f"{type(cycle)._archive_batch_size}, {elapsed:.1f} s: {rate:.0f} documents/min, "
    f"longest batch {longest:.2f} s"
)
year_documents = 0.0
for key, report_ref, records in per_year:
    started = time.perf_counter()
    cycle._prepare_archive_attachment_values(key, env.ref(report_ref), records)
    took = time.perf_counter() - started
    year_documents += took
    print(f"ARCHIVE {key} ({len(records)} records in one PDF): {took:.1f} s")
print(f"ARCHIVE the year's parts: {len(per_year)} PDFs in {year_documents:.1f} s")
total = 60 * single / rate + year_documents
print(
    f"ARCHIVE whole year {year} at this rate: {total / 60:.0f} min in the "
    f"background job"
)
cr.rollback()
