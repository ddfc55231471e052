"""Seed a company-scale database (issue 16, P4.2/P4.3/P4.6), inside
`odoo-bin shell` (scripts/bench.sh seed_scale with BENCH_DB=tf_scale).

- The organisation, by the ORM (the users' password, PASSWORD, hashed
  once), committed in small batches (Odoo 19 creates employees in time
  quadratic in the number per transaction): 100
  departments of EMPLOYEES employees (the first holds 500), each with its
  department manager and team leads of TEAM people; logins for the
  managers, the team leads, one employee in LOGIN_EVERY, and one user per
  role (officer, supervision member, head of HR).
- The current year by the ORM: PLANS plans of PARTICIPANTS participants,
  communicated (follow-ups, dated steps, to-dos, questionnaires, invitations
  exactly as the kick-off makes them).
- The YEARS - 1 earlier years by SQL copies of the current year's sessions,
  plans, follow-ups and steps, every date moved back a year at a time, the
  plans closed, the follow-ups done and the steps done (a fifth late): the
  rows the ORM made, in the states a finished year leaves them.
- The evidence: for SAMPLE_PLANS plans of the current year the ORM records,
  as the people would, each participant's knowledge test, behaviour
  observation and work-performance evaluation (opened, every response
  scored and submitted, closed with its report), and per plan the submitted
  follow-up report and an improvement measure carried out, plus a meeting a
  month. SQL copies then give every other follow-up and plan, this year and
  the earlier ones, the sample's rows (round robin), pointed at their own
  follow-up, employee, manager and plan, dates moved with their training.
  Not copied: the chatter of the copies and the steps of copied measures.

Idempotent: each part is skipped when its rows exist (ONLY=a,b runs only
the parts named). Prints the time of each part and the counts.
"""

import os
import time
from datetime import timedelta

from odoo import Command, fields

env = env  # noqa: F821, PLW0127 (provided by odoo-bin shell)

EMPLOYEES = int(os.environ.get("EMPLOYEES", "10000"))
DEPARTMENTS = int(os.environ.get("DEPARTMENTS", "100"))
BIG_DEPARTMENT = int(os.environ.get("BIG_DEPARTMENT", "500"))
TEAM = int(os.environ.get("TEAM", "50"))
LOGIN_EVERY = int(os.environ.get("LOGIN_EVERY", "10"))
PLANS = int(os.environ.get("PLANS", "160"))
PARTICIPANTS = int(os.environ.get("PARTICIPANTS", "50"))
YEARS = int(os.environ.get("YEARS", "5"))
YEAR = int(os.environ.get("YEAR", "2026"))
SAMPLE_PLANS = int(os.environ.get("SAMPLE_PLANS", "4"))
BATCH = 25
PREFIX = "Scale"


def commit():
    env.cr.commit()
    env.invalidate_all()


PASSWORD = os.environ.get("PASSWORD", "scale")
_password_hash = []


def make_users(logins, groups="base.group_user"):
    """Users by the ORM, without a password; then one password hash (PBKDF2,
    600,000 rounds: a third of a second each) written to all of them by SQL,
    the same column the ORM would write."""
    group_ids = [env.ref(g).id for g in groups.split(",")]
    Users = env["res.users"].with_context(no_reset_password=True)
    users = Users.browse()
    for start in range(0, len(logins), BATCH):
        users |= Users.create(
            [
                {
                    "login": login,
                    "name": login.replace("_", " ").title(),
                    "group_ids": [Command.set(group_ids)],
                }
                for login in logins[start : start + BATCH]
            ]
        )
    if not _password_hash:
        _password_hash.append(Users._crypt_context().hash(PASSWORD))
    env.cr.execute(
        "UPDATE res_users SET password = %s WHERE id = ANY(%s)",
        [_password_hash[0], users.ids],
    )
    commit()
    return users


def department_sizes():
    rest = EMPLOYEES - BIG_DEPARTMENT
    base, extra = divmod(rest, DEPARTMENTS - 1)
    return [BIG_DEPARTMENT] + [base + (i < extra) for i in range(DEPARTMENTS - 1)]


def seed_organisation():
    Employee = env["hr.employee"]
    if Employee.search_count([("name", "=like", f"{PREFIX} employee %")]) >= EMPLOYEES:
        return "present"
    roles = {
        "scale_officer": "training_followup.group_training_officer",
        "scale_supervisor": "training_followup.group_training_supervisor",
        "scale_admin": "training_followup.group_training_admin",
    }
    for login, group in roles.items():
        if not env["res.users"].search_count([("login", "=", login)]):
            make_users([login], f"base.group_user,{group}")
    number = 0
    for index, size in enumerate(department_sizes()):
        name = f"{PREFIX} department {index:03d}"
        department = env["hr.department"].search([("name", "=", name)])
        if department:
            number += size
            continue
        department = env["hr.department"].create({"name": name})
        # the department manager, the team leads, then their teams
        leads = list(range(number + 1, number + size, TEAM + 1))
        with_login = (
            [number]
            + leads
            + [n for n in range(number, number + size) if n % LOGIN_EVERY == 0]
        )
        users = make_users([f"scale_{n}" for n in sorted(set(with_login))]).grouped(
            lambda u: int(u.login.split("_")[1])
        )
        manager = Employee.create(
            {
                "name": f"{PREFIX} employee {number}",
                "department_id": department.id,
                "user_id": users[number].id,
            }
        )
        department.manager_id = manager
        commit()
        lead = manager
        members = []
        for n in range(number + 1, number + size):
            if n in leads:
                if members:
                    create_members(members, department, lead, users)
                    members = []
                lead = Employee.create(
                    {
                        "name": f"{PREFIX} employee {n}",
                        "department_id": department.id,
                        "parent_id": manager.id,
                        "user_id": users[n].id,
                    }
                )
                continue
            members.append(n)
        if members:
            create_members(members, department, lead, users)
        number += size
    return "created"


def create_members(numbers, department, lead, users):
    for start in range(0, len(numbers), BATCH):
        env["hr.employee"].create(
            [
                {
                    "name": f"{PREFIX} employee {n}",
                    "department_id": department.id,
                    "parent_id": lead.id,
                    "user_id": users[n].id if n in users else False,
                    "work_email": f"scale{n}@example.com",
                }
                for n in numbers[start : start + BATCH]
            ]
        )
        commit()


def seed_current_year():
    Plan = env["training.followup.plan"]
    done = Plan.search_count([("session_id.course_id.name", "=like", f"{PREFIX} %")])
    if done >= PLANS:
        return "present"
    employees = env["hr.employee"].search(
        [("name", "=like", f"{PREFIX} employee %")], order="id"
    )
    officer = env["res.users"].search([("login", "=", "scale_officer")])
    template = env.ref("training_followup.template_job_skill")
    for index in range(done, PLANS):
        # participants from every department; the first department's people
        # (the big one) take part more often
        start = (index * PARTICIPANTS * 7) % len(employees)
        chosen = (employees[start:] + employees[:start])[: PARTICIPANTS - 5]
        chosen |= employees[(index * 5) % 500 : (index * 5) % 500 + 5]
        course = env["training.course"].create(
            {"name": f"{PREFIX} course {index:03d}", "course_type": "job_skill"}
        )
        month = 1 + index * 11 // PLANS
        day = 1 + index % 20
        session = env["training.session"].create(
            {
                "course_id": course.id,
                "date_start": f"{YEAR}-{month:02d}-{day:02d}",
                "date_end": f"{YEAR}-{month:02d}-{day + 1:02d}",
                "participant_ids": [Command.set(chosen.ids)],
            }
        )
        session.action_done()
        plan = Plan.create(
            {
                "session_id": session.id,
                "template_id": template.id,
                "officer_id": officer.id,
            }
        )
        plan.action_communicate()
        commit()
    return "created"


def table_columns(table):
    env.cr.execute(
        """
        SELECT column_name, data_type FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_name = %s
           AND column_name NOT IN ('id', 'bench_src')
        """,
        [table],
    )
    return env.cr.fetchall()


def copy_shifted(table, shift, overrides=None, joins="", where="TRUE"):
    """Copy the rows of `table` (alias t) that `joins` and `where` select,
    every date moved by `shift` days (an SQL expression), `overrides`
    {column: SQL on t and the joins}; each copy remembers its source in
    bench_src."""
    overrides = overrides or {}
    env.cr.execute(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS bench_src integer")
    columns, values = [], []
    for column, kind in table_columns(table):
        columns.append(column)
        if column in overrides:
            values.append(overrides[column])
        elif kind == "date":
            values.append(f"t.{column} + ({shift})")
        elif kind.startswith("timestamp"):
            values.append(f"t.{column} + ({shift}) * interval '1 day'")
        else:
            values.append(f"t.{column}")
    env.cr.execute(
        f"""
        INSERT INTO {table} ({", ".join(columns)}, bench_src)
        SELECT {", ".join(values)}, t.id FROM {table} t {joins}
         WHERE {where}
        """  # noqa: S608 (the benchmark's own tables and columns)
    )
    return env.cr.rowcount


def copy_rows(table, source_where, years_back, overrides=None, joins=""):
    """Copy the rows of `table` matching `source_where` (alias t), every date
    `years_back` years earlier."""
    return copy_shifted(table, -365 * years_back, overrides, joins, source_where)


def seed_history():
    cr = env.cr
    cr.execute(
        """
        SELECT COUNT(*) FROM training_followup_plan p
          JOIN training_session s ON s.id = p.session_id
         WHERE s.date_end < %s
        """,
        [f"{YEAR}-01-01"],
    )
    if cr.fetchone()[0] >= PLANS * (YEARS - 1):
        return "present"
    cr.execute(
        """
        CREATE TEMP TABLE scale_plans AS
        SELECT p.id AS plan_id, p.session_id FROM training_followup_plan p
          JOIN training_session s ON s.id = p.session_id
          JOIN training_course c ON c.id = s.course_id
         WHERE c.name->>'en_US' LIKE %s AND s.date_end >= %s
        """,
        [f"{PREFIX} %", f"{YEAR}-01-01"],
    )
    tables = (
        "training_session",
        "training_followup_plan",
        "training_followup",
        "training_followup_step",
    )
    for back in range(1, YEARS):
        for table in tables:
            cr.execute(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS bench_src int")
            cr.execute(
                f"UPDATE {table} SET bench_src = NULL "  # noqa: S608
                "WHERE bench_src IS NOT NULL"
            )
        copy_rows(
            "training_session",
            "t.id IN (SELECT session_id FROM scale_plans)",
            back,
        )
        copy_rows(
            "training_followup_plan",
            "t.id IN (SELECT plan_id FROM scale_plans)",
            back,
            {"session_id": "ns.id", "state": "'closed'"},
            "JOIN training_session ns ON ns.bench_src = t.session_id",
        )
        copy_rows(
            "training_followup",
            "t.plan_id IN (SELECT plan_id FROM scale_plans)",
            back,
            {"plan_id": "np.id", "state": "'done'"},
            "JOIN training_followup_plan np ON np.bench_src = t.plan_id",
        )
        copy_rows(
            "training_followup_step",
            "t.plan_id IN (SELECT plan_id FROM scale_plans)",
            back,
            {
                "plan_id": "np.id",
                "followup_id": "nf.id",
                "activity_id": "NULL",
                "state": "'done'",
                "date_done": f"t.date_deadline - {365 * back}",
                "on_time": "t.id % 5 != 0",
                "is_late": "t.id % 5 = 0",
            },
            "JOIN training_followup_plan np ON np.bench_src = t.plan_id "
            "JOIN training_followup nf ON nf.bench_src = t.followup_id",
        )
        commit()
    for table in tables:
        cr.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS bench_src")
    cr.execute("ANALYZE")
    commit()
    return "created"


def seed_days_gone_by():
    """The current year as the daily deadline action leaves it up to
    yesterday: about two steps in three of the past done (a fifth of them
    late), the others late, and every notice of the past sent. Then only
    today's reminders and escalations are due, as in a company running it."""
    cr = env.cr
    cr.execute(
        """
        UPDATE training_followup_step
           SET state = CASE WHEN id % 3 != 0 THEN 'done' ELSE state END,
               date_done = CASE WHEN id % 3 != 0 THEN date_deadline END,
               on_time = id % 3 != 0 AND id % 5 != 0,
               is_late = id % 3 = 0 OR id % 5 = 0,
               reminder_sent_date = reminder_date,
               escalation_sent_date = CASE WHEN escalation_date < CURRENT_DATE
                                           THEN escalation_date END,
               escalation2_sent_date = CASE WHEN escalation2_date < CURRENT_DATE
                                            THEN escalation2_date END
         WHERE state = 'todo' AND date_deadline < CURRENT_DATE - 1
        RETURNING id
        """
    )
    changed = cr.rowcount
    cr.execute(
        """
        UPDATE training_followup_step SET reminder_sent_date = reminder_date
         WHERE state = 'todo' AND reminder_date < CURRENT_DATE
           AND reminder_sent_date IS NULL
        """
    )
    return f"{changed + cr.rowcount} steps brought up to yesterday"


def seed_evidence_sample():
    """The ORM records the evidence of the first SAMPLE_PLANS plans of the
    current year, the way the officer, the managers and the employees do."""
    Plan = env["training.followup.plan"]
    officer = env["res.users"].search([("login", "=", "scale_officer")])
    plans = Plan.search(
        [
            ("session_id.course_id.name", "=like", f"{PREFIX} %"),
            ("session_id.date_end", ">=", f"{YEAR}-01-01"),
        ],
        order="id",
        limit=SAMPLE_PLANS,
    )
    if env["training.evaluation"].search_count(
        [("followup_id.plan_id", "in", plans.ids)]
    ):
        return plans, "present"
    Officer = env(user=officer)
    for plan in plans:
        end = plan.session_id.date_end
        for index, followup in enumerate(plan.followup_ids.sorted("id")):
            Officer["training.assessment"].create(
                {
                    "followup_id": followup.id,
                    "score": 55 + (followup.id * 7) % 45,
                    "date": end + timedelta(days=10),
                }
            )
            Officer["training.observation"].sudo().create(
                {
                    "followup_id": followup.id,
                    "date": end + timedelta(days=30 + index % 20),
                    "observed_change": "Applies the new procedure at the line.",
                }
            )
            evaluation = Officer["training.evaluation"].create(
                {"followup_id": followup.id}
            )
            evaluation.action_open()
            for number, line in enumerate(evaluation.sudo().response_ids.line_ids):
                line.score = str(2 + (followup.id + number) % 4)
            evaluation.sudo().response_ids.action_submit()
            evaluation.sudo().write(
                {
                    "strengths": "Careful and steady.",
                    "weaknesses": "Slow on new tools.",
                    "suggestions": "Pair with a senior colleague for a month.",
                }
            )
            evaluation.with_user(officer).action_close()
        report = Officer["training.followup.report"].create(
            {
                "name": f"{PREFIX} report of {plan.name}",
                "scope": "plan",
                "plan_id": plan.id,
                "management_user_id": env.ref("base.user_admin").id,
            }
        )
        report.action_compute()
        report.action_submit()
        action_model = Officer["training.improvement.action"]
        action = action_model.create(
            {
                "name": f"{PREFIX} measure of {plan.name}",
                "department_id": plan.followup_ids[:1].department_id.id,
                "user_id": officer.id,
                # a deadline may not be set in the past: set to come, then
                # moved back by SQL to when the measure was due that year
                "date_deadline": fields.Date.context_today(action_model)
                + timedelta(30),
                "expected_effect": "Fewer errors at the line.",
                "report_id": report.id,
            }
        )
        action.action_start()
        action.actual_effect = "Errors halved."
        action.action_done()
        action.flush_recordset()
        env.cr.execute(
            "UPDATE training_improvement_action SET date_deadline = %s, "
            "date_done = %s WHERE id = %s",
            [end + timedelta(days=60), end + timedelta(days=55), action.id],
        )
        action.invalidate_recordset()
        commit()
    for month in range(1, 13):
        Officer["training.meeting"].create(
            {
                "name": f"{PREFIX} meeting {YEAR}-{month:02d}",
                "date": f"{YEAR}-{month:02d}-15",
                "minutes": "<p>The follow-up of the month discussed.</p>",
            }
        )
    commit()
    return plans, "created"


def seed_evidence():
    plans, state = seed_evidence_sample()
    cr = env.cr
    cr.execute(
        """
        CREATE TEMP TABLE scale_plan_ids AS
        SELECT p.id FROM training_followup_plan p
          JOIN training_session s ON s.id = p.session_id
          JOIN training_course c ON c.id = s.course_id
         WHERE c.name->>'en_US' LIKE %s AND p.id NOT IN %s
        """,
        [f"{PREFIX} %", tuple(plans.ids)],
    )
    cr.execute(
        """
        SELECT COUNT(*) FROM training_evaluation e
          JOIN training_followup f ON f.id = e.followup_id
         WHERE f.plan_id IN (SELECT id FROM scale_plan_ids)
        """
    )
    if cr.fetchone()[0]:
        return f"sample {state}, copies present"
    # every follow-up without evidence takes a sample follow-up's (round
    # robin), its dates moved by the days between their trainings' ends
    cr.execute(
        """
        CREATE TEMP TABLE scale_followups AS
        WITH sample AS (
            SELECT f.id, f.date_end, ROW_NUMBER() OVER (ORDER BY f.id) - 1 AS n
              FROM training_followup f WHERE f.plan_id IN %(plans)s
        ), target AS (
            SELECT f.*, ROW_NUMBER() OVER (ORDER BY f.id) - 1 AS n
              FROM training_followup f
             WHERE f.plan_id IN (SELECT id FROM scale_plan_ids)
        )
        SELECT t.id AS target, s.id AS source, t.date_end - s.date_end AS shift,
               t.employee_id, t.employee_user_id, t.manager_user_id, t.plan_id
          FROM target t
          JOIN sample s ON s.n = t.n %% (SELECT COUNT(*) FROM sample)
        """,
        {"plans": tuple(plans.ids)},
    )
    cr.execute(
        """
        CREATE TEMP TABLE scale_plan_map AS
        WITH sample AS (
            SELECT p.id, s.date_end, ROW_NUMBER() OVER (ORDER BY p.id) - 1 AS n
              FROM training_followup_plan p
              JOIN training_session s ON s.id = p.session_id
             WHERE p.id IN %(plans)s
        ), target AS (
            SELECT p.id, s.date_end, ROW_NUMBER() OVER (ORDER BY p.id) - 1 AS n
              FROM training_followup_plan p
              JOIN training_session s ON s.id = p.session_id
             WHERE p.id IN (SELECT id FROM scale_plan_ids)
        )
        SELECT t.id AS target, s.id AS source, t.date_end - s.date_end AS shift
          FROM target t
          JOIN sample s ON s.n = t.n %% (SELECT COUNT(*) FROM sample)
        """,
        {"plans": tuple(plans.ids)},
    )
    per_followup = {"employee_id": "m.employee_id", "followup_id": "m.target"}
    for table in ("training_assessment", "training_observation"):
        copy_evidence(table, "scale_followups", "followup_id", per_followup)
    copy_evidence(
        "training_evaluation",
        "scale_followups",
        "followup_id",
        {
            **per_followup,
            "employee_user_id": "m.employee_user_id",
            "manager_user_id": "m.manager_user_id",
        },
    )
    copy_children(
        "training_evaluation_response",
        "evaluation_id",
        "training_evaluation",
        {
            "user_id": """CASE t.role WHEN 'self' THEN pm.employee_user_id
                                      WHEN 'supervisor' THEN pm.manager_user_id
                                      ELSE t.user_id END""",
            "access_token": "md5(random()::text || t.id)",
        },
        "JOIN training_evaluation pe ON pe.id = p.id "
        "JOIN training_followup pm ON pm.id = pe.followup_id",
    )
    copy_children(
        "training_evaluation_response_line",
        "response_id",
        "training_evaluation_response",
    )
    copy_evidence(
        "training_followup_report",
        "scale_plan_map",
        "plan_id",
        {"plan_id": "m.target", "name": "t.name || ' ' || m.target"},
    )
    copy_evidence(
        "training_improvement_action",
        "scale_plan_map",
        "report_id",
        {"step_id": "NULL", "name": "t.name || ' ' || m.target"},
        source_join="JOIN training_followup_report r ON r.id = t.report_id "
        "JOIN scale_plan_map m ON m.source = r.plan_id",
    )
    # each copied measure belongs to the copied report of its own plan
    cr.execute(
        """
        UPDATE training_improvement_action a SET report_id = r.id
          FROM training_followup_report r, training_improvement_action sa
         WHERE a.bench_src IS NOT NULL AND sa.id = a.bench_src
           AND r.bench_src = a.report_id AND a.name = sa.name || ' ' || r.plan_id
        """
    )
    for back in range(1, YEARS):
        copy_rows(
            "training_meeting",
            f"t.name LIKE '{PREFIX} meeting {YEAR}-%%'",
            back,
            {"name": f"replace(t.name, '{YEAR}-', '{YEAR - back}-')"},
        )
    for table in EVIDENCE_TABLES:
        cr.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS bench_src")
    cr.execute("ANALYZE")
    commit()
    return f"sample {state}, copies created"


EVIDENCE_TABLES = (
    "training_assessment",
    "training_observation",
    "training_evaluation",
    "training_evaluation_response",
    "training_evaluation_response_line",
    "training_followup_report",
    "training_improvement_action",
    "training_meeting",
)


def copy_evidence(table, mapping, key, overrides, source_join=None):
    """Copy the sample's rows of `table` (alias t) once per target of
    `mapping` (alias m: target, source, shift), `key` pointing at the
    target, every date moved by the shift, out of any archive."""
    return copy_shifted(
        table,
        "m.shift",
        {"cycle_id": "NULL", "message_main_attachment_id": "NULL", **overrides},
        source_join or f"JOIN {mapping} m ON m.source = t.{key}",
    )


def copy_children(table, parent_key, parent_table, overrides=None, joins=""):
    """Copy the rows of `table` (alias t) of every copied parent (alias p,
    found by its bench_src), pointed at that copy."""
    return copy_shifted(
        table,
        0,
        {parent_key: "p.id", **(overrides or {})},
        f"JOIN {parent_table} p ON p.bench_src = t.{parent_key} {joins}",
    )


PARTS = (
    seed_organisation,
    seed_current_year,
    seed_history,
    seed_days_gone_by,
    seed_evidence,
)
# ONLY=seed_evidence runs only the parts named (comma-separated)
ONLY = set(filter(None, os.environ.get("ONLY", "").split(",")))
for part in PARTS:
    if ONLY and part.__name__ not in ONLY:
        continue
    t0 = time.perf_counter()
    state = part()
    print(f"SEED {part.__name__}: {state} in {time.perf_counter() - t0:.1f} s")
    commit()

cr = env.cr
for table in (
    "hr_employee",
    "res_users",
    "hr_department",
    "training_followup_plan",
    "training_followup",
    "training_followup_step",
    "training_satisfaction_completion",
    "mail_activity",
    *EVIDENCE_TABLES,
):
    cr.execute(f"SELECT COUNT(*) FROM {table}")  # noqa: S608
    print(f"SEED {table}: {cr.fetchone()[0]} rows")
