from odoo import Command, fields, models
from odoo.addons.training_followup.tools.process_guard import process_action
from odoo.exceptions import UserError, ValidationError


class SlideChannelPartner(models.Model):
    """An attendee of an eLearning course. Completing a course that requires
    follow-up makes the employee a participant of its follow-up plan of the
    month, their day 0 the day they completed it (P4.1)."""

    _name = "slide.channel.partner"
    _inherit = ["slide.channel.partner", "training.process.guard"]
    # P4.1: what the completion itself records; nobody types it
    _process_fields = (
        "training_completion_date",
        "training_employee_id",
        "training_session_id",
    )

    training_completion_date = fields.Date(
        string="Completed On",
        readonly=True,
        copy=False,
        help="Day 0 of the attendee's follow-up: the day they completed the "
        "course. Every deadline of their follow-up counts from it.",
    )
    training_employee_id = fields.Many2one(
        "hr.employee",
        string="Followed-up Employee",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    training_session_id = fields.Many2one(
        "training.session",
        string="Follow-up Session",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
    )

    def _post_completion_update_hook(self, completed=True):
        result = super()._post_completion_update_hook(completed=completed)
        if completed:
            self._training_followup_completion()
        return result

    @process_action
    def _training_followup_completion(self):
        """P4.1: each employee who completes a course requiring follow-up
        joins its running plan of the month (made when needed). A completion
        already followed up (the course completed again) adds nothing; an
        attendee who cannot be followed up keeps their completion, and the
        course says why nobody follows them up."""
        memberships = self.sudo().filtered(
            lambda m: (
                m.member_status == "completed"
                and m.channel_id.training_course_id
                and not m.training_completion_date
            )
        )
        for membership in memberships:
            try:
                with self.env.cr.savepoint():
                    membership._training_join_plan()
            except (UserError, ValidationError) as error:
                # the follow-up refused (the employee already takes part in
                # a session of this course over these days...): the learner
                # keeps their completion, the course's note says why
                reason = error.args[0]
                name = membership.partner_id.name
                membership.channel_id._post_training_refusal(
                    lambda c, reason=reason, name=name: c.env._(
                        "The follow-up of %(attendee)s, who completed this course, "
                        "could not start: %(reason)s",
                        attendee=name,
                        reason=reason,
                    )
                )

    def _get_training_employee(self):
        """The employee who completed: of the attendee's user, or whose work
        contact the attendee is; one of the course's company first."""
        self.ensure_one()
        employees = (
            self.env["hr.employee"]
            .sudo()
            .search(
                [
                    "|",
                    ("user_id.partner_id", "=", self.partner_id.id),
                    ("work_contact_id", "=", self.partner_id.id),
                ]
            )
        )
        company = self.channel_id.training_company_id
        return employees.filtered(lambda e: e.company_id == company)[:1] or employees

    def _check_training_joinable(self, employee, officer, template):
        """Why this completion cannot be followed up, as a function of the
        channel that renders it in its reader's language; None when it can."""
        channel = self.channel_id
        company = channel.training_company_id
        partner = self.partner_id.name
        if not employee:
            return lambda c: c.env._(
                "%(attendee)s completed this course but is not an employee of "
                "%(company)s: no follow-up was started. A course that requires "
                "follow-up is an internal training; only the completions of "
                "employees are followed up.",
                attendee=partner,
                company=company.name,
            )
        if employee.company_id != company:
            return lambda c: c.env._(
                "%(attendee)s completed this course but is an employee of "
                "%(other)s, not of %(company)s, which follows this course up: "
                "no follow-up was started.",
                attendee=partner,
                other=employee.company_id.name,
                company=company.name,
            )
        if not officer:
            return lambda c: c.env._(
                "%(attendee)s completed this course, but %(company)s has no "
                "training officer to run the follow-up: no follow-up was started.",
                attendee=partner,
                company=company.name,
            )
        if not template.line_ids:
            return lambda c: c.env._(
                "%(attendee)s completed this course, but %(company)s has no "
                "follow-up template with steps: no follow-up was started.",
                attendee=partner,
                company=company.name,
            )
        return None

    def _training_join_plan(self):
        """The employee joins the running plan of the course and month (the
        participants' write starts their follow-up,
        training.session._followup_participants_changed), or a new session
        whose plan is made and communicated here (its kick-off, P4.1)."""
        self.ensure_one()
        channel = self.channel_id.with_company(self.channel_id.training_company_id)
        employee = self._get_training_employee()
        day = fields.Date.context_today(self)
        session = self.env["training.session"].search(
            channel._get_training_session_domain(day), order="date_start", limit=1
        )
        Plan = self.env["training.followup.plan"]
        officer = session.followup_plan_id.officer_id or channel._get_training_officer()
        template = session.followup_plan_id.template_id or Plan._default_template(
            self.env["training.session"].new(
                {
                    "course_id": channel.training_course_id.id,
                    "company_id": channel.training_company_id.id,
                }
            )
        )
        refusal = self._check_training_joinable(employee, officer, template)
        if refusal:
            channel._post_training_refusal(refusal)
            return
        if session and employee in session.participant_ids:
            # followed up already in this month's plan (another contact of theirs)
            return
        values = {"training_completion_date": day, "training_employee_id": employee.id}
        if session:
            # day 0 known before the follow-up is made (training.session._get_day_zero)
            self.write({**values, "training_session_id": session.id})
            session.write(
                {
                    "participant_ids": [Command.link(employee.id)],
                    "date_end": max(session.date_end, day),
                }
            )
            return
        session = channel._training_new_session(employee, day)
        self.write({**values, "training_session_id": session.id})
        plan = Plan.create(
            {
                "session_id": session.id,
                "template_id": template.id,
                "officer_id": officer.id,
            }
        )
        plan.action_communicate()
