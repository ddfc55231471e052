import re
from datetime import date, timedelta
from pathlib import Path

from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged

from ..tools.process_guard import in_process
from .common import JsonRpcMixin, TrainingFollowupCase

ADDON = Path(__file__).resolve().parent.parent
# every way the addon reads a context key: env.context.get("k"), context["k"]
CONTEXT_KEY = re.compile(r"""context(?:\.get\(|\[)\s*["']([a-z_]+)["']""")
# keys Odoo itself gives a meaning to, not read by the addon to allow a write
ODOO_KEYS = {"lang", "tz", "active_test", "allowed_company_ids"}
# the values a curious client tries for a key
CLIENT_VALUES = (True, 1, "1", "done", "compute", {"token": True})


def addon_context_keys():
    """Every context key the addon's Python code reads."""
    keys = {"training_process"}
    for path in ADDON.rglob("*.py"):
        if "tests" in path.parts:
            continue
        keys |= set(CONTEXT_KEY.findall(path.read_text()))
    return sorted(keys - ODOO_KEYS)


@tagged("post_install", "-at_install")
class TestProcessGuard(JsonRpcMixin, HttpCase, TrainingFollowupCase):
    """P5.1, P5.2 (and P1.3, P3, P4): what records a process — states,
    decisions and their authors, done / on-time / late flags, counters,
    frozen statistics, scores — changes only through the model's own
    actions. Tried as real clients over JSON-RPC, as training officer,
    manager and employee: `write`, `create`, every context key the addon
    reads, and deleting what the process computed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        demo = cls.env.ref("training_followup.plan_lean_done", raise_if_not_found=False)
        if not demo:
            cls.skipTest(cls, "the demo data is needed")
        followup = demo.followup_ids[:1]
        # records of the kinds the demo does not hold (an employee's own)
        cls.env["training.application.case"].create(
            {"followup_id": followup.id, "name": "Guard case", "applied": "x"}
        )
        cls.env["training.progress.report"].create(
            {"followup_id": followup.id, "results": "x"}
        )
        development = cls.env["training.development.plan"].create(
            {"employee_id": followup.employee_id.id, "followup_id": followup.id}
        )
        cls.env["training.career.review"].create(
            {"plan_id": development.id, "date": fields.Date.today()}
        )

    # ------------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------------
    def guarded_models(self):
        """{model name: model} of every model of the addon under the guard."""
        names = self.env.registry.descendants(["training.process.guard"], "_inherit")
        return {
            name: self.env[name]
            for name in names
            if not self.env[name]._abstract and not self.env[name]._transient
        }

    def guarded_fields(self, model):
        if model._process_records:
            return [
                name
                for name, field in model._fields.items()
                if field.store
                and name not in models.MAGIC_COLUMNS
                and not field.compute
                and not field.related
                and name not in ("company_id",)
                and field.type not in ("one2many", "many2many", "binary", "html")
            ]
        return sorted(model._get_process_fields())

    def sample(self, model):
        record = model.sudo().search([], limit=1, order="id desc")
        self.assertTrue(record, f"a {model._name} to try the guard on")
        return record

    def other_value(self, record, name):
        """A value the field does not hold, in the form a client sends."""
        field = record._fields[name]
        current = record[name]
        shifted = {
            "boolean": lambda: not current,
            "integer": lambda: (current or 0) + 7,
            "many2one_reference": lambda: (current or 0) + 7,
            "float": lambda: (current or 0.0) + 7.5,
            "monetary": lambda: (current or 0.0) + 7.5,
            "date": lambda: fields.Date.to_string(
                (current or fields.Date.today()) + timedelta(3)
            ),
            "datetime": lambda: fields.Datetime.to_string(
                (current or fields.Datetime.now()) + timedelta(3)
            ),
        }
        if field.type in shifted:
            return shifted[field.type]()
        if field.type == "selection":
            return [
                value
                for value, _label in field._description_selection(self.env)
                if value != current
            ][-1]
        if field.relational:
            other = (
                self.env[field.comodel_name]
                .sudo()
                .search([("id", "not in", current.ids)], limit=1)
            )
            if field.type == "many2one":
                return other.id
            return [(6, 0, [] if current else other.ids)]
        return "changed by hand"

    def snapshot(self, record, names):
        self.env.invalidate_all()
        record = record.sudo()
        return {
            name: record._fields[name].convert_to_write(record[name], record)
            for name in names
        }

    def call(self, user, model, method, args, context=None):
        """One JSON-RPC call of the web client, as `user`: the error's name
        and message, or None when the call succeeded."""
        self.authenticate(user.login, user.login)
        name, message = self.call_kw(
            model, method, args, context={"lang": "en_US", **(context or {})}
        )
        return name and {"name": name, "message": message}

    def assertGuardRefused(self, error, what):
        self.assertTrue(error, f"{what} was accepted")
        self.assertIn(
            error["name"],
            ("odoo.exceptions.UserError", "odoo.exceptions.AccessError"),
            f"{what}: not a clear refusal: {error}",
        )
        self.assertNotIn("Traceback", error["message"], what)

    # ------------------------------------------------------------------
    # tests
    # ------------------------------------------------------------------
    def test_p5_2_every_process_field_refused_to_every_role_over_rpc(self):
        """P5.2: model by model, each process field written over RPC by the
        training officer, a manager and an employee is refused with a clear
        message and nothing changes; the officer, who may edit the record,
        is refused by the guard itself."""
        models = self.guarded_models()
        # what the appraisal and supervision read, at the least
        for name in (
            "training.followup.step",
            "training.followup.report",
            "training.followup.plan",
            "training.improvement.action",
            "training.followup.cycle",
            "training.kpi.scorecard",
            "training.rectification",
            "training.evaluation",
            "training.assessment",
            "training.application.case",
            "training.satisfaction.questionnaire",
            "training.satisfaction.completion",
        ):
            self.assertIn(name, models)
        tried = 0
        for model_name, model in sorted(models.items()):
            record = self.sample(model)
            for name in self.guarded_fields(model):
                value = self.other_value(record, name)
                before = self.snapshot(record, [name])
                for user in (self.user_officer, self.user_manager, self.user_employee):
                    what = f"{user.login}: write {model_name}.{name}={value!r}"
                    error = self.call(
                        user, model_name, "write", [record.ids, {name: value}]
                    )
                    self.assertGuardRefused(error, what)
                    if user == self.user_officer and "by hand" in error["message"]:
                        label = record._fields[name]._description_string(self.env)
                        self.assertIn(label, error["message"], what)
                    self.assertEqual(self.snapshot(record, [name]), before, what)
                    tried += 1
        self.assertGreater(tried, 100)

    def test_p5_2_process_fields_refused_on_create_and_through_defaults(self):
        """P5.2: a record created by a client starts where its process
        starts: a process value in `create` is refused, a `default_` key in
        the context is ignored."""
        report = self.env.ref("training_followup.report_lean_done")
        for values in (
            {"state": "acknowledged"},
            {"quality_score": "5"},
            {"participant_count": 999},
            {"pass_rate": 100.0},
        ):
            error = self.call(
                self.user_officer,
                "training.followup.report",
                "create",
                [[{"name": "Forged", "plan_id": report.plan_id.id, **values}]],
            )
            self.assertGuardRefused(error, f"create {values}")
        self.assertFalse(
            self.env["training.followup.report"].search([("name", "=", "Forged")])
        )
        session = self.env["training.session"].search([], limit=1)
        self.call(
            self.user_officer,
            "training.session",
            "create",
            [[{"name": "Defaulted", "course_id": session.course_id.id}]],
            context={"default_state": "done"},
        )
        created = self.env["training.session"].search([("name", "=", "Defaulted")])
        self.assertEqual(created.state, "draft")

    def test_p5_2_no_context_key_unlocks_a_process_field(self):
        """P5.2: every context key the addon reads, with every value a client
        can send, leaves the guard shut (the token is a Python object)."""
        keys = addon_context_keys()
        self.assertIn("training_process", keys)
        report = self.env.ref("training_followup.report_lean_done")
        step = report.plan_id.step_ids.filtered(lambda s: s.state == "todo")[:1]
        before = self.snapshot(report, ["quality_score", "state", "participant_count"])
        for key in keys:
            for value in CLIENT_VALUES:
                what = f"context {key}={value!r}"
                error = self.call(
                    self.user_officer,
                    "training.followup.report",
                    "write",
                    [report.ids, {"quality_score": "1", "participant_count": 999}],
                    context={key: value},
                )
                self.assertGuardRefused(error, what)
                if step:
                    error = self.call(
                        self.user_officer,
                        "training.followup.step",
                        "write",
                        [step.ids, {"state": "done", "on_time": True}],
                        context={key: value},
                    )
                    self.assertGuardRefused(error, what)
        self.assertEqual(
            self.snapshot(report, ["quality_score", "state", "participant_count"]),
            before,
        )
        if step:
            self.assertEqual(step.sudo().state, "todo")

    def test_p5_2_computed_records_are_neither_created_nor_deleted_by_hand(self):
        """P5.2, P4.3: scorecards, the report's objective and trend lines and
        the steps are made and removed by the process only."""
        for model_name in (
            "training.kpi.scorecard",
            "training.followup.report.objective",
            "training.followup.report.trend",
            "training.followup.step",
        ):
            record = self.sample(self.env[model_name])
            error = self.call(self.user_officer, model_name, "unlink", [record.ids])
            self.assertGuardRefused(error, f"unlink {model_name}")
            self.assertTrue(record.exists(), model_name)
            values = {
                name: value.isoformat() if isinstance(value, date) else value
                for name, value in record.copy_data()[0].items()
            }
            error = self.call(self.user_officer, model_name, "create", [[values]])
            self.assertGuardRefused(error, f"create {model_name}")
            error = self.call(self.user_officer, model_name, "copy", [record.ids])
            self.assertGuardRefused(error, f"copy {model_name}")

    def test_p5_2_the_actions_still_move_what_they_own(self):
        """P5.2: the person the process serves succeeds through the buttons:
        the officer computes and submits a report, management acknowledges
        it with its score, the steps are done by their records."""
        plan = self.make_plan()
        plan.with_user(self.user_officer).action_communicate()
        report = self.report_plan(plan)
        self.assertEqual(report.state, "submitted")
        self.assertTrue(report.participant_count)
        report.with_user(self.user_admin).action_acknowledge("Fine", "4")
        self.assertEqual(report.state, "acknowledged")
        self.assertEqual(report.quality_score, "4")
        step = plan.step_ids.filtered(lambda s: s.step_type == "followup_report")[:1]
        self.assertEqual(step.state, "done")

    def test_p5_2_final_scores_stay_final(self):
        """P3.1.1, P3.2.1: a recorded test keeps its score; an evaluated case
        keeps its rating — the officer who recorded it is refused."""
        assessment = self.env["training.assessment"].search(
            [("state", "=", "done")], limit=1
        )
        score = assessment.score
        with self.assertRaisesRegex(UserError, "can no longer change"):
            assessment.with_user(self.user_officer).write({"score": score - 1 or 1})
        self.assertEqual(assessment.score, score)
        # the process itself may (a survey answer filling a draft test)
        in_process(assessment).write({"score": score})
