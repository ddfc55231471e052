"""Helpers of the benchmark scripts, imported by them (`from bench_common
import ...`: scripts/bench.sh puts scripts/ on the path of `odoo-bin shell`).
The shell's `env` is passed to every helper."""

import time
import tracemalloc


def bench_employees(env, count):
    """The first `count` employees seeded by bench_seed_employees.py."""
    employees = env["hr.employee"].search(
        [("name", "=like", "Bench employee %")], limit=count, order="id"
    )
    assert len(employees) == count, f"seed {count} employees first"
    return employees


def bench_plan(env, employees, name="Bench course"):
    """A done session of `employees` and its plan with the job-skill template,
    not yet communicated."""
    course = env["training.course"].create({"name": name})
    session = env["training.session"].create(
        {
            "course_id": course.id,
            "date_start": "2026-04-01",
            "date_end": "2026-04-03",
            "participant_ids": [(6, 0, employees.ids)],
        }
    )
    # the state is a process field: set by the session's own action
    session.action_done()
    return env["training.followup.plan"].create(
        {
            "session_id": session.id,
            "template_id": env.ref("training_followup.template_job_skill").id,
        }
    )


def bench_fill_steps(env, plan, target):
    """Copy the steps of the communicated `plan` by SQL, a week later each
    time, until at least `target` steps exist; mark about half done (a fifth
    of them late) and a tenth overdue. Returns the number of steps."""
    cr = env.cr
    env.flush_all()
    cr.execute(
        "SELECT COUNT(*) FROM training_followup_step WHERE plan_id = %s", [plan.id]
    )
    base = cr.fetchone()[0]
    copies = max(-(-target // base) - 1, 0)  # ceiling: at least target steps
    columns = """name, plan_id, followup_id, template_line_id, company_id,
        employee_id, department_id, step_type, responsible, user_id, date_deadline,
        reminder_date, escalation_date, escalation2_date, state, is_late, on_time"""
    cr.execute(
        f"""
        INSERT INTO training_followup_step ({columns})
        SELECT name, plan_id, followup_id, template_line_id, company_id,
               employee_id, department_id, step_type, responsible, user_id,
               date_deadline + copy * 7, reminder_date, escalation_date,
               escalation2_date, state, is_late, on_time
          FROM training_followup_step, generate_series(1, %s) AS copy
         WHERE plan_id = %s
        """,  # noqa: S608 (constant column list)
        [copies, plan.id],
    )
    cr.execute(
        """
        UPDATE training_followup_step
           SET state = CASE WHEN id %% 2 = 0 THEN 'done' ELSE 'todo' END,
               date_done = CASE WHEN id %% 2 = 0 THEN date_deadline END,
               on_time = id %% 2 = 0 AND id %% 5 != 0,
               is_late = (id %% 2 = 0 AND id %% 5 = 0) OR id %% 10 = 1
         WHERE plan_id = %s
        """,
        [plan.id],
    )
    cr.execute("ANALYZE training_followup_step")
    cr.execute(
        "SELECT COUNT(*) FROM training_followup_step WHERE plan_id = %s", [plan.id]
    )
    total = cr.fetchone()[0]
    env.invalidate_all()
    return total


def bench_timed(env, run):
    """(result, wall time in s, SQL queries) of run(), writes flushed."""
    env.flush_all()
    q0 = env.cr.sql_log_count
    t0 = time.perf_counter()
    result = run()
    env.flush_all()
    return result, time.perf_counter() - t0, env.cr.sql_log_count - q0


def bench_peak_memory(env, run):
    """Peak Python memory in MiB of run() repeated under tracemalloc, which
    slows Python down and so never wraps the timed run."""
    env.invalidate_all()
    tracemalloc.start()
    run()
    env.flush_all()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20
