"""Check that `-u training_followup` loses nothing and applies the data files.

Run twice inside `odoo-bin shell` (scripts/upgrade_check.sh does it), around
an upgrade of the addon on a database holding the demo data:

  PHASE=before  records what the database holds, then changes it the way a
                user or a broken release would: a menu renamed, a view edited,
                an access right removed (data files: the upgrade restores
                them), a mail template and a cron edited by the head of HR
                (noupdate data: the upgrade keeps the edits), a course added
                (user data: kept);
  PHASE=after   compares: every record of every model of the addon is still
                there, the data files won over the edited records, the edits of
                noupdate records and the user's data were kept. Then Odoo's
                "Reset Template" brings a template's body back from its file.

The upgrade starts from the previous version of the addon (scripts/test.sh
installs it from the repository's history): PHASE=before also gives the
database a development plan with goals and actions and a late rectification
demand, then reads the columns of the fields the new version renames
(RENAMED_FIELDS) by SQL, keyed by id; PHASE=after finds the same values under
the new names.

Exits non-zero with the differences when the upgrade lost or kept the wrong
thing. The state goes through the JSON file named by UPGRADE_STATE.
"""

import importlib
import json
import os
import sys

PHASE = os.environ["PHASE"]
STATE = os.environ["UPGRADE_STATE"]
MODULE = "training_followup"
TAMPERED = "(edited before the upgrade)"

# data records (noupdate off): the upgrade puts the file's value back
MENU = "training_followup.training_followup_menu_root"
VIEW = "training_followup.training_followup_plan_view_form"
ACCESS = "training_followup.access_training_followup_plan_officer"
# noupdate records: the company's edits survive the upgrade
TEMPLATE = "training_followup.mail_template_step_reminder"
CRON = "training_followup.ir_cron_process_deadlines"

# stored fields renamed since the previous version: (model, old, new); their
# values must survive the upgrade under the new name
RENAMED_FIELDS = [
    ("training.development.goal", "status", "state"),
    ("training.development.action", "status", "state"),
    ("training.development.action", "date_due", "date_deadline"),
    ("training.followup.step", "date_due", "date_deadline"),
    ("training.satisfaction.questionnaire", "date_due", "date_deadline"),
    ("training.rectification", "is_overdue", "is_late"),
]

# models renamed since the previous version: (old, new); an SQL view holds no
# data, but each of its xmlids must come back under the new name
RENAMED_MODELS = [("training.satisfaction.report", "training.satisfaction.analysis")]

env = env  # noqa: F821, PLW0127 (given by odoo-bin shell)
# Chinese, when the database has it (the demo data activates it)
ZH = "zh_CN" if env["res.lang"]._lang_get("zh_CN") else None


def record_counts():
    """{model: [ids]} of every stored model the addon defines."""
    models = env["ir.model"].search([("model", "=like", "training.%")])
    counts = {}
    for model in models.mapped("model"):
        Model = env[model].sudo().with_context(active_test=False)
        if Model._abstract or Model._transient or not Model._auto:
            continue
        env.cr.execute(f'SELECT id FROM "{Model._table}" ORDER BY id')  # noqa: S608
        counts[model] = [row[0] for row in env.cr.fetchall()]
    return counts


def module_xmlids():
    env.cr.execute(
        "SELECT model || ',' || name FROM ir_model_data WHERE module = %s", [MODULE]
    )
    return sorted(row[0] for row in env.cr.fetchall())


def field_xmlids():
    """{xmlid: [model, field]} of the addon's fields and selection values."""
    env.cr.execute(
        """
        SELECT d.model || ',' || d.name, f.model, f.name
          FROM ir_model_data d
          LEFT JOIN ir_model_fields_selection s
                 ON d.model = 'ir.model.fields.selection' AND s.id = d.res_id
          JOIN ir_model_fields f
            ON f.id = CASE WHEN d.model = 'ir.model.fields' THEN d.res_id
                           ELSE s.field_id END
         WHERE d.module = %s
           AND d.model IN ('ir.model.fields', 'ir.model.fields.selection')
        """,
        [MODULE],
    )
    return {xmlid: [model, name] for xmlid, model, name in env.cr.fetchall()}


def installed_version():
    env.cr.execute(
        "SELECT latest_version FROM ir_module_module WHERE name = %s", [MODULE]
    )
    return env.cr.fetchone()[0]


def field_name(model, old, new):
    """The name the installed code gives a renamed field."""
    return new if new in env[model]._fields else old


def renamed_values(names):
    """{"model,field": {id: value}} of the renamed fields, read by SQL from
    the columns of the installed code (`names`: "old" or "new")."""
    values = {}
    for model, old, new in RENAMED_FIELDS:
        column = old if names == "old" and old in env[model]._fields else new
        env.cr.execute(
            f'SELECT id, "{column}" FROM "{env[model]._table}" ORDER BY id'  # noqa: S608
        )
        values[f"{model},{new}"] = {
            str(row[0]): str(row[1]) for row in env.cr.fetchall()
        }
    return values


def add_renamed_data():
    """Records holding every renamed field, whatever the demo data has: a
    development plan with goals and actions in each state (actions with a
    deadline) and a late rectification demand."""
    Goal, Action = env["training.development.goal"], env["training.development.action"]
    goal_state = field_name(Goal._name, "status", "state")
    action_state = field_name(Action._name, "status", "state")
    action_deadline = field_name(Action._name, "date_due", "date_deadline")
    employee = env["hr.employee"].search([], limit=1, order="id")
    plan = env["training.development.plan"].create(
        {
            "employee_id": employee.id,
            "goal_ids": [
                (0, 0, {"name": f"Goal {state}", goal_state: state, "progress": 30})
                for state in ("open", "achieved", "dropped")
            ],
            "action_ids": [
                (
                    0,
                    0,
                    {
                        "name": f"Action {state}",
                        action_state: state,
                        action_deadline: f"2026-0{month}-15",
                    },
                )
                for month, state in enumerate(
                    ("todo", "in_progress", "done", "cancelled"), start=3
                )
            ],
        }
    )
    demand = env["training.rectification"].search(
        [("step_id", "!=", False)], limit=1, order="id"
    )
    if demand:
        process(demand.step_id).is_late = True
    return plan


def process(records):
    """`records` allowed to write what only the process writes, in a version
    that guards those fields (training.process.guard); as they are before."""
    try:
        guard = importlib.import_module(
            "odoo.addons.training_followup.tools.process_guard"
        )
    except ImportError:
        return records
    return guard.in_process(records)


def before():
    menu, view = env.ref(MENU), env.ref(VIEW)
    access, template = env.ref(ACCESS), env.ref(TEMPLATE)
    cron = env.ref(CRON)
    state = {
        "records": record_counts(),
        "xmlids": module_xmlids(),
        "menu_name": menu.name,
        "view_arch": view.arch_db,
        "access_perm_read": access.perm_read,
        "template_body": str(template.body_html),
        "zh_menu_name": menu.with_context(lang=ZH).name if ZH else None,
        "cron_interval": cron.interval_number,
        "version": installed_version(),
        "field_xmlids": field_xmlids(),
    }
    menu.name = f"{menu.name} {TAMPERED}"
    view.arch_db = view.arch_db.replace("<sheet>", f"<sheet><h2>{TAMPERED}</h2>", 1)
    access.perm_read = False
    template.body_html = f"<p>{TAMPERED}</p>"
    cron.interval_number = 7
    course = env["training.course"].create({"name": f"Course {TAMPERED}"})
    state["course_id"] = course.id
    add_renamed_data()
    env.flush_all()
    state["records"] = record_counts()
    state["renamed"] = renamed_values("old")
    env.cr.commit()
    with open(STATE, "w", encoding="utf-8") as handle:
        json.dump(state, handle)
    print(
        f"upgrade check: recorded {sum(map(len, state['records'].values()))} records"
        f" of {len(state['records'])} models and {len(state['xmlids'])} xmlids;"
        f" {sum(map(len, state['renamed'].values()))} values of"
        f" {len(RENAMED_FIELDS)} renamed fields"
    )


def after():
    with open(STATE, encoding="utf-8") as handle:
        state = json.load(handle)
    problems = []
    records = record_counts()
    for model, ids in state["records"].items():
        lost = sorted(set(ids) - set(records.get(model, [])))
        if lost:
            problems.append(f"{model}: {len(lost)} records lost ({lost[:5]}...)")

    # the fields a new version no longer has (removed, renamed) take their
    # ir.model.fields xmlids with them; no other xmlid may go
    def field_gone(xmlid):
        model, name = state["field_xmlids"].get(xmlid, (None, None))
        return model and (model not in env or name not in env[model]._fields)

    # a selection value the new version no longer offers takes its xmlid
    def value_gone(xmlid):
        kind, _sep, name = xmlid.partition(",selection__")
        if kind != "ir.model.fields.selection":
            return False
        for model in env.registry:
            prefix = model.replace(".", "_") + "__"
            if name.startswith(prefix):
                field, _sep, value = name[len(prefix) :].partition("__")
                selection = env[model]._fields.get(field)
                return selection is not None and value not in dict(
                    selection._description_selection(env)
                )
        return False

    present = set(module_xmlids())

    # a renamed model's xmlids come back under its new name
    def renamed(xmlid):
        return any(
            old.replace(".", "_") in xmlid
            and xmlid.replace(old.replace(".", "_"), new.replace(".", "_")) in present
            for old, new in RENAMED_MODELS
        )

    lost_xmlids = sorted(
        xmlid
        for xmlid in set(state["xmlids"]) - present
        if not (field_gone(xmlid) or value_gone(xmlid) or renamed(xmlid))
    )
    if lost_xmlids:
        problems.append(f"xmlids lost: {lost_xmlids[:10]}")
    menu, view = env.ref(MENU), env.ref(VIEW)
    access, template = env.ref(ACCESS), env.ref(TEMPLATE)
    # from the same version, the file gives back exactly what was there; from
    # the previous one, the file's new content (without the edit)
    same_version = state["version"] == installed_version()

    def from_file(value, before_value):
        return value if same_version or TAMPERED in value else before_value

    expectations = [
        (
            "the menu's name comes back from the file",
            from_file(menu.name, state["menu_name"]),
            state["menu_name"],
        ),
        (
            "the view comes back from the file",
            from_file(view.arch_db, state["view_arch"]),
            state["view_arch"],
        ),
        ("the access right comes back", access.perm_read, state["access_perm_read"]),
        (
            "the Chinese menu name is kept",
            menu.with_context(lang=ZH).name if ZH else None,
            state["zh_menu_name"],
        ),
        (
            "the edited mail template is kept",
            str(template.body_html),
            f"<p>{TAMPERED}</p>",
        ),
        ("the edited cron is kept", env.ref(CRON).interval_number, 7),
        (
            "the user's course is kept",
            env["training.course"].browse(state["course_id"]).exists().id,
            state["course_id"],
        ),
    ]
    renamed = renamed_values("new")
    for key, values in state["renamed"].items():
        changed = sorted(
            record_id
            for record_id, value in values.items()
            if renamed[key].get(record_id) != value
        )
        if not values:
            problems.append(f"{key}: no record to compare")
        elif changed:
            problems.append(
                f"{key}: {len(changed)} of {len(values)} values not kept "
                f"(ids {changed[:5]}...)"
            )
    for label, got, expected in expectations:
        if got != expected:
            problems.append(f"{label}: expected {expected!r}, got {got!r}")
    # how a changed template body reaches a database: Odoo's Reset Template
    template.reset_template()
    body = str(template.body_html)
    if from_file(body, state["template_body"]) != state["template_body"]:
        problems.append("Reset Template did not restore the body of the file")
    # the database goes on as before the check
    env.ref(CRON).interval_number = state["cron_interval"]
    env["training.course"].browse(state["course_id"]).unlink()
    env.cr.commit()
    if problems:
        print("upgrade check FAILED:\n  " + "\n  ".join(problems))
        sys.exit(1)
    print(
        f"upgrade check: nothing lost ({sum(map(len, records.values()))} records,"
        f" {len(module_xmlids())} xmlids); the values of {len(RENAMED_FIELDS)}"
        " renamed fields kept under their new names; data files applied; edits of"
        " noupdate records and user data kept; Reset Template restores a"
        " template's body"
    )


{"before": before, "after": after}[PHASE]()
