from datetime import date
from pathlib import Path

import polib

from odoo import Command
from odoo.addons.training_followup.tests.common import load_chinese
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, freeze_time, new_test_user, tagged

from .common import ElearningFollowupCase


@tagged("post_install", "-at_install")
class TestElearningFollowup(ElearningFollowupCase):
    """P4.1: an employee who completes an eLearning course requiring
    follow-up joins its plan of the month, from their own day 0."""

    def followup_of(self, membership):
        return self.env["training.followup"].search(
            [
                ("session_id", "=", membership.training_session_id.id),
                ("employee_id", "=", membership.training_employee_id.id),
            ]
        )

    def counts(self):
        return {
            model: self.env[model].search_count([])
            for model in (
                "training.session",
                "training.followup.plan",
                "training.followup",
                "training.followup.step",
            )
        }

    @freeze_time("2026-04-08 10:00:00")
    def test_p4_1_completion_starts_plan_counted_from_completion_day(self):
        day = date(2026, 4, 8)
        membership = self.complete(self.employee.work_contact_id)
        self.assertEqual(membership.member_status, "completed")
        self.assertEqual(membership.training_completion_date, day)
        self.assertEqual(membership.training_employee_id, self.employee)
        session = membership.training_session_id
        self.assertEqual(session.slide_channel_id, self.channel)
        self.assertEqual(session.course_id, self.course)
        self.assertEqual(session.state, "done")
        self.assertEqual((session.date_start, session.date_end), (day, day))
        self.assertEqual(session.participant_ids, self.employee)
        self.assertEqual(self.channel.training_session_ids, session)
        plan = session.followup_plan_id
        self.assertEqual(plan.state, "running", "kicked off by the completion")
        self.assertEqual(plan.date_communicated, day)
        self.assertEqual(plan.officer_id, self.user_officer, "the course's responsible")
        followup = self.followup_of(membership)
        self.assertEqual(followup.date_end, day, "day 0: the completion day")
        line, expected = self.expected_first_deadline(plan.template_id, day)
        steps = followup.step_ids.filtered(lambda s: s.template_line_id == line)
        self.assertEqual(min(steps.mapped("date_deadline")), expected)

    def test_p4_1_completion_by_user_of_employee(self):
        """The attendee is the partner of the employee's user."""
        with freeze_time("2026-04-08 10:00:00"):
            membership = self.complete(self.user_employee.partner_id)
        self.assertEqual(membership.training_employee_id, self.employee)
        self.assertTrue(self.followup_of(membership))

    def test_p3_1_1_one_resume_line_for_the_course(self):
        """eLearning writes a Training line at completion (hr_skills_slides);
        the follow-up takes it over and keeps it current: one line for one
        training, of type eLearning, naming the course."""
        with freeze_time("2026-04-08 10:00:00"):
            membership = self.complete(self.user_employee.partner_id)
        followup = self.followup_of(membership)
        training = self.env.ref("hr_skills.resume_type_training")
        lines = self.env["hr.resume.line"].search(
            [
                ("employee_id", "=", self.employee.id),
                ("line_type_id", "=", training.id),
                ("channel_id", "=", self.channel.id),
            ]
        )
        self.assertEqual(len(lines), 1, "one line for one training")
        self.assertEqual(followup.resume_line_id, lines)
        self.assertEqual(lines.course_type, "elearning")
        self.assertIn("Knowledge test", str(lines.description))

    def test_p4_1_two_completions_in_a_month_share_one_plan(self):
        with freeze_time("2026-04-08 10:00:00"):
            first = self.complete(self.employee.work_contact_id)
        with freeze_time("2026-04-15 10:00:00"):
            second = self.complete(self.colleague.work_contact_id)
        session = first.training_session_id
        self.assertEqual(second.training_session_id, session)
        self.assertEqual(len(self.channel.training_session_ids), 1)
        self.assertEqual(session.participant_ids, self.employee | self.colleague)
        self.assertEqual(session.date_end, date(2026, 4, 15), "covers the completions")
        plan = session.followup_plan_id
        self.assertEqual(len(plan.followup_ids), 2)
        followup = self.followup_of(second)
        self.assertEqual(followup.date_end, date(2026, 4, 15))
        self.assertEqual(self.followup_of(first).date_end, date(2026, 4, 8))
        line, expected = self.expected_first_deadline(
            plan.template_id, date(2026, 4, 15)
        )
        steps = followup.step_ids.filtered(lambda s: s.template_line_id == line)
        self.assertEqual(min(steps.mapped("date_deadline")), expected)

    def test_p4_1_next_month_new_plan(self):
        with freeze_time("2026-04-29 10:00:00"):
            first = self.complete(self.employee.work_contact_id)
        with freeze_time("2026-05-06 10:00:00"):
            second = self.complete(self.colleague.work_contact_id)
        self.assertNotEqual(first.training_session_id, second.training_session_id)
        self.assertEqual(len(self.channel.training_session_ids), 2)
        self.assertEqual(second.training_session_id.date_start, date(2026, 5, 6))
        self.assertEqual(second.training_session_id.followup_plan_id.state, "running")
        self.assertEqual(self.channel.training_plan_count, 2)

    def test_p4_1_completed_twice_adds_nothing(self):
        with freeze_time("2026-04-08 10:00:00"):
            membership = self.complete(self.employee.work_contact_id)
        before = self.counts()
        followup = self.followup_of(membership)
        # un-completed then completed again, the same month and a month later
        with freeze_time("2026-04-09 10:00:00"):
            membership._post_completion_update_hook(completed=False)
            membership._post_completion_update_hook(completed=True)
        with freeze_time("2026-05-11 10:00:00"):
            membership._post_completion_update_hook(completed=True)
            # the attendee's own path: the content set undone and done again
            slide_partner = self.env["slide.slide.partner"].search(
                [("partner_id", "=", self.employee.work_contact_id.id)]
            )
            slide_partner.completed = False
            slide_partner.completed = True
        self.assertEqual(self.counts(), before)
        self.assertEqual(membership.training_completion_date, date(2026, 4, 8))
        self.assertEqual(self.followup_of(membership), followup)
        self.assertEqual(followup.date_end, date(2026, 4, 8))

    def test_p4_1_course_without_followup_is_left_alone(self):
        channel = self.create_channel(self.course, training_course_id=False)
        before = self.counts()
        membership = self.complete(self.employee.work_contact_id, channel)
        self.assertEqual(membership.member_status, "completed")
        self.assertFalse(membership.training_completion_date)
        self.assertEqual(self.counts(), before)

    def test_p3_1_1_source_type_elearning(self):
        with freeze_time("2026-04-08 10:00:00"):
            membership = self.complete(self.employee.work_contact_id)
        self.assertEqual(
            self.followup_of(membership)._get_training_source_type(), "elearning"
        )
        other = self.start_followup(self.colleague)
        self.assertEqual(other._get_training_source_type(), "external")

    # ------------------------------------------------------------------
    # Bad input: a clear message, nothing changes
    # ------------------------------------------------------------------
    def assert_refused_completion(self, membership, before, pattern):
        """eLearning keeps the completion; no follow-up starts and the course
        says why in an internal note."""
        self.assertEqual(membership.member_status, "completed")
        self.assertFalse(membership.training_completion_date)
        self.assertFalse(membership.training_employee_id)
        self.assertFalse(membership.training_session_id)
        self.assertEqual(self.counts(), before)
        note = self.channel.message_ids[:1]
        self.assertRegex(note.body, pattern)
        self.assertEqual(note.subtype_id, self.env.ref("mail.mt_note"))

    def test_p4_1_portal_completion_not_followed_up(self):
        """A course requiring follow-up is an internal training, but eLearning
        is also open to the public: a portal user keeps their completion and
        nobody is followed up; the course says why."""
        portal = new_test_user(
            self.env, login="tf_test_portal", groups="base.group_portal"
        )
        before = self.counts()
        membership = self.complete(portal.partner_id)
        self.assert_refused_completion(membership, before, "is not an employee of")

    def test_p4_1_employee_of_other_company_not_followed_up(self):
        other_company = self.env["res.company"].create({"name": "TF Other Company"})
        user = new_test_user(
            self.env,
            login="tf_test_other_company",
            company_id=other_company.id,
            company_ids=[Command.set(other_company.ids)],
        )
        self.env["hr.employee"].create(
            {
                "name": "TF Other Company Employee",
                "user_id": user.id,
                "company_id": other_company.id,
            }
        )
        before = self.counts()
        membership = self.complete(user.partner_id)
        self.assert_refused_completion(
            membership, before, "is an employee of TF Other Company"
        )

    def test_p4_1_company_without_officer_not_followed_up(self):
        officers = self.env.ref("training_followup.group_training_officer")
        company = self.env["res.company"].create({"name": "TF No Officer"})
        self.assertFalse(
            officers.all_user_ids.filtered(lambda u: company in u.company_ids)
        )
        course = self.env["training.course"].create(
            {"name": "TF Lone Course", "company_id": company.id}
        )
        channel = self.create_channel(
            course, training_company_id=company.id, user_id=self.user_elearning.id
        )
        employee = self.env["hr.employee"].create(
            {"name": "TF Lone Employee", "company_id": company.id}
        )
        before = self.counts()
        membership = self.complete(employee.work_contact_id, channel)
        self.assertFalse(membership.training_session_id)
        self.assertEqual(self.counts(), before)
        self.assertRegex(channel.message_ids[:1].body, "has no training officer")

    def test_p4_1_completion_refused_by_follow_up_keeps_completion(self):
        """The employee already takes part in a session of the same course
        over the completion day: the session refuses them; the completion
        stays, nothing of the follow-up changes and the course says why."""
        self.create_session(
            self.employee, date_start="2026-04-06", date_end="2026-04-10"
        )
        before = self.counts()
        with freeze_time("2026-04-08 10:00:00"):
            membership = self.complete(self.employee.work_contact_id)
        self.assert_refused_completion(
            membership, before, "could not start: .*already take part"
        )

    def test_p4_1_course_of_other_company_refused(self):
        other_company = self.env["res.company"].create({"name": "TF Other Company"})
        course = self.env["training.course"].create(
            {"name": "TF Foreign Course", "company_id": other_company.id}
        )
        with self.assertRefused(ValidationError, "belongs to TF Other Company"):
            self.channel.with_user(self.user_officer).training_course_id = course
        self.assertEqual(self.channel.training_course_id, self.course)

    def test_p4_1_training_officer_links_course(self):
        channel = self.create_channel(self.course, training_course_id=False)
        channel.with_user(self.user_officer).training_course_id = self.course
        self.assertEqual(channel.training_course_id, self.course)

    def test_p4_1_elearning_officer_alone_cannot_link_course(self):
        """The eLearning officer responsible for the courses, not a training
        officer, neither links nor unlinks their follow-up."""
        channel = self.create_channel(
            self.course, training_course_id=False, user_id=self.user_elearning.id
        )
        followed = self.create_channel(self.course, user_id=self.user_elearning.id)
        with self.assertRefused(AccessError, "Only a training officer decides"):
            channel.with_user(self.user_elearning).training_course_id = self.course
        self.assertFalse(channel.training_course_id)
        with self.assertRefused(AccessError, "Only a training officer decides"):
            followed.with_user(self.user_elearning).training_course_id = False
        self.assertEqual(followed.training_course_id, self.course)
        # the rest of the course stays theirs
        channel.with_user(self.user_elearning).name = "TF Renamed"
        self.assertEqual(channel.name, "TF Renamed")

    # ------------------------------------------------------------------
    # Smart buttons and rights
    # ------------------------------------------------------------------
    def test_p4_1_smart_buttons(self):
        with freeze_time("2026-04-08 10:00:00"):
            membership = self.complete(self.employee.work_contact_id)
        session = membership.training_session_id
        channel = self.channel.with_user(self.user_officer)
        self.assertEqual(channel.training_session_count, 1)
        self.assertEqual(channel.training_plan_count, 1)
        action = channel.action_view_training_sessions()
        self.assertEqual(self.env["training.session"].search(action["domain"]), session)
        action = channel.action_view_training_plans()
        self.assertEqual(
            self.env["training.followup.plan"].search(action["domain"]),
            session.followup_plan_id,
        )
        # the eLearning officer who is not a training officer sees no follow-up
        with self.assertRaises(AccessError):
            self.channel.with_user(self.user_elearning).training_session_count  # noqa: B018
        # from the session: the course's form for an eLearning officer, its
        # page on the website for the employee
        action = session.with_user(self.user_officer).action_view_slide_channel()
        self.assertEqual(
            (action["res_model"], action["res_id"]), ("slide.channel", self.channel.id)
        )
        action = session.with_user(self.user_employee).action_view_slide_channel()
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.assertIn("/slides/", action["url"])

    def test_p4_1_demo_completion_joined_a_plan(self):
        membership = self.env.ref(
            "training_followup_slides.slide_channel_information_security_member_01",
            raise_if_not_found=False,
        )
        if not membership:
            self.skipTest("installed without demo data")
        self.assertEqual(membership.member_status, "completed")
        self.assertTrue(membership.training_completion_date)
        plan = membership.training_session_id.followup_plan_id
        self.assertEqual(plan.state, "running")
        self.assertEqual(
            plan.followup_ids.employee_id, self.env.ref("training_followup.employee_01")
        )


@tagged("post_install", "-at_install")
class TestElearningTranslations(ElearningFollowupCase):
    """zh_CN: every term of the bridge is translated; the note on a course
    is written in its responsible's language."""

    def test_p4_1_every_term_translated(self):
        po = polib.pofile(str(Path(__file__).parents[1] / "i18n" / "zh_CN.po"))
        missing = [entry.msgid for entry in po if not entry.msgstr]
        self.assertFalse(missing, "without zh_CN:\n" + "\n".join(missing))

    def test_p4_1_refusal_note_in_responsible_language(self):
        load_chinese(self.env, modules=("training_followup_slides",))
        self.user_officer.lang = "zh_CN"
        portal = new_test_user(
            self.env, login="tf_test_portal_zh", groups="base.group_portal"
        )
        self.complete(portal.partner_id)
        self.assertIn("不是", self.channel.message_ids[:1].body)
        self.assertIn("未启动培训跟踪", self.channel.message_ids[:1].body)


@tagged("post_install", "-at_install")
class TestElearningCourseForm(ElearningFollowupCase):
    """The course's form: the training officer links the follow-up there;
    the eLearning officer alone does not see it."""

    def test_p4_1_officer_links_course_in_form(self):
        channel = self.create_channel(self.course, training_course_id=False)
        with Form(channel.with_user(self.user_officer)) as form:
            form.training_course_id = self.course
        self.assertEqual(channel.training_course_id, self.course)

    def test_p4_1_elearning_officer_form_without_followup(self):
        arch = (
            self.env["slide.channel"]
            .with_user(self.user_elearning)
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        self.assertNotIn("training_course_id", arch)
        self.assertNotIn("action_view_training_sessions", arch)
