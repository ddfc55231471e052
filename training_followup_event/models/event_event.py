import logging
from datetime import timedelta

import pytz

from odoo import Command, api, fields, models
from odoo.addons.training_followup.tools.process_guard import process_action
from odoo.exceptions import AccessError, UserError, ValidationError

_logger = logging.getLogger(__name__)

# the cron looks back this far for ended training events left to follow up
SYNC_LOOKBACK_DAYS = 60


class EventEvent(models.Model):
    """A training event (P4.1): an event linked to a course. Its attended
    registrations make a training session of the course, and the session's
    follow-up plan is drafted like any session's. The sync alone links the
    event and its session (training.process.guard)."""

    _name = "event.event"
    _inherit = ["event.event", "training.process.guard"]

    training_course_id = fields.Many2one(
        "training.course",
        compute="_compute_training_course_id",
        store=True,
        readonly=False,
        precompute=True,
        index="btree_not_null",
        help="The event is a training of this course: its attended "
        "registrations become a training session and its follow-up plan.",
    )
    training_session_id = fields.Many2one(
        "training.session",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    training_plan_id = fields.Many2one(
        related="training_session_id.followup_plan_id",
        string="Follow-up Plan",
    )

    @api.depends("event_type_id")
    def _compute_training_course_id(self):
        for event in self:
            # the template's course is the default; once the session is made
            # the course stays (see _check_training_course_change)
            if event.training_session_id:
                continue
            course = event.event_type_id.sudo().training_course_id
            if course or not event.training_course_id:
                event.training_course_id = course

    def _get_process_fields(self):
        # P4.1: the event's session is set by the sync only (the event's own
        # computed fields are Odoo's, not the follow-up's)
        return frozenset({"training_session_id"})

    @api.constrains("training_course_id", "company_id")
    def _check_training_course_company(self):
        for event in self.sudo():
            course = event.training_course_id
            if course and event.company_id and course.company_id != event.company_id:
                raise ValidationError(
                    self.env._(
                        "The course %(course)s belongs to %(course_company)s and "
                        "cannot be followed up at the event %(event)s of "
                        "%(company)s.",
                        course=course.name,
                        course_company=course.company_id.name,
                        event=event.name,
                        company=event.company_id.name,
                    )
                )

    def _check_training_course_writer(self, vals_list):
        """P4.1: only a training officer names the course of an event (the
        event's template gives its default to anyone who creates one). Checked
        here rather than by field groups: the field is computed when any
        event user creates an event."""
        if self.env.su or self.env.user.has_group(
            "training_followup.group_training_officer"
        ):
            return
        if any(vals.get("training_course_id") for vals in vals_list):
            raise AccessError(
                self.env._(
                    "Only a training officer links a training course to an event."
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        self._check_training_course_writer(vals_list)
        events = super().create(vals_list)
        # attendance recorded with the event itself counts at once
        events._training_sync_attendance()
        return events

    def write(self, vals):
        if "training_course_id" in vals:
            self._check_training_course_writer([vals])
            self._check_training_course_change(vals["training_course_id"])
        result = super().write(vals)
        # (a new template may bring a course)
        if {"training_course_id", "event_type_id"} & set(vals):
            # P4.1: registrations marked attended before the course was
            # linked count as if marked now
            self._training_sync_attendance()
        return result

    def _check_training_course_change(self, course_id):
        for event in self.sudo():
            session = event.training_session_id
            if session and session.course_id.id != course_id:
                raise UserError(
                    self.env._(
                        "The course of the event %(event)s can no longer change: "
                        "its training session %(session)s has been made.",
                        event=event.name,
                        session=session.name,
                    )
                )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_training_followup_attendance(self):
        """P4.1: the training officer makes or updates the session of the
        event from its attendance now, and opens its follow-up plan."""
        self.ensure_one()
        self._check_training_officer()
        if not self.sudo().training_course_id:
            raise UserError(
                self.env._(
                    "Link a training course to the event %(event)s first.",
                    event=self.name,
                )
            )
        self._training_sync_sessions()
        plan = self.training_plan_id
        if not plan:
            raise UserError(
                self.env._(
                    "Nobody of the company has attended the event %(event)s yet: "
                    "mark the attendees as attended first.",
                    event=self.name,
                )
            )
        return self.action_view_training_plan()

    def action_view_training_session(self):
        self.ensure_one()
        self._check_training_officer()
        return {
            "type": "ir.actions.act_window",
            "res_model": "training.session",
            "res_id": self.training_session_id.id,
            "view_mode": "form",
        }

    def action_view_training_plan(self):
        self.ensure_one()
        self._check_training_officer()
        return {
            "type": "ir.actions.act_window",
            "res_model": "training.followup.plan",
            "res_id": self.training_plan_id.id,
            "view_mode": "form",
        }

    def _check_training_officer(self):
        if not self.env.user.has_group("training_followup.group_training_officer"):
            raise AccessError(
                self.env._(
                    "Only a training officer follows up the attendance of an event."
                )
            )

    # ------------------------------------------------------------------
    # The sync: attendance → session → plan
    # ------------------------------------------------------------------
    def _training_sync_attendance(self):
        """The sync of the training events among these events that have
        attendance to follow up (called when attendance or the course
        changes)."""
        events = self.sudo().filtered(
            lambda e: e.training_course_id or e.training_session_id
        )
        if events:
            events._training_sync_sessions()

    @process_action
    def _training_sync_sessions(self):
        """P4.1: make or update the training session of each training event
        from its attended registrations whose contact is an employee's work
        contact, then draft its follow-up plan by the rule of any session.
        Idempotent: a second run changes nothing. Participants added to or
        removed from the session of a running plan join it or have their
        follow-up ended by the session itself (_followup_participants_changed).
        Bad input is refused before anything is written. A fixed number of
        queries per event, whatever the number of attendees."""
        events = self.sudo().filtered("training_course_id")
        sessions = self.env["training.session"].sudo()
        if not events:
            return sessions
        events._check_training_syncable()
        registrations = (
            self.env["event.registration"]
            .sudo()
            .search(events._get_training_attended_domain())
        )
        attendees = events._training_attendees(registrations)
        by_event = {}
        for registration, employee in attendees.items():
            by_event.setdefault(registration.event_id, self.env["hr.employee"])
            by_event[registration.event_id] |= employee
        for event in events:
            session = event._training_sync_session(
                by_event.get(event, self.env["hr.employee"])
            )
            sessions |= session
        return sessions

    def _training_sync_session(self, employees):
        """One event's session made or brought up to date with `employees`
        (who attended), and its plan drafted."""
        self.ensure_one()
        session = self.training_session_id
        if session.state == "cancelled":
            # the officer cancelled it: the event is no longer followed up
            return session
        if not session:
            if not employees:
                return session
            session = (
                self.env["training.session"]
                .sudo()
                .create(self._prepare_training_session_values(employees))
            )
            self.training_session_id = session
        else:
            date_start, date_end = self._get_training_local_dates()
            changes = {}
            if (session.date_start, session.date_end) != (date_start, date_end):
                changes.update(date_start=date_start, date_end=date_end)
            if employees != session.participant_ids:
                changes["participant_ids"] = [Command.set(employees.ids)]
            if self._is_training_ended() and session.state in ("draft", "scheduled"):
                changes["state"] = "done"
            if changes:
                session.write(changes)
        if not session.followup_plan_ids:
            Plan = self.env["training.followup.plan"].sudo()
            Plan.create(
                {
                    "session_id": session.id,
                    "template_id": Plan._default_template(session).id,
                    "officer_id": self._get_training_officer(session.company_id).id,
                }
            )
        return session

    def _prepare_training_session_values(self, employees):
        self.ensure_one()
        date_start, date_end = self._get_training_local_dates()
        return {
            "event_id": self.id,
            "course_id": self.training_course_id.id,
            "company_id": self._get_training_company().id,
            "date_start": date_start,
            "date_end": date_end,
            "participant_ids": [Command.set(employees.ids)],
            "state": "done" if self._is_training_ended() else "scheduled",
        }

    def _get_training_attended_domain(self):
        return [("event_id", "in", self.ids), ("state", "=", "done")]

    def _get_training_company(self):
        """The event's company; an event shared by every company follows up
        in its course's company."""
        self.ensure_one()
        return self.company_id or self.training_course_id.company_id

    def _get_training_local_dates(self):
        """The event's first and last day in its own time zone."""
        self.ensure_one()
        tz = pytz.timezone(self.date_tz or "UTC")

        def local(moment):
            return pytz.utc.localize(moment).astimezone(tz).date()

        return local(self.date_begin), local(self.date_end)

    def _is_training_ended(self):
        self.ensure_one()
        return self.date_end <= fields.Datetime.now()

    def _get_training_officer(self, company):
        """Who runs the drafted plan: the training officer who acts, else the
        event's responsible if they are one, else a training officer of the
        company."""
        officers = (
            self.env.ref("training_followup.group_training_officer")
            .sudo()
            .all_user_ids.filtered(lambda u: company in u.company_ids)
        )
        for user in (self.env.user, self.user_id):
            if user in officers:
                return user
        return officers[:1] or self.env.user

    def _check_training_syncable(self):
        for event in self:
            if not event.date_end or not event.date_begin:
                raise UserError(
                    self.env._(
                        "The training event %(event)s has no end date: its "
                        "follow-up cannot be dated.",
                        event=event.name,
                    )
                )

    def _training_attendees(self, registrations, strict=True):
        """{registration: employee} of these events' `registrations`: the
        active employee of the event's company whose work contact is the
        registration's contact (no login needed). Strict, an attendee who is
        no employee's work contact, or an employee of another company, is
        refused; else they are left out."""
        Employee = self.env["hr.employee"].sudo()
        employees = Employee.search(
            [("work_contact_id", "in", registrations.partner_id.ids)]
        )
        by_partner = employees.grouped("work_contact_id")
        result = {}
        for registration in registrations:
            event = registration.event_id
            company = event._get_training_company()
            candidates = by_partner.get(registration.partner_id, Employee)
            employee = candidates.filtered(lambda e, c=company: e.company_id == c)[:1]
            if employee:
                result[registration] = employee
            elif strict and not candidates:
                raise UserError(
                    self.env._(
                        "%(attendee)s attended the training event %(event)s but "
                        "is no employee's work contact: only employees are "
                        "followed up. Register the employee's work contact "
                        "instead.",
                        attendee=registration.display_name,
                        event=event.name,
                    )
                )
            elif strict:
                raise UserError(
                    self.env._(
                        "%(employee)s works for %(employee_company)s, not for "
                        "%(company)s which holds the training event %(event)s.",
                        employee=candidates[0].name,
                        employee_company=candidates[0].company_id.name,
                        company=company.name,
                        event=event.name,
                    )
                )
        return result

    @api.model
    def _cron_training_sync_ended(self):
        """P4.1: the training events ended lately whose session is not done
        yet (or has no plan) are followed up, in batches; an event whose
        attendance is refused is left for the officer and logged."""
        now = fields.Datetime.now()
        events = self.sudo().search(
            [
                ("training_course_id", "!=", False),
                ("date_end", "<=", now),
                ("date_end", ">=", now - timedelta(days=SYNC_LOOKBACK_DAYS)),
                ("registration_ids.state", "=", "done"),
                "|",
                ("training_session_id", "=", False),
                "&",
                ("training_session_id.state", "in", ("draft", "scheduled", "done")),
                "|",
                ("training_session_id.state", "!=", "done"),
                ("training_session_id.followup_plan_ids", "=", False),
            ]
        )
        Cron = self.env["ir.cron"]
        for index, event in enumerate(events, start=1):
            try:
                with self.env.cr.savepoint():
                    event._training_sync_sessions()
            except (UserError, ValidationError) as error:
                _logger.warning(
                    "Training event %s not followed up: %s", event.id, error
                )
            if not Cron._commit_progress(1, remaining=len(events) - index):
                break
        return events
