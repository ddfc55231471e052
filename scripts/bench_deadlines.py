"""Benchmark of the daily deadline action (run inside `odoo-bin shell -d DB`).

    N=200000 DUE=2000 scripts/bench.sh deadlines

Seeds N open follow-up steps of which DUE need action today (half a reminder,
half an escalation of a late step), spread over 200 benchmark users, runs one
`_cron_process_deadlines()` and prints its wall time and SQL query count, then
the peak Python memory of the same run repeated under tracemalloc. Everything
is rolled back; only the benchmark users (created once, "Bench user %") stay.
The scheduler's commits are disabled for the run.
"""

import os
import time
from datetime import timedelta
from unittest.mock import patch

from bench_common import bench_peak_memory, bench_timed

from odoo import fields

env = env  # noqa: F821, PLW0127 (provided by odoo-bin shell)
n = int(os.environ.get("N", "200000"))
due = int(os.environ.get("DUE", "2000"))
cr = env.cr

Users = env["res.users"].with_context(no_reset_password=True, mail_create_nolog=True)
users = Users.search([("login", "=like", "bench_user_%")], order="id")
for start in range(len(users), 200, 25):
    Users.create(
        [
            {
                "name": f"Bench user {i}",
                "login": f"bench_user_{i}",
                "email": f"b{i}@example.com",
            }
            for i in range(start, min(start + 25, 200))
        ]
    )
    cr.commit()
users = Users.search([("login", "=like", "bench_user_%")], order="id")

course = env["training.course"].create({"name": "Bench course"})
employee = env["hr.employee"].search([], limit=1)
session = env["training.session"].create(
    {
        "course_id": course.id,
        "date_start": "2020-01-01",
        "date_end": "2020-01-02",
        "participant_ids": [(6, 0, employee.ids)],
    }
)
# the state is a process field: set by the session's own action
session.action_done()
plan = env["training.followup.plan"].create(
    {
        "session_id": session.id,
        "template_id": env.ref("training_followup.template_job_skill").id,
    }
)
today = fields.Date.context_today(plan)
far = today + timedelta(days=400)
env.flush_all()
t0 = time.perf_counter()
cr.execute(
    """
    INSERT INTO training_followup_step (
        name, plan_id, company_id, step_type, responsible, user_id, state,
        is_late, on_time, date_deadline, reminder_date, escalation_date,
        escalation2_date)
    SELECT jsonb_build_object('en_US', 'Bench step ' || g), %(plan)s, %(company)s,
        'progress_report', 'employee',
        (%(users)s::int[])[1 + g %% %(nusers)s], 'todo', FALSE, FALSE,
        CASE WHEN g < %(half)s THEN %(today)s::date + 2
             WHEN g < %(due)s THEN %(today)s::date - 5
             ELSE %(far)s::date END,
        CASE WHEN g < %(half)s THEN %(today)s::date
             WHEN g < %(due)s THEN %(today)s::date - 7
             ELSE %(far)s::date - 2 END,
        CASE WHEN g < %(half)s THEN %(far)s::date
             WHEN g < %(due)s THEN %(today)s::date
             ELSE %(far)s::date + 3 END,
        %(far)s::date + 6
    FROM generate_series(0, %(n)s - 1) AS g
    """,
    {
        "plan": plan.id,
        "company": plan.company_id.id,
        "users": users.ids,
        "nusers": len(users),
        "half": due // 2,
        "due": due,
        "n": n,
        "today": today,
        "far": far,
    },
)
cr.execute("ANALYZE training_followup_step")
print(f"SEED {n} open steps, {due} due, in {time.perf_counter() - t0:.1f} s")

Step = env["training.followup.step"]
env.invalidate_all()
with patch.object(
    type(env["ir.cron"]), "_commit_progress", lambda self, processed=0, **kw: 1e9
):
    # timed run, then the same run again under tracemalloc (which slows Python
    # down) for the memory: the first is undone by a savepoint
    cr.execute("SAVEPOINT bench_deadlines")
    _result, elapsed, queries = bench_timed(env, Step._cron_process_deadlines)
    cr.execute("ROLLBACK TO SAVEPOINT bench_deadlines")
    peak = bench_peak_memory(env, Step._cron_process_deadlines)
cr.execute(
    "SELECT count(*) FILTER (WHERE reminder_sent_date = %s),"
    " count(*) FILTER (WHERE escalation_sent_date = %s),"
    " count(*) FILTER (WHERE is_late) FROM training_followup_step WHERE plan_id = %s",
    (today, today, plan.id),
)
reminded, escalated, late = cr.fetchone()
mails = env["mail.mail"].search_count(
    [("create_date", ">=", fields.Datetime.now() - timedelta(hours=1))]
)
print(
    f"DEADLINES open={n} due={due}: {elapsed:.2f} s, {queries} queries, "
    f"peak {peak:.1f} MiB; reminded {reminded}, escalated {escalated}, late {late}, "
    f"mails {mails}"
)
cr.rollback()
