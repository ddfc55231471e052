from odoo.tests import new_test_user, tagged

from .common import TrainingFollowupCase


def joined_step_domain(user):
    """The steps' record rule as it was written with joins (before
    in_my_scope): the rows each person must keep seeing."""
    return [
        "|",
        "|",
        "|",
        "|",
        ("user_id", "=", user.id),
        ("followup_id.employee_user_id", "=", user.id),
        ("followup_id.manager_user_id", "=", user.id),
        ("employee_id", "child_of", user.employee_ids.ids),
        ("employee_id.department_id.manager_id.user_id", "=", user.id),
    ]


def joined_session_domain(user):
    return [
        "|",
        "|",
        "|",
        ("participant_ids.user_id", "=", user.id),
        ("trainer_employee_id.user_id", "=", user.id),
        ("participant_ids", "child_of", user.employee_ids.ids),
        ("participant_ids.department_id.manager_id.user_id", "=", user.id),
    ]


def joined_plan_domain(user):
    return [
        "|",
        "|",
        ("followup_ids.employee_user_id", "=", user.id),
        ("followup_ids.manager_user_id", "=", user.id),
        ("followup_ids.employee_id.department_id.manager_id.user_id", "=", user.id),
    ]


@tagged("post_install", "-at_install")
class TestRecordScope(TrainingFollowupCase):
    """P2.2: an employee reads their own follow-up, a manager their team's
    and their department's, nobody anybody else's. The rules of the big
    tables (steps, sessions, plans) name the user's follow-ups and people by
    their ids (in_my_scope), which PostgreSQL serves from its indexes; they
    must give each person exactly what the same rules written with joins
    gave."""

    def setUp(self):
        super().setUp()
        _users, members = self.create_team_members("tf_test_scope", 2)
        # one member left the company: their manager still reads their steps
        self.leaver = members[1]
        # in the manager's department, led by somebody of another department:
        # the department manager reads their steps as the department's
        lead_user = new_test_user(self.env, login="tf_test_scope_lead")
        lead = self.env["hr.employee"].create(
            {
                "name": "TF Lead",
                "user_id": lead_user.id,
                "department_id": self.other_department.id,
            }
        )
        self.newcomer = self.env["hr.employee"].create(
            {"name": "TF Newcomer", "department_id": self.department.id}
        )
        self.newcomer.parent_id = lead
        self.plan = self.make_plan(
            self.employee | self.colleague | members | self.newcomer
        )
        self.plan.action_communicate()
        self.other_plan = self.make_plan(self.outsider)
        self.other_plan.action_communicate()
        self.leaver.action_archive()

    def test_p2_2_each_person_reads_what_the_joined_rules_gave(self):
        people = (self.user_employee, self.user_manager, self.user_outsider)
        for model, joined in (
            ("training.followup.step", joined_step_domain),
            ("training.session", joined_session_domain),
            ("training.followup.plan", joined_plan_domain),
        ):
            Model = self.env[model]
            for user in people:
                with self.subTest(model=model, user=user.login):
                    expected = Model.sudo().with_context(active_test=False)
                    expected = expected.search(joined(user))
                    self.assertEqual(Model.with_user(user).search([]).ids, expected.ids)
                    self.assertTrue(expected, "the person reads something")

    def test_p2_2_nobody_reads_another_team(self):
        Step = self.env["training.followup.step"]
        outsider_steps = Step.with_user(self.user_outsider).search([])
        self.assertEqual(outsider_steps.plan_id, self.other_plan)
        manager_steps = Step.with_user(self.user_manager).search([])
        self.assertFalse(manager_steps & outsider_steps)
        self.assertIn(self.leaver, manager_steps.employee_id)
        self.assertIn(self.newcomer, manager_steps.employee_id)
        self.assertEqual(
            Step.with_user(self.user_employee).search([]).employee_id,
            self.employee,
        )
        Plan = self.env["training.followup.plan"]
        self.assertEqual(Plan.with_user(self.user_outsider).search([]), self.other_plan)
        self.assertEqual(Plan.with_user(self.user_manager).search([]), self.plan)

    def test_p2_2_step_rule_reads_no_join(self):
        """The step rule compares the step's own indexed columns with ids: no
        join to the follow-ups, employees or their versions."""
        Step = self.env["training.followup.step"]
        for user in (self.user_employee, self.user_manager):
            query = Step.with_user(user)._search([])
            code = query.select().code
            self.assertNotIn("JOIN", code.upper())
            self.assertNotIn("hr_version", code)

    def test_p2_2_in_my_scope_reads_and_negates(self):
        Step = self.env["training.followup.step"].with_user(self.user_manager)
        mine = Step.search([])
        self.assertTrue(all(mine.mapped("in_my_scope")))
        everyone = self.env["training.followup.step"].sudo().search([])
        others = (
            everyone.with_user(self.user_manager)
            .sudo()
            .search([("id", "in", everyone.ids), ("in_my_scope", "=", False)])
        )
        self.assertEqual(others | mine.sudo(), everyone)
        self.assertFalse(others & mine.sudo())
