from datetime import date, datetime

from odoo.tests import freeze_time, tagged

from .common import TrainingEventCase


@tagged("post_install", "-at_install")
class TestEventSync(TrainingEventCase):
    """P4.1: the attendance of a training event makes its training session
    and drafts its follow-up plan; P3.1.1: its source on the resume."""

    def test_p4_1_attended_makes_session_and_plan(self):
        """The officer marks an attendee Attended: the session of the course
        is made in the event's company and local dates, done (the event
        ended), with that employee only, and its plan drafted with the
        course's template and the kick-off deadline in working days."""
        event = self.create_event(self.employee | self.colleague)
        self.registration_of(event, self.employee).with_user(
            self.user_officer
        ).action_set_done()
        session = event.training_session_id
        self.assertEqual(session.event_id, event)
        self.assertEqual(session.course_id, self.course)
        self.assertEqual(session.company_id, event.company_id)
        # 3 April 10:00 UTC is 18:00 in Shanghai, 1 April 00:00 UTC is 08:00
        self.assertEqual(session.date_start, date(2026, 4, 1))
        self.assertEqual(session.date_end, date(2026, 4, 3))
        self.assertEqual(session.state, "done")
        self.assertEqual(session.participant_ids, self.employee)
        plan = session.followup_plan_id
        self.assertEqual(event.training_plan_id, plan)
        self.assertEqual(plan.state, "draft")
        self.assertEqual(plan.template_id, self.template)
        self.assertEqual(plan.officer_id, self.user_officer)
        self.assertEqual(
            plan.kickoff_deadline,
            self.company._training_due_date(
                date(2026, 4, 3), self.company.training_kickoff_days, "working_days"
            ),
        )

    def test_p4_1_event_user_marks_attendance(self):
        """The event staff (no training role) marks attendance: the session
        is made all the same, its plan given to a training officer; the
        event's course came from its template."""
        event = self.create_event(self.colleague)
        self.assertEqual(event.training_course_id, self.course)
        self.registration_of(event, self.colleague).with_user(
            self.user_event
        ).action_set_done()
        plan = event.training_plan_id
        self.assertEqual(plan.session_id.participant_ids, self.colleague)
        self.assertTrue(
            plan.officer_id.has_group("training_followup.group_training_officer")
        )

    def test_p4_1_attended_updates_session(self):
        """A second attendee marked Attended joins the same session; a
        registration reset before the kick-off leaves it."""
        event = self.create_event(self.employee | self.colleague)
        self.registration_of(event, self.employee).action_set_done()
        session = event.training_session_id
        self.registration_of(event, self.colleague).action_set_done()
        self.assertEqual(event.training_session_id, session)
        self.assertEqual(session.participant_ids, self.employee | self.colleague)
        self.assertEqual(len(session.followup_plan_ids), 1)
        self.registration_of(event, self.colleague).action_confirm()
        self.assertEqual(session.participant_ids, self.employee)

    def test_p4_1_attended_twice_changes_nothing(self):
        """Marking attendance again, the officer's button and the daily job
        make nothing new."""
        event = self.create_event(self.employee)
        registration = self.registration_of(event, self.employee)
        registration.action_set_done()
        session = event.training_session_id
        plan = session.followup_plan_id
        registration.action_set_done()
        event.with_user(self.user_officer).action_training_followup_attendance()
        with self.enter_registry_test_mode():
            self.env.ref(
                "training_followup_event.ir_cron_training_event_sync"
            ).method_direct_trigger()
        self.assertEqual(
            self.env["training.session"].search([("event_id", "=", event.id)]), session
        )
        self.assertEqual(session.followup_plan_ids, plan)
        self.assertEqual(session.participant_ids, self.employee)

    def test_p4_1_attended_after_kickoff_joins_once(self):
        """After the kick-off, an attendee marked Attended joins the running
        plan once; marking them again adds nobody."""
        event = self.create_event(self.employee | self.colleague)
        self.registration_of(event, self.employee).action_set_done()
        plan = event.training_plan_id
        plan.action_communicate()
        colleague = self.registration_of(event, self.colleague)
        colleague.action_set_done()
        colleague.action_set_done()
        event.with_user(self.user_officer).action_training_followup_attendance()
        joined = plan.followup_ids.filtered(lambda f: f.employee_id == self.colleague)
        self.assertEqual(len(joined), 1)
        self.assertEqual(joined.state, "running")
        self.assertEqual(len(plan.followup_ids), 2)

    def test_p4_1_cancelled_after_kickoff_ends_followup(self):
        """A registration cancelled (or reset from Attended) after the
        kick-off ends that participant's follow-up the way removing a
        participant does."""
        event = self.create_event(self.employee | self.colleague | self.manager)
        for employee in self.employee | self.colleague | self.manager:
            self.registration_of(event, employee).action_set_done()
        plan = event.training_plan_id
        plan.action_communicate()
        self.registration_of(event, self.colleague).action_cancel()
        self.registration_of(event, self.manager).action_confirm()
        followups = plan.followup_ids
        for employee in self.colleague | self.manager:
            followup = followups.filtered(lambda f, e=employee: f.employee_id == e)
            self.assertEqual(followup.state, "cancelled")
            self.assertFalse(followup.step_ids.filtered(lambda s: s.state == "todo"))
        self.assertEqual(
            followups.filtered(lambda f: f.state == "running").employee_id,
            self.employee,
        )
        self.assertEqual(event.training_session_id.participant_ids, self.employee)

    def test_p4_1_course_linked_after_attendance(self):
        """Attendance marked before the course was linked counts when the
        officer links the course."""
        event = self.create_event(self.employee, event_type_id=False)
        self.assertFalse(event.training_course_id)
        self.registration_of(event, self.employee).action_set_done()
        self.assertFalse(event.training_session_id)
        event.with_user(self.user_officer).training_course_id = self.course
        self.assertEqual(event.training_session_id.participant_ids, self.employee)
        self.assertTrue(event.training_plan_id)

    def test_p4_1_event_end_done_by_daily_job(self):
        """Attendance marked during the event schedules its session; the
        daily job marks it done once the event has ended, once."""
        with freeze_time("2026-04-02 03:00:00"):
            event = self.create_event(self.employee)
            self.registration_of(event, self.employee).action_set_done()
            session = event.training_session_id
            self.assertEqual(session.state, "scheduled")
        cron = self.env.ref("training_followup_event.ir_cron_training_event_sync")
        with freeze_time("2026-04-04 03:00:00"), self.enter_registry_test_mode():
            cron.method_direct_trigger()
            cron.method_direct_trigger()
        self.assertEqual(session.state, "done")
        self.assertEqual(len(session.followup_plan_ids), 1)

    def test_p4_1_multi_slot_day_zero(self):
        """Each attendee of a multi-slot event counts every step of their
        follow-up from the day of their own slot."""
        event = self.create_event(is_multi_slots=True)
        Slot = self.env["event.slot"]
        first, last = Slot.create(
            [
                {"event_id": event.id, "date": day, "start_hour": 9, "end_hour": 12}
                for day in ("2026-04-01", "2026-04-03")
            ]
        )
        registrations = self.register(event, self.employee, first) | self.register(
            event, self.colleague, last
        )
        registrations.action_set_done()
        plan = event.training_plan_id
        plan.action_communicate()
        company = self.company
        for employee, day in (
            (self.employee, date(2026, 4, 1)),
            (self.colleague, date(2026, 4, 3)),
        ):
            followup = plan.followup_ids.filtered(
                lambda f, e=employee: f.employee_id == e
            )
            self.assertEqual(followup.date_end, day)
            steps = followup.step_ids.filtered("template_line_id")
            self.assertTrue(steps)
            for line, line_steps in steps.grouped("template_line_id").items():
                value, unit = line._get_offset(company)
                expected = [
                    company._training_due_date(day, value * (n + 1), unit)
                    for n in range(line._get_repeat_count(company))
                ]
                self.assertEqual(
                    sorted(line_steps.mapped("date_deadline")), expected, line.name
                )

    def test_p3_1_1_source_type_onsite(self):
        """The follow-up of an event's session comes from an onsite course;
        any other stays external."""
        event = self.create_event(self.employee)
        self.registration_of(event, self.employee).action_set_done()
        plan = event.training_plan_id
        plan.action_communicate()
        self.assertEqual(plan.followup_ids._get_training_source_type(), "onsite")
        # P3.1.1: the resume line is an onsite course naming its event
        line = plan.followup_ids.resume_line_id
        self.assertEqual(len(line), 1)
        self.assertEqual((line.course_type, line.event_id), ("onsite", event))
        other = self.start_followup(self.colleague)
        self.assertEqual(other._get_training_source_type(), "external")

    def test_p4_1_fifty_attendees_fixed_queries(self):
        """Marking 50 attendees Attended takes as many queries as marking 10
        (docs/performance.md): nothing is read or written per registration.
        A first small event warms Odoo's caches."""
        counts = []
        for size in (3, 10, 50):
            employees = self.env["hr.employee"]
            for start in range(0, size, 25):
                employees |= self.env["hr.employee"].create(
                    [
                        {"name": f"TF Attendee {size}-{n}"}
                        for n in range(start, min(start + 25, size))
                    ]
                )
            event = self.create_event(
                employees,
                name=f"TF Workshop {size}",
                date_begin=datetime(2026, 5, size % 27 + 1, 0, 0),
                date_end=datetime(2026, 5, size % 27 + 1, 10, 0),
            )
            registrations = event.registration_ids
            self.env.invalidate_all()
            start = self.cr.sql_log_count
            registrations.action_set_done()
            self.env.flush_all()
            counts.append(self.cr.sql_log_count - start)
            self.assertEqual(len(event.training_session_id.participant_ids), size)
        self.assertEqual(counts[1], counts[2])
