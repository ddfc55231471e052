from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import TrainingFollowupCase


@tagged("post_install", "-at_install")
class TestTrainingSession(TrainingFollowupCase):
    """P1.2: every internal training is a course delivered in sessions."""

    def test_p1_2_course_types(self):
        types = dict(self.env["training.course"]._fields["course_type"].selection)
        for kind in ("onboarding", "job_skill", "management", "professional"):
            self.assertIn(kind, types)

    def test_p1_2_session_name_and_counts(self):
        session = self.create_session(self.employee | self.colleague)
        self.assertEqual(session.name, "TF Complaint Handling (2026-03-02)")
        self.assertEqual(session.participant_count, 2)
        self.assertEqual(self.course.session_count, 1)
        self.assertEqual(self.employee.training_session_ids, session)
        self.assertEqual(self.employee.training_session_count, 1)
        action = self.employee.action_view_training_sessions()
        self.assertEqual(self.env["training.session"].search(action["domain"]), session)

    def test_p1_2_end_before_start_refused(self):
        with self.assertRefused(ValidationError, "ends before it starts"):
            self.create_session(date_start="2026-03-05", date_end="2026-03-04")

    def test_p1_2_participant_twice_refused(self):
        session = self.create_session()
        session.write({"participant_ids": [Command.link(self.employee.id)]})
        self.assertEqual(session.participant_ids, self.employee, "listed once")
        with self.assertRefused(ValidationError, "already take part"):
            self.create_session(date_start="2026-03-03", date_end="2026-03-04")
        # another course, or the same course on other dates, is fine
        self.create_session(date_start="2026-04-01", date_end="2026-04-02")
        other_course = self.course.copy({"name": "TF Other"})
        self.create_session(course_id=other_course.id)
        # a cancelled session frees its participants
        session.action_cancel()
        self.create_session(date_start="2026-03-03", date_end="2026-03-04")

    def test_p1_2_done_session_needs_participants(self):
        session = self.create_session(self.env["hr.employee"])
        session.action_schedule()
        with self.assertRefused(ValidationError, "without participants"):
            session.action_done()
        self.assertEqual(session.state, "scheduled", "a refused change changes nothing")

    def test_p1_2_session_states(self):
        session = self.create_session()
        session.action_schedule()
        self.assertEqual(session.state, "scheduled")
        with self.assertRaises(UserError):
            session.action_schedule()
        session.action_done()
        self.assertEqual(session.state, "done")
        with self.assertRaises(UserError):
            session.action_cancel()
        other = self.create_session(date_start="2026-05-04", date_end="2026-05-05")
        other.action_cancel()
        other.action_reset_draft()
        self.assertEqual(other.state, "draft")

    def test_trainer_kind_checked(self):
        partner = self.env["res.partner"].create({"name": "TF External Trainer"})
        with self.assertRefused(ValidationError, "internal trainer"):
            self.create_session(trainer_type="employee", trainer_partner_id=partner.id)
        session = self.create_session(
            trainer_type="partner", trainer_partner_id=partner.id
        )
        self.assertEqual(session.trainer_partner_id, partner)

    def test_negative_cost_refused(self):
        with self.assertRefused(ValidationError, "cannot be negative"):
            self.course.cost_per_participant = -1

    def test_session_visibility_per_role(self):
        """Employee: own; manager: team and department; officer and supervision:
        all; anybody else: nothing (P2, P5.1)."""
        own = self.create_session(self.employee)
        colleague = self.create_session(
            self.colleague, date_start="2026-06-01", date_end="2026-06-02"
        )
        outsider = self.create_session(
            self.outsider, date_start="2026-07-01", date_end="2026-07-02"
        )
        everything = own | colleague | outsider
        Session = self.env["training.session"]

        def visible(user):
            return Session.with_user(user).search([("id", "in", everything.ids)])

        self.assertEqual(visible(self.user_employee), own)
        self.assertEqual(visible(self.user_manager), own | colleague)
        self.assertEqual(visible(self.user_outsider), outsider)
        self.assertEqual(visible(self.user_officer), everything)
        self.assertEqual(visible(self.user_supervisor), everything)
        self.assertEqual(visible(self.user_admin), everything)
        with self.assertRaises(AccessError):
            outsider.with_user(self.user_employee).read(["name"])
        with self.assertRaises(AccessError):
            own.with_user(self.user_employee).write({"name": "changed"})
        with self.assertRaises(AccessError):
            own.with_user(self.user_supervisor).write({"name": "changed"})
        own.with_user(self.user_officer).write({"name": "changed"})
        self.assertEqual(own.name, "changed")

    def test_my_trainings_action(self):
        own = self.create_session(self.employee)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "training_followup.training_session_action_my"
        )
        domain = safe_eval(action["domain"], {"uid": self.user_employee.id})
        Session = self.env["training.session"].with_user(self.user_employee)
        self.assertEqual(Session.search(domain), own)

    def test_multi_company_isolation(self):
        other_company = self.env["res.company"].create({"name": "TF Other Co"})
        course = self.env["training.course"].create(
            {"name": "TF Other Co Course", "company_id": other_company.id}
        )
        Course = self.env["training.course"].with_user(self.user_officer)
        self.assertFalse(Course.search([("id", "=", course.id)]))
