import io
import re
from contextlib import contextmanager
from datetime import datetime, time

import openpyxl
import pytz

from odoo import Command
from odoo.tests import TransactionCase, new_test_user
from odoo.tools import config

# P4.2: the sheets of the export of the follow-up data, in their order
EXPORT_SHEETS = [
    "Participants",
    "Tests",
    "Evaluations",
    "Questionnaire",
    "Steps",
    "Observations",
    "Application Cases",
    "Progress Reports",
    "Development Plans",
]


def load_chinese(env, modules=("training_followup",)):
    """Chinese (zh_CN) active, with the translations of `modules` loaded (the
    addon's; add "mail" for the notes Odoo writes in the chatter)."""
    env["res.lang"]._activate_lang("zh_CN")
    env["ir.module.module"]._load_module_terms(list(modules), ["zh_CN"], overwrite=True)


class JsonRpcMixin:
    """For an HttpCase: a call as the web client makes it (JSON-RPC), as
    the user the case authenticated."""

    def call_kw(self, model, method, args, kwargs=None, context=None):
        """The error's name and message, or None and the result."""
        kwargs = dict(kwargs or {}, context=context or {})
        response = self.url_open(
            "/web/dataset/call_kw",
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "id": 1,
                "params": {
                    "model": model,
                    "method": method,
                    "args": args,
                    "kwargs": kwargs,
                },
            },
        )
        self.assertEqual(response.status_code, 200)
        body = response.json()
        if "error" in body:
            return body["error"]["data"]["name"], body["error"]["data"]["message"]
        return None, body["result"]


class TrainingFollowupCase(TransactionCase):
    """One user per role of docs/access.md, an org chart and small factories.

    Roles: employee (plain internal user), manager (plain internal user who is
    the employee's parent and department manager: no group, P2.2), training
    officer (P2.1), supervision group member (P5.1), training administrator
    (head of HR). An outsider in another department proves isolation.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company

        def user(login, groups="base.group_user"):
            return new_test_user(cls.env, login=login, groups=groups, name=login)

        cls.user_employee = user("tf_test_employee")
        cls.user_manager = user("tf_test_manager")
        cls.user_outsider = user("tf_test_outsider")
        cls.user_officer = user(
            "tf_test_officer", "training_followup.group_training_officer"
        )
        cls.user_supervisor = user(
            "tf_test_supervisor", "training_followup.group_training_supervisor"
        )
        cls.user_admin = user("tf_test_admin", "training_followup.group_training_admin")
        cls.role_users = {
            "Employee": cls.user_employee,
            "Manager": cls.user_manager,
            "Training Officer": cls.user_officer,
            "Supervision Group": cls.user_supervisor,
            "Training Administrator": cls.user_admin,
        }

        Employee = cls.env["hr.employee"]
        cls.department = cls.env["hr.department"].create({"name": "TF Sales"})
        cls.other_department = cls.env["hr.department"].create({"name": "TF Plant"})
        cls.manager = Employee.create(
            {
                "name": "TF Manager",
                "user_id": cls.user_manager.id,
                "department_id": cls.department.id,
            }
        )
        cls.department.manager_id = cls.manager
        cls.employee, cls.colleague, cls.outsider = Employee.create(
            [
                {
                    "name": "TF Employee",
                    "user_id": cls.user_employee.id,
                    "department_id": cls.department.id,
                    "parent_id": cls.manager.id,
                },
                {
                    "name": "TF Colleague",
                    "department_id": cls.department.id,
                    "parent_id": cls.manager.id,
                },
                {
                    "name": "TF Outsider",
                    "user_id": cls.user_outsider.id,
                    "department_id": cls.other_department.id,
                },
            ]
        )
        cls.course = cls.env["training.course"].create(
            {"name": "TF Complaint Handling", "course_type": "job_skill"}
        )
        cls.calendar = cls.company.resource_calendar_id
        cls.template = cls.env.ref("training_followup.template_job_skill")

    @contextmanager
    def assertRefused(self, exception, pattern):
        """Bad input is refused with a clear message and changes nothing: the
        block runs in a savepoint rolled back on the error, then the cache is
        dropped so later reads see the database."""
        with self.assertRaises(exception) as caught:
            yield caught
        self.assertRegex(str(caught.exception), re.compile(pattern))
        self.env.invalidate_all()

    def give_reason(self, user, records, decision, reason):
        """The reason dialog of `decision` on `records`, opened as its button
        opens it and confirmed by `user` (P5.1, P5.2, P4.6)."""
        Reason = self.env["training.followup.reason"]
        action = Reason._open_for(records, decision, decision)
        return (
            Reason.with_user(user)
            .with_context(**action["context"])
            .create({"reason": reason})
            .action_confirm()
        )

    def send_invitations(self):
        """What the invitation job does after a kick-off (P3.1.4)."""
        Completion = self.env["training.satisfaction.completion"]
        while Completion._send_pending_invitations()[1]:
            pass
        self.env.invalidate_all()

    @contextmanager
    def rendering_pdfs(self):
        """wkhtmltopdf loads a report's styles over HTTP from `report.url`,
        else from `web.base.url`, the port of whoever made the database (a
        demo on 8069, maybe): point it at this test run's own server, and let
        that server answer within the test's transaction (registry test mode),
        as it does for tours."""
        self.env["ir.config_parameter"].sudo().set_param(
            "report.url", f"http://127.0.0.1:{config['http_port']}"
        )
        with self.enter_registry_test_mode():
            yield

    @classmethod
    def create_team_members(cls, login_prefix, count):
        """`count` employees of the employee's team, each with a user
        (`login_prefix1`, `login_prefix2`...): more participants who log in."""
        users = cls.env["res.users"]
        employees = cls.env["hr.employee"]
        for index in range(1, count + 1):
            user = new_test_user(
                cls.env, login=f"{login_prefix}{index}", name=f"{login_prefix} {index}"
            )
            users |= user
            employees |= cls.env["hr.employee"].create(
                {
                    "name": f"TF {login_prefix} {index}",
                    "user_id": user.id,
                    "department_id": cls.department.id,
                    "parent_id": cls.manager.id,
                }
            )
        return users, employees

    @classmethod
    def create_session(cls, participants=None, **values):
        participants = cls.employee if participants is None else participants
        return cls.env["training.session"].create(
            {
                "course_id": cls.course.id,
                "date_start": "2026-03-02",
                "date_end": "2026-03-03",
                "participant_ids": [Command.set(participants.ids)],
                **values,
            }
        )

    @classmethod
    def make_leader(cls, user):
        """`user` leads the company's supervision group (P5.1); a leader of
        the demo data steps down."""
        Member = cls.env["training.supervision.member"]
        Member.search(
            [("role", "=", "leader"), ("company_id", "=", cls.company.id)]
        ).active = False
        return Member.create({"user_id": user.id, "role": "leader"})

    def add_public_holiday(self, day):
        tz = pytz.timezone(self.calendar.tz or "UTC")

        def utc(moment):
            return tz.localize(moment).astimezone(pytz.utc).replace(tzinfo=None)

        return self.env["resource.calendar.leaves"].create(
            {
                "name": "TF Public Holiday",
                "calendar_id": self.calendar.id,
                "date_from": utc(datetime.combine(day, time.min)),
                "date_to": utc(datetime.combine(day, time(23, 59, 59))),
            }
        )

    @classmethod
    def start_followup(cls, employee):
        """The running follow-up of `employee` after a done session of April
        2026 (its plan communicated, P4.1)."""
        session = cls.create_session(
            employee, date_start="2026-04-01", date_end="2026-04-03"
        )
        session.action_done()
        plan = cls.env["training.followup.plan"].create(
            {"session_id": session.id, "template_id": cls.template.id}
        )
        plan.action_communicate()
        return plan.followup_ids

    def make_plan(self, participants=None, **session_values):
        session = self.create_session(
            participants,
            **{"date_start": "2026-04-01", "date_end": "2026-04-03", **session_values},
        )
        session.action_done()
        return self.env["training.followup.plan"].create(
            {
                "session_id": session.id,
                "template_id": self.template.id,
                "officer_id": self.user_officer.id,
            }
        )

    def report_plan(self, plan, submit=True):
        """The follow-up report of the plan, computed (the plan is being
        analysed) and submitted to the head of HR (the plan is reported,
        P4.3), as its training officer."""
        report = self.env["training.followup.report"].create(
            {
                "name": f"TF report of {plan.name}",
                "scope": "plan",
                "plan_id": plan.id,
                "management_user_id": self.user_admin.id,
            }
        )
        report.with_user(plan.officer_id).action_compute()
        if submit:
            report.with_user(plan.officer_id).action_submit()
        return report

    def export_plan(self, plan):
        """P4.2: the training officer exports the data of the plan: the
        wizard, its download action and the workbook read back."""
        wizard = (
            self.env["training.followup.export"]
            .with_user(self.user_officer)
            .create({"plan_id": plan.id})
        )
        action = wizard.action_export()
        book = openpyxl.load_workbook(io.BytesIO(wizard.attachment_id.raw))
        return wizard, action, book
