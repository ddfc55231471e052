"""Open every screen of the addon as each role, the way the web client does
(issue 16, P4.2/P4.3), inside `odoo-bin shell` on the scale database
(BENCH_DB=tf_scale scripts/bench.sh screens, after scripts/seed_scale.py).

For each role (employee, a manager of about 50, the manager of the
500-employee department, training officer, supervision member, head of HR)
and each menu of the addon the role sees: the action is read, its views are
loaded (get_views with the search view's filters), then the first view's
data is read with the method the web client calls for it -
web_search_read (list, kanban), web_read_group (grouped list or kanban),
formatted_read_grouping_sets (pivot) or formatted_read_group (graph) - with
the action's domain and context and the search view's default filters and
group-bys. Then a follow-up form with its steps (web_read with the form's
fields). Caches of records are dropped before every screen, as a new
request starts; the registry's caches stay warm, as on a running server.
Prints the time and SQL queries of every screen and role.
"""

import os
import time
from datetime import date

from dateutil.relativedelta import relativedelta
from lxml import etree

from odoo.tools.safe_eval import datetime as safe_datetime
from odoo.tools.safe_eval import safe_eval
from odoo.tools.safe_eval import time as safe_time

env = env  # noqa: F821, PLW0127 (provided by odoo-bin shell)

ROLES = os.environ.get("ROLES", "employee,manager,department,officer,supervisor,admin")
REPEAT = int(os.environ.get("REPEAT", "2"))
PREFIX = "Scale"


def eval_context(user):
    return {
        "uid": user.id,
        "user": user,
        "context_today": date.today,
        "current_date": date.today().strftime("%Y-%m-%d"),
        "datetime": safe_datetime,
        "relativedelta": relativedelta,
        "time": safe_time,
        "allowed_company_ids": user.company_ids.ids,
        "active_id": False,
        "active_ids": [],
    }


def role_users():
    Users = env["res.users"]
    if os.environ.get("ROLE_LOGINS"):  # e.g. on the demo database
        return {
            role: Users.search([("login", "=", login)])
            for role, login in (
                pair.split("=") for pair in os.environ["ROLE_LOGINS"].split(",")
            )
        }
    Employee = env["hr.employee"].sudo()
    big = env["hr.department"].search([("name", "=", f"{PREFIX} department 000")])
    # a team lead of the big department: about TEAM people report to them
    lead = Employee.search(
        [("department_id", "=", big.id), ("parent_id", "=", big.manager_id.id)],
        limit=1,
        order="id",
    )
    # an employee with a login among the participants of this year's plans
    participant = Employee.search(
        [
            ("user_id", "!=", False),
            ("parent_id", "=", lead.id),
            ("id", "in", env["training.followup"].sudo().search([]).employee_id.ids),
        ],
        limit=1,
    )
    return {
        "employee": participant.user_id,
        "manager": lead.user_id,
        "department": big.manager_id.user_id,
        "officer": Users.search([("login", "=", "scale_officer")]),
        "supervisor": Users.search([("login", "=", "scale_supervisor")]),
        "admin": Users.search([("login", "=", "scale_admin")]),
    }


def arch_fields(node):
    """{field name: sub-specification} of the fields a view arch shows at
    its top level, x2many fields with their own list's fields."""
    spec = {}
    for field in node.iter("field"):
        # only fields of this level: skip those inside an x2many sub-view
        parent = field.getparent()
        nested = False
        while parent is not None and parent is not node:
            if parent.tag == "field":
                nested = True
                break
            parent = parent.getparent()
        if nested:
            continue
        sub = field.find("list")
        if sub is None:
            sub = field.find("kanban")
        spec[field.get("name")] = arch_fields(sub) if sub is not None else {}
    return spec


def specification(model, node, fields_info):
    spec = {}
    for name, sub in arch_fields(node).items():
        info = fields_info.get(name)
        if not info:
            continue
        if info["type"] == "many2one":
            spec[name] = {"fields": {"display_name": {}}}
        elif info["type"] in ("one2many", "many2many"):
            spec[name] = {"fields": sub or {"display_name": {}}, "limit": 40}
            if sub:
                comodel = env[info["relation"]]
                spec[name]["fields"] = {
                    key: (
                        {"fields": {"display_name": {}}}
                        if comodel._fields.get(key) is not None
                        and comodel._fields[key].type == "many2one"
                        else {}
                    )
                    for key in sub
                    if key in comodel._fields
                }
        else:
            spec[name] = {}
    return spec


def default_filters(search_arch, context, user):
    """(domain, group-bys) of the search_default_* filters of the context."""
    domain, groupby = [], []
    root = etree.fromstring(search_arch)
    for key, value in context.items():
        if not key.startswith("search_default_") or not value:
            continue
        name = key[len("search_default_") :]
        node = root.find(f".//filter[@name='{name}']")
        if node is None:
            continue
        if node.get("domain"):
            domain += safe_eval(node.get("domain"), eval_context(user))
        if node.get("context") and "group_by" in node.get("context"):
            groupby.append(
                safe_eval(node.get("context"), eval_context(user))["group_by"]
            )
    return domain, groupby


def open_screen(user, action):
    """The RPCs of the web client opening `action` as `user`: (view type,
    number of records or groups)."""
    ctx_user = {"lang": user.lang or "en_US", "tz": user.tz or "UTC", "uid": user.id}
    ctx_user["allowed_company_ids"] = user.company_ids.ids
    # /web/action/load reads the action as superuser in the user's context
    data = action.with_user(user).sudo().with_context(ctx_user)._get_action_dict()
    context = {**ctx_user, **safe_eval(data.get("context") or "{}", eval_context(user))}
    domain = safe_eval(data.get("domain") or "[]", eval_context(user))
    Model = env[data["res_model"]].with_user(user).with_context(context)
    view_types = [view_type for _id, view_type in data["views"]]
    views = Model.get_views(
        [*data["views"], [False, "search"]],
        {"load_filters": True, "toolbar": True, "action_id": action.id},
    )
    fields_info = views["models"][Model._name]["fields"]
    extra, groupby = default_filters(views["views"]["search"]["arch"], context, user)
    domain = domain + extra
    first = view_types[0]
    arch = etree.fromstring(views["views"][first]["arch"])
    if first in ("list", "kanban"):
        groupby = groupby or (
            [arch.get("default_group_by")] if arch.get("default_group_by") else []
        )
        if groupby:
            groups = Model.web_read_group(domain, groupby, ["__count"], limit=80)
            return first, groups["length"]
        result = Model.web_search_read(
            domain,
            specification(Model, arch, fields_info),
            limit=80 if first == "list" else 40,
            count_limit=10001,
        )
        return first, result["length"]

    def groupby_spec(node):
        name = node.get("name")
        if fields_info.get(name, {}).get("type") in ("date", "datetime"):
            return f"{name}:{node.get('interval') or 'month'}"
        return name

    rows = [groupby_spec(f) for f in arch.iter("field") if f.get("type") == "row"]
    cols = [groupby_spec(f) for f in arch.iter("field") if f.get("type") == "col"]
    measures = [
        f"{f.get('name')}:{fields_info[f.get('name')].get('aggregator') or 'sum'}"
        for f in arch.iter("field")
        if f.get("type") == "measure" and f.get("name") in fields_info
    ] or ["__count"]
    if first == "pivot":
        sets = Model.formatted_read_grouping_sets(
            domain,
            [groupby or rows[:1], cols[:1], [], (groupby or rows[:1]) + cols[:1]],
            measures,
        )
        return first, sum(len(groups) for groups in sets)
    if first == "graph":
        groups = Model.formatted_read_group(
            domain, (groupby or rows or cols)[:2], measures
        )
        return first, len(groups)
    return first, 0


def open_form(user, record, model="training.followup"):
    Model = env[model].with_user(user).with_context(lang=user.lang or "en_US")
    views = Model.get_views([[False, "form"]], {"toolbar": True})
    arch = etree.fromstring(views["views"]["form"]["arch"])
    spec = specification(Model, arch, views["models"][model]["fields"])
    return len(Model.browse(record.id).web_read(spec))


def measure(run):
    best = None
    for _round in range(REPEAT):
        env.invalidate_all()
        q0 = env.cr.sql_log_count
        t0 = time.perf_counter()
        result = run()
        elapsed = time.perf_counter() - t0
        queries = env.cr.sql_log_count - q0
        if best is None or elapsed < best[0]:
            best = (elapsed, queries, result)
    return best


users = role_users()
root = env.ref("training_followup.training_followup_menu_root")
rows = []
for role in ROLES.split(","):
    user = users[role]
    # the menus the web client shows the user (groups and model rights)
    menus = (
        env["ir.ui.menu"]
        .with_user(user)
        .search([("id", "child_of", root.id), ("action", "!=", False)])
        ._filter_visible_menus()
        .sorted("complete_name")
    )
    for menu in menus:
        action = menu.action
        if action._name != "ir.actions.act_window":
            continue
        elapsed, queries, (view_type, count) = measure(
            lambda user=user, action=action: open_screen(user, action)
        )
        rows.append((role, menu.complete_name, view_type, count, elapsed, queries))
    followup = (
        env["training.followup"].with_user(user).search([], limit=1, order="id desc")
    )
    if followup:
        if role == "employee":
            followup = (
                followup.search(
                    [("employee_id.user_id", "=", user.id)], limit=1, order="id desc"
                )
                or followup
            )
        elapsed, queries, _count = measure(
            lambda user=user, followup=followup: open_form(user, followup)
        )
        rows.append(
            (role, "Follow-up form with its steps", "form", 1, elapsed, queries)
        )

env.cr.execute("SELECT COUNT(*) FROM training_followup_step")
steps = env.cr.fetchone()[0]
env.cr.execute("SELECT COUNT(*) FROM hr_employee")
employees = env.cr.fetchone()[0]
print(f"SCREENS on {employees} employees, {steps} steps (best of {REPEAT})")
print("| role | screen | view | records | time | queries |")
print("|---|---|---|---|---|---|")
for role, screen, view_type, count, elapsed, queries in rows:
    flag = "" if elapsed <= 1.0 else " **over 1 s**"
    cells = (role, screen, view_type, count, f"{elapsed:.3f} s{flag}", queries)
    print("| " + " | ".join(str(cell) for cell in cells) + " |")
slowest = max(rows, key=lambda row: row[4])
print(f"SCREENS slowest: {slowest[0]} {slowest[1]} {slowest[4]:.3f} s")
env.cr.rollback()
