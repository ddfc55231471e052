"""Helpers put before every benchmark script by scripts/bench.sh (the scripts
run inside `odoo-bin shell`, where `env` is given)."""


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
            "state": "done",
        }
    )
    return env["training.followup.plan"].create(
        {
            "session_id": session.id,
            "template_id": env.ref("training_followup.template_job_skill").id,
        }
    )
