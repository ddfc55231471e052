from datetime import date, datetime, time, timedelta

import pytz

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import Form, new_test_user, tagged

from .common import TrainingFollowupCase

OFFICER = "training_followup.group_training_officer"

# models an officer reads whose records company B gets in setUpClass
COMPANY_MODELS = [
    "training.course",
    "training.course.objective",
    "training.session",
    "training.followup.template",
    "training.followup.plan",
    "training.followup",
    "training.followup.step",
    "training.grade.scale",
    "training.assessment",
    "training.observation",
    "training.application.case",
    "training.progress.report",
    "training.meeting",
    "training.development.plan",
    "training.development.goal",
    "training.satisfaction.question",
    "training.satisfaction.questionnaire",
    "training.satisfaction.completion",
    "training.followup.analysis",
    "training.followup.step.analysis",
    "training.followup.report",
    "training.followup.report.objective",
    "training.improvement.action",
    "training.improvement.check",
    "training.supervision.member",
    "training.supervision.inspection",
    "training.supervision.inspection.check",
    "training.rectification",
    "training.kpi.period",
    "training.kpi.scorecard",
    "training.followup.cycle",
    "resource.calendar.workday",
]
MULTI_COMPANY_DOMAIN = (
    "['|', ('company_id', '=', False), ('company_id', 'in', company_ids)]"
)


class CompaniesCase(TrainingFollowupCase):
    """A second company B with its own calendar, training officer,
    department, people and course."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_b = cls.env["res.company"].create({"name": "TF Company B"})
        cls.calendar_b = cls.env["resource.calendar"].create(
            {"name": "TF Calendar B", "company_id": cls.company_b.id, "tz": "UTC"}
        )
        cls.company_b.resource_calendar_id = cls.calendar_b
        both = [Command.set((cls.company | cls.company_b).ids)]
        cls.user_officer_both = new_test_user(
            cls.env,
            login="tf_test_officer_both",
            groups=OFFICER,
            company_id=cls.company.id,
            company_ids=both,
        )
        cls.user_officer_b = new_test_user(
            cls.env,
            login="tf_test_officer_b",
            groups=OFFICER,
            company_id=cls.company_b.id,
            company_ids=[Command.set(cls.company_b.ids)],
        )
        cls.env_b = cls.env(
            context=dict(cls.env.context, allowed_company_ids=cls.company_b.ids)
        )
        cls.b_users = cls.env["res.users"]
        for index in range(1, 4):
            cls.b_users |= new_test_user(
                cls.env,
                login=f"tf_test_b_employee{index}",
                company_id=cls.company_b.id,
                company_ids=[Command.set(cls.company_b.ids)],
            )
        cls.department_b = cls.env_b["hr.department"].create(
            {"name": "TF B Sales", "company_id": cls.company_b.id}
        )
        cls.manager_b = cls.env_b["hr.employee"].create(
            {
                "name": "TF B Manager",
                "company_id": cls.company_b.id,
                "department_id": cls.department_b.id,
            }
        )
        cls.employees_b = cls.env_b["hr.employee"].create(
            [
                {
                    "name": f"TF B Employee {index}",
                    "user_id": user.id,
                    "company_id": cls.company_b.id,
                    "department_id": cls.department_b.id,
                    "parent_id": cls.manager_b.id,
                    "resource_calendar_id": cls.calendar_b.id,
                }
                for index, user in enumerate(cls.b_users, start=1)
            ]
        )
        cls.course_b = cls.env_b["training.course"].create(
            {
                "name": "TF B Forklift Safety",
                "course_type": "job_skill",
                "company_id": cls.company_b.id,
                "objective_ids": [
                    Command.create(
                        {
                            "name": "TF B pass rate",
                            "indicator": "pass_rate",
                            "target": 80,
                        }
                    )
                ],
            }
        )

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def add_holiday_b(self, day):
        tz = pytz.timezone(self.calendar_b.tz or "UTC")

        def utc(moment):
            return tz.localize(moment).astimezone(pytz.utc).replace(tzinfo=None)

        return self.env["resource.calendar.leaves"].create(
            {
                "name": "TF B Public Holiday",
                "calendar_id": self.calendar_b.id,
                "company_id": self.company_b.id,
                "date_from": utc(datetime.combine(day, time.min)),
                "date_to": utc(datetime.combine(day, time(23, 59, 59))),
            }
        )

    def make_plan_b(self, participants=None):
        session = self.env_b["training.session"].create(
            {
                "course_id": self.course_b.id,
                "company_id": self.company_b.id,
                "date_start": "2026-04-01",
                "date_end": "2026-04-03",
                "participant_ids": [
                    Command.set((participants or self.employees_b).ids)
                ],
            }
        )
        session.action_done()
        return self.env_b["training.followup.plan"].create(
            {
                "session_id": session.id,
                "template_id": self.template.id,
                "officer_id": self.user_officer_b.id,
            }
        )

    def step(self, plan, step_type):
        return plan.step_ids.filtered(lambda s: s.step_type == step_type)[:1]

    def make_company_b_records(self):
        """One record (at least) of every model of the addon that has a
        company, in company B."""
        env = self.env_b
        plan = self.make_plan_b()
        plan.action_communicate()
        followup = plan.followup_ids[0]
        questionnaire = plan.questionnaire_ids
        ratings = questionnaire.question_ids.filtered(
            lambda q: q.question_type == "rating"
        )
        for user in self.b_users:
            questionnaire.with_user(user).sudo()._submit(
                dict.fromkeys(ratings.ids, "4")
            )
        # the collection closes: the answers are released (P3.1.4)
        questionnaire.action_close_collection()
        env["training.assessment"].create(
            {"followup_id": followup.id, "score": 90, "max_score": 100}
        )
        env["training.observation"].create(
            {"followup_id": followup.id, "observed_change": "TF B uses the checklist"}
        )
        env["training.application.case"].create(
            {"followup_id": followup.id, "name": "TF B pallet jams"}
        )
        env["training.progress.report"].create(
            {"followup_id": followup.id, "results": "TF B fewer jams"}
        )
        env["training.development.plan"].create(
            {
                "employee_id": followup.employee_id.id,
                "followup_id": followup.id,
                "company_id": self.company_b.id,
                "goal_ids": [Command.create({"name": "TF B goal", "horizon": "short"})],
            }
        )
        env["training.followup.template"].create(
            {"name": "TF B template", "company_id": self.company_b.id}
        )
        env["training.grade.scale"].create(
            {
                "name": "TF B scale",
                "company_id": self.company_b.id,
                "band_ids": [
                    Command.create(
                        {"grade": "fail", "min_percent": 0, "max_percent": 50}
                    ),
                    Command.create(
                        {"grade": "pass", "min_percent": 50, "max_percent": 100}
                    ),
                ],
            }
        )
        env["training.satisfaction.question"].create(
            {"name": "TF B question", "company_id": self.company_b.id}
        )
        report = env["training.followup.report"].create(
            {
                "name": "TF B report",
                "scope": "plan",
                "plan_id": plan.id,
                "company_id": self.company_b.id,
            }
        )
        report.action_compute()
        meeting = env["training.meeting"].create(
            {
                "name": "TF B meeting",
                "company_id": self.company_b.id,
                "plan_ids": [Command.set(plan.ids)],
            }
        )
        action = env["training.improvement.action"].create(
            {
                "name": "TF B measure",
                "company_id": self.company_b.id,
                "meeting_id": meeting.id,
                "department_id": self.department_b.id,
                "user_id": self.b_users[0].id,
                "date_deadline": date.today() + timedelta(days=30),
                "expected_effect": "TF B fewer jams",
            }
        )
        env["training.improvement.check"].create(
            {"action_id": action.id, "progress": 10}
        )
        env["training.supervision.member"].create(
            {
                "user_id": self.user_officer_both.id,
                "role": "leader",
                "company_id": self.company_b.id,
            }
        )
        inspection = env["training.supervision.inspection"].create(
            {"name": "TF B inspection", "company_id": self.company_b.id}
        )
        env["training.rectification"].create(
            {
                "name": "TF B rectify",
                "company_id": self.company_b.id,
                "inspection_id": inspection.id,
                "department_id": self.department_b.id,
                "user_id": self.b_users[0].id,
            }
        )
        period = env["training.kpi.period"].create(
            {
                "period_type": "quarter",
                "date_from": "2026-04-01",
                "company_id": self.company_b.id,
            }
        )
        period.action_compute()
        env["training.followup.cycle"].create(
            {"year": 2026, "company_id": self.company_b.id}
        )
        env["resource.calendar.workday"].create(
            {
                "calendar_id": self.calendar_b.id,
                "date": "2026-04-11",
                "name": "TF B make-up day",
            }
        )
        self.env.flush_all()
        return plan

    def company_b_ids(self, model):
        records = (
            self.env[model].sudo().search([("company_id", "=", self.company_b.id)])
        )
        return sorted(records.ids)


@tagged("post_install", "-at_install")
class TestCompanies(CompaniesCase):
    """Two companies: each reads its own follow-up, counts its own statistics
    and runs its deadlines on its own calendar and settings; only a user
    allowed in both who picked both sees both."""

    # ------------------------------------------------------------------
    # Record rules
    # ------------------------------------------------------------------
    def test_every_company_model_has_a_multi_company_rule(self):
        """Every model of the addon with a stored company has one global
        multi-company rule."""
        models = self.env["ir.model"].search([("model", "like", "training.%")])
        models |= self.env["ir.model"].search(
            [("model", "=", "resource.calendar.workday")]
        )
        for model in models:
            Model = self.env[model.model]
            field = Model._fields.get("company_id")
            if Model._abstract or Model._transient or not field or not field.store:
                continue
            with self.subTest(model=model.model):
                rules = self.env["ir.rule"].search(
                    [("model_id", "=", model.id), ("global", "=", True)]
                )
                self.assertIn(
                    MULTI_COMPANY_DOMAIN,
                    [" ".join(rule.domain_force.split()) for rule in rules],
                )

    def test_p2_1_each_company_reads_its_own_records(self):
        self.make_company_b_records()
        officer_both = self.env(user=self.user_officer_both)
        for model in COMPANY_MODELS:
            with self.subTest(model=model):
                b_ids = self.company_b_ids(model)
                self.assertTrue(b_ids, f"company B has no {model}")
                domain = [("id", "in", b_ids)]
                # a user of company A alone: nothing of B
                as_a = self.env[model].with_user(self.user_officer)
                self.assertFalse(as_a.search(domain))
                # allowed in both but working in A only: nothing of B either
                only_a = officer_both[model].with_context(
                    allowed_company_ids=self.company.ids
                )
                self.assertFalse(only_a.search(domain))
                # allowed in both and picked both: every record of B
                picked_both = officer_both[model].with_context(
                    allowed_company_ids=(self.company | self.company_b).ids
                )
                self.assertEqual(sorted(picked_both.search(domain).ids), b_ids)
                # B's own officer: every record of B
                as_b = self.env[model].with_user(self.user_officer_b)
                self.assertEqual(sorted(as_b.search(domain).ids), b_ids)

    def test_p2_1_a_company_cannot_link_another_companys_records(self):
        plan = self.make_plan_b()
        with self.assertRefused(UserError, "compan"):
            self.env["training.followup.report"].create(
                {"name": "TF A report of B", "scope": "plan", "plan_id": plan.id}
            )
        with self.assertRefused(UserError, "compan"):
            self.env["training.meeting"].create(
                {"name": "TF A meeting", "plan_ids": [Command.set(plan.ids)]}
            )

    # ------------------------------------------------------------------
    # Deadlines
    # ------------------------------------------------------------------
    def test_p4_1_each_company_uses_its_own_kickoff_setting(self):
        self.company.training_kickoff_days = 5
        self.company_b.training_kickoff_days = 3
        plan_a = self.make_plan()
        plan_b = self.make_plan_b()
        # training ends on Friday 3 April 2026: B's third working day after
        # it is Wednesday 8 April on B's Monday-to-Friday calendar
        self.assertEqual(plan_b.kickoff_deadline, date(2026, 4, 8))
        self.assertEqual(
            plan_a.kickoff_deadline,
            self.company._training_due_date(date(2026, 4, 3), 5, "working_days"),
        )
        self.assertGreater(plan_a.kickoff_deadline, plan_b.kickoff_deadline)
        self.company_b.training_kickoff_days = 4
        self.assertEqual(plan_b.kickoff_deadline, date(2026, 4, 9))

    def test_p1_3_each_company_uses_its_own_calendar(self):
        # a public holiday of company B only, on the questionnaire's due day
        # (one week after the training: Friday 10 April 2026)
        self.add_holiday_b(date(2026, 4, 10))
        plan_a = self.make_plan()
        plan_b = self.make_plan_b(self.employees_b[0])
        (plan_a | plan_b).action_communicate()
        self.assertEqual(
            self.step(plan_a, "questionnaire").date_deadline, date(2026, 4, 10)
        )
        self.assertEqual(
            self.step(plan_b, "questionnaire").date_deadline, date(2026, 4, 13)
        )
        # B's weekly test weeks setting moves B's test only
        test_a = self.step(plan_a, "knowledge_test").date_deadline
        self.company_b.training_test_weeks = 3
        plan_b2 = self.make_plan_b(self.employees_b[1])
        plan_b2.action_communicate()
        self.assertEqual(
            self.step(plan_b2, "knowledge_test").date_deadline, date(2026, 4, 24)
        )
        self.assertEqual(self.step(plan_a, "knowledge_test").date_deadline, test_a)

    def test_p5_1_a_demand_runs_on_its_inspections_company_calendar(self):
        """A demand issued from company B's inspection by someone working in
        company A gets B's rectification period, on B's calendar."""
        self.company.training_rectification_days = 10
        self.company_b.training_rectification_days = 2
        inspection = self.env_b["training.supervision.inspection"].create(
            {"name": "TF B inspection", "company_id": self.company_b.id}
        )
        context = inspection.action_new_rectification()["context"]
        Demand = self.env["training.rectification"].with_context(
            allowed_company_ids=(self.company | self.company_b).ids, **context
        )
        today = date.today()
        with Form(Demand) as form:
            form.name = "TF B rectify"
            form.department_id = self.department_b
            form.user_id = self.b_users[0]
            self.assertEqual(
                form.date_deadline,
                self.company_b._training_due_date(today, 2, "working_days"),
            )
        self.assertEqual(form.record.company_id, self.company_b)

    def test_p5_1_escalations_reach_the_head_of_hr_of_the_company(self):
        """The late steps of company B reach B's head of HR, never A's, who
        cannot read them."""
        admin_b = new_test_user(
            self.env,
            login="tf_test_admin_b",
            groups="training_followup.group_training_admin",
            company_id=self.company_b.id,
            company_ids=[Command.set(self.company_b.ids)],
        )
        plan_b = self.make_plan_b(self.employees_b[0])
        plan_b.action_communicate()
        step = self.step(plan_b, "questionnaire")
        recipients = step._get_notice_recipients("escalation2")
        self.assertIn(admin_b, recipients)
        self.assertNotIn(self.user_admin, recipients)
        # without a leader, B's supervision group is stood in for by B's head
        leader = self.env["training.supervision.member"]._get_leader(self.company_b)
        self.assertEqual(leader, admin_b)
        inspection = self.env_b["training.supervision.inspection"].create(
            {"name": "TF B inspection", "company_id": self.company_b.id}
        )
        self.assertEqual(inspection._get_step_escalation_users(), admin_b)

    # ------------------------------------------------------------------
    # Statistics
    # ------------------------------------------------------------------
    def test_p4_3_statistics_never_mix_companies(self):
        plan_b = self.make_company_b_records()
        plan_a = self.make_plan(self.employee)
        plan_a.action_communicate()
        officer_both = self.env(user=self.user_officer_both)
        only_a = {"allowed_company_ids": self.company.ids}
        picked_both = {"allowed_company_ids": (self.company | self.company_b).ids}
        for model in ("training.followup.analysis", "training.followup.step.analysis"):
            with self.subTest(model=model):
                Model = officer_both[model]
                counts = dict(
                    Model.with_context(**only_a)._read_group(
                        [], ["company_id"], ["__count"]
                    )
                )
                self.assertNotIn(self.company_b, counts)
                self.assertIn(self.company, counts)
                counts = dict(
                    Model.with_context(**picked_both)._read_group(
                        [], ["company_id"], ["__count"]
                    )
                )
                self.assertIn(self.company_b, counts)
                self.assertIn(self.company, counts)
        # the questionnaire statistics: B's three answers, grouped
        Report = officer_both["training.satisfaction.analysis"]
        rows = Report.with_context(**only_a)._read_group(
            [("plan_id", "=", plan_b.id)], [], ["__count"]
        )
        self.assertFalse(rows and rows[0][0])
        rows = Report.with_context(**picked_both)._read_group(
            [("plan_id", "=", plan_b.id)], ["company_id"], ["__count"]
        )
        self.assertEqual([company for company, _count in rows], [self.company_b])
        # scorecards: B's period scores B's people only
        cards_b = self.env["training.kpi.scorecard"].search(
            [("company_id", "=", self.company_b.id)]
        )
        self.assertTrue(cards_b)
        self.assertFalse(
            cards_b.employee_id - self.employees_b,
            "a scorecard of company B for someone outside company B",
        )
        self.assertFalse(
            self.env["training.kpi.scorecard"]
            .with_user(self.user_officer)
            .search([("id", "in", cards_b.ids)])
        )
        # a period report of company A counts A's follow-ups only
        report_a = self.env["training.followup.report"].create(
            {
                "name": "TF A 2026",
                "scope": "period",
                "date_from": "2026-01-01",
                "date_to": "2026-12-31",
            }
        )
        report_a.with_user(self.user_officer).action_compute()
        self.assertFalse(report_a.plan_ids & plan_b)
        self.assertIn(plan_a, report_a.plan_ids)
        self.assertEqual(
            report_a.participant_count,
            self.env["training.followup"].search_count(
                [
                    ("company_id", "=", self.company.id),
                    ("plan_id", "in", report_a.plan_ids.ids),
                ]
            ),
        )

    def test_p3_1_4_each_company_keeps_its_anonymous_minimum(self):
        """Three answers in company B are enough where B's minimum is 3, not
        where the user also picked a company asking for 5: the strictest
        minimum of the companies read applies."""
        plan_b = self.make_company_b_records()
        self.company.training_anonymity_min_group = 5
        Report = self.env(user=self.user_officer_both)["training.satisfaction.analysis"]
        domain = [("plan_id", "=", plan_b.id)]
        rows = Report.with_context(allowed_company_ids=self.company_b.ids)._read_group(
            domain, ["company_id"], ["__count"]
        )
        self.assertTrue(rows)
        # whichever company is the current one
        for current_first in (
            self.company_b | self.company,
            self.company | self.company_b,
        ):
            rows = Report.with_context(
                allowed_company_ids=current_first.ids
            )._read_group(domain, ["company_id"], ["__count"])
            self.assertFalse(rows)

    def test_p3_1_4_a_report_uses_its_own_companys_minimum(self):
        """B's follow-up report shows B's three answers even when computed by
        someone working in company A, whose minimum is 5."""
        plan_b = self.make_company_b_records()
        self.company.training_anonymity_min_group = 5
        report = self.env["training.followup.report"].search(
            [("plan_id", "=", plan_b.id)]
        )
        report.with_context(
            allowed_company_ids=(self.company | self.company_b).ids
        ).action_compute()
        self.assertTrue(report.questionnaire_shown)
        self.assertEqual(report.questionnaire_rating, 4)
