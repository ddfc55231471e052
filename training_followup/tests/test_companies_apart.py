from datetime import date, timedelta

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from ..tools.process_guard import in_process
from .test_companies import CompaniesCase

# Odoo's company check, or the check of a record whose company is its
# parent's: both name the company
CROSSOVER = "compan"
# creating a record in another company: Odoo's company check, or the record
# rule of the other company
CREATE_REFUSED = "compan|doesn't have 'create' access"


@tagged("post_install", "-at_install")
class TestCompaniesApart(CompaniesCase):
    """P2, P5.1: a record of one company never links to a record of another,
    on create as on write, in both directions; the questions a plan asks are
    its company's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_a = new_test_user(cls.env, login="tf_test_a_responsible")
        cls.sets = {
            "A": cls._company_set(
                cls.env,
                {
                    "company": cls.company,
                    "officer": cls.user_officer,
                    "department": cls.department,
                    "employee": cls.employee,
                    "course": cls.course,
                    "user": cls.user_a,
                },
            ),
            "B": cls._company_set(
                cls.env_b,
                {
                    "company": cls.company_b,
                    "officer": cls.user_officer_b,
                    "department": cls.department_b,
                    "employee": cls.employees_b[0],
                    "course": cls.course_b,
                    "user": cls.b_users[0],
                },
            ),
        }

    @classmethod
    def _company_set(cls, env, own):
        """One running plan of `own["company"]` and a record of every kind
        the tests link across companies."""
        company, officer, department, employee, course, user = (
            own[key]
            for key in (
                "company",
                "officer",
                "department",
                "employee",
                "course",
                "user",
            )
        )

        def session(start="2026-04-01", end="2026-04-03"):
            record = env["training.session"].create(
                {
                    "course_id": course.id,
                    "company_id": company.id,
                    "date_start": start,
                    "date_end": end,
                    "participant_ids": [Command.set(employee.ids)],
                }
            )
            record.action_done()
            return record

        plan = env["training.followup.plan"].create(
            {
                "session_id": session().id,
                "template_id": cls.template.id,
                "officer_id": officer.id,
            }
        )
        plan.action_communicate()
        followup = plan.followup_ids
        action = env["training.improvement.action"].create(
            {
                "name": f"TF measure {company.name}",
                "company_id": company.id,
                "department_id": department.id,
                "user_id": user.id,
                "officer_id": officer.id,
                "date_deadline": date.today() + timedelta(days=30),
                "expected_effect": "Fewer mistakes",
            }
        )
        development_plan = env["training.development.plan"].create(
            {
                "employee_id": employee.id,
                "company_id": company.id,
                "followup_id": followup.id,
            }
        )
        meeting = env["training.meeting"].create(
            {"name": f"TF meeting {company.name}", "company_id": company.id}
        )
        assessment = env["training.assessment"].create(
            {"followup_id": followup.id, "score": 80, "max_score": 100}
        )
        return {
            **own,
            "plan": plan,
            "spare_session": session("2026-05-04", "2026-05-05"),
            "followup": followup,
            "action": action,
            "development_plan": development_plan,
            "meeting": meeting,
            "assessment": assessment,
        }

    # (model, record key, field, key of the other company's value, values
    # a create needs besides the field)
    LINKS = [
        ("training.followup.plan", "plan", "session_id", "spare_session", None),
        ("training.improvement.action", "action", "department_id", "department", None),
        ("training.improvement.action", "action", "user_id", "user", None),
        (
            "training.development.plan",
            "development_plan",
            "employee_id",
            "employee",
            None,
        ),
        ("training.meeting", "meeting", "department_ids", "department", None),
        ("training.assessment", "assessment", "followup_id", "followup", None),
    ]

    def _value(self, field, record):
        if field.endswith("_ids"):
            return [Command.link(record.id)]
        return record.id

    def _create_values(self, model, own, field, value):
        """The values of a new record of `own`'s company, with `field` set
        to `value` (a record of the other company)."""
        base = {
            "training.followup.plan": {
                "template_id": self.template.id,
                "officer_id": own["officer"].id,
            },
            "training.improvement.action": {
                "name": "TF crossed measure",
                "department_id": own["department"].id,
                "user_id": own["user"].id,
                "officer_id": own["officer"].id,
                "date_deadline": date.today() + timedelta(days=30),
                "expected_effect": "None",
            },
            "training.development.plan": {"employee_id": own["employee"].id},
            "training.meeting": {"name": "TF crossed meeting"},
            "training.assessment": {"score": 50, "max_score": 100},
        }[model]
        return {**base, field: value}

    def _snapshot(self, record, field):
        self.env.invalidate_all()
        value = record.sudo()[field]
        return (value.ids, record.sudo().company_id.id)

    def test_p2_links_to_another_company_are_refused_both_ways(self):
        for own_key, other_key in (("A", "B"), ("B", "A")):
            own, other = self.sets[own_key], self.sets[other_key]
            officer = own["officer"]
            for model, record_key, field, other_value_key, _extra in self.LINKS:
                with self.subTest(
                    company=own_key, model=model, field=field, operation="write"
                ):
                    record = own[record_key].with_user(officer)
                    before = self._snapshot(record, field)
                    value = self._value(field, other[other_value_key])
                    with self.assertRefused(UserError, CROSSOVER):
                        record.write({field: value})
                    self.assertEqual(self._snapshot(record, field), before)
                with self.subTest(
                    company=own_key, model=model, field=field, operation="create"
                ):
                    Model = self.env[model].with_user(officer)
                    count = self.env[model].sudo().search_count([])
                    values = self._create_values(
                        model, own, field, self._value(field, other[other_value_key])
                    )
                    with self.assertRefused(UserError, CREATE_REFUSED):
                        Model.create(values)
                    self.assertEqual(self.env[model].sudo().search_count([]), count)

    def test_p2_a_plan_moved_to_another_companys_session_keeps_its_people(self):
        """The probe of issue 24: a plan of company A given a session of B
        would have taken its follow-ups and steps along to B."""
        own, other = self.sets["A"], self.sets["B"]
        plan = own["plan"]
        followups, steps = plan.followup_ids, plan.step_ids
        with self.assertRefused(UserError, "TF Company B"):
            plan.with_user(self.user_officer).write(
                {"session_id": other["spare_session"].id}
            )
        self.assertEqual(plan.session_id.company_id, self.company)
        self.assertEqual(set(followups.mapped("company_id")), {self.company})
        self.assertEqual(set(steps.mapped("company_id")), {self.company})
        # a session of its own company is accepted
        plan.with_user(self.user_officer).write({"session_id": own["spare_session"].id})
        self.assertEqual(plan.session_id, own["spare_session"])

    def test_p2_the_right_officer_links_records_of_their_own_company(self):
        for key in ("A", "B"):
            own = self.sets[key]
            with self.subTest(company=key):
                action = own["action"].with_user(own["officer"])
                other_department = self.env["hr.department"].create(
                    {"name": f"TF other {key}", "company_id": own["company"].id}
                )
                action.department_id = other_department
                self.assertEqual(action.department_id, other_department)
                meeting = own["meeting"].with_user(own["officer"])
                meeting.department_ids = [Command.link(own["department"].id)]
                self.assertEqual(meeting.department_ids, own["department"])

    def test_p3_1_4_question_copies_carry_their_plans_company(self):
        question_ids = {}
        for key in ("A", "B"):
            plan = self.sets[key]["plan"]
            questions = plan.questionnaire_ids.sudo().question_ids
            self.assertTrue(questions)
            self.assertEqual(
                set(questions.mapped("company_id")), {self.sets[key]["company"]}
            )
            question_ids[key] = questions.ids
        for own_key, other_key in (("A", "B"), ("B", "A")):
            with self.subTest(officer=own_key):
                Question = self.env["training.satisfaction.question"].with_user(
                    self.sets[own_key]["officer"]
                )
                self.assertEqual(
                    sorted(Question.search([("id", "in", question_ids[own_key])]).ids),
                    sorted(question_ids[own_key]),
                )
                self.assertFalse(
                    Question.search([("id", "in", question_ids[other_key])])
                )

    def test_p3_1_4_a_question_copy_never_loses_its_company(self):
        questionnaire = self.sets["A"]["plan"].questionnaire_ids.sudo()
        Question = self.env["training.satisfaction.question"].sudo()
        count = Question.search_count([("questionnaire_id", "=", questionnaire.id)])
        for company in (False, self.company_b.id):
            with (
                self.subTest(company=company),
                self.assertRefused(UserError, CROSSOVER),
            ):
                Question.create(
                    {
                        "name": "TF crossed question",
                        "questionnaire_id": questionnaire.id,
                        "company_id": company,
                    }
                )
        self.assertEqual(
            Question.search_count([("questionnaire_id", "=", questionnaire.id)]),
            count,
        )
        copy = questionnaire.question_ids[:1]
        # a sent questionnaire's copies are frozen, sudo included (P3.1.4);
        # even the process, which alone may write them, keeps their company
        with self.assertRefused(UserError, "already sent"):
            copy.write({"company_id": False})
        with self.assertRefused(UserError, CROSSOVER):
            in_process(copy).write({"company_id": False})
        self.assertEqual(copy.company_id, self.company)
