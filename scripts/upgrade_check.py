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

Exits non-zero with the differences when the upgrade lost or kept the wrong
thing. The state goes through the JSON file named by UPGRADE_STATE.
"""

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
    }
    menu.name = f"{menu.name} {TAMPERED}"
    view.arch_db = view.arch_db.replace("<sheet>", f"<sheet><h2>{TAMPERED}</h2>", 1)
    access.perm_read = False
    template.body_html = f"<p>{TAMPERED}</p>"
    cron.interval_number = 7
    course = env["training.course"].create({"name": f"Course {TAMPERED}"})
    state["course_id"] = course.id
    env.cr.commit()
    with open(STATE, "w", encoding="utf-8") as handle:
        json.dump(state, handle)
    print(
        f"upgrade check: recorded {sum(map(len, state['records'].values()))} records"
        f" of {len(state['records'])} models and {len(state['xmlids'])} xmlids"
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
    lost_xmlids = sorted(set(state["xmlids"]) - set(module_xmlids()))
    if lost_xmlids:
        problems.append(f"xmlids lost: {lost_xmlids[:10]}")
    menu, view = env.ref(MENU), env.ref(VIEW)
    access, template = env.ref(ACCESS), env.ref(TEMPLATE)
    expectations = [
        ("the menu's name comes back from the file", menu.name, state["menu_name"]),
        ("the view comes back from the file", view.arch_db, state["view_arch"]),
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
    for label, got, expected in expectations:
        if got != expected:
            problems.append(f"{label}: expected {expected!r}, got {got!r}")
    # how a changed template body reaches a database: Odoo's Reset Template
    template.reset_template()
    if str(template.body_html) != state["template_body"]:
        problems.append("Reset Template did not restore the body of the file")
    # the database goes on as before the check (the tests run on it)
    env.ref(CRON).interval_number = state["cron_interval"]
    env["training.course"].browse(state["course_id"]).unlink()
    env.cr.commit()
    if problems:
        print("upgrade check FAILED:\n  " + "\n  ".join(problems))
        sys.exit(1)
    print(
        f"upgrade check: nothing lost ({sum(map(len, records.values()))} records,"
        f" {len(module_xmlids())} xmlids); data files applied; edits of noupdate"
        " records and user data kept; Reset Template restores a template's body"
    )


{"before": before, "after": after}[PHASE]()
