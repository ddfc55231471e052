from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.addons.training_followup.tools.process_guard import process_action
from odoo.addons.training_followup.tools.reader_language import for_reader
from odoo.exceptions import AccessError, ValidationError

OFFICER_GROUP = "training_followup.group_training_officer"


class SlideChannel(models.Model):
    """An eLearning course that requires follow-up (P4.1): the employees who
    complete it join its follow-up plan of the month."""

    _inherit = "slide.channel"

    training_course_id = fields.Many2one(
        "training.course",
        string="Follow-up Course",
        tracking=True,
        index="btree_not_null",
        help="Set it and every employee who completes this eLearning course is "
        "followed up: they join the course's follow-up plan of the month, and "
        "the deadlines of their follow-up count from the day they completed it, "
        "in working days of the company calendar.",
    )
    training_company_id = fields.Many2one(
        "res.company",
        string="Follow-up Company",
        compute="_compute_training_company_id",
        store=True,
        readonly=False,
        precompute=True,
        help="The company whose employees are followed up after completing this "
        "course: the company of its website, else the one chosen here.",
    )
    training_session_ids = fields.One2many(
        "training.session", "slide_channel_id", string="Follow-up Sessions"
    )
    training_session_count = fields.Integer(
        compute="_compute_training_counts", groups=OFFICER_GROUP
    )
    training_plan_count = fields.Integer(
        compute="_compute_training_counts", groups=OFFICER_GROUP
    )

    @api.depends("website_id")
    def _compute_training_company_id(self):
        for channel in self:
            channel.training_company_id = (
                channel.website_id.company_id
                or channel.training_company_id
                or self.env.company
            )

    def _compute_training_counts(self):
        sessions = dict(
            self.env["training.session"]._read_group(
                [("slide_channel_id", "in", self.ids)],
                ["slide_channel_id"],
                ["__count"],
            )
        )
        plans = dict(
            self.env["training.followup.plan"]._read_group(
                [("session_id.slide_channel_id", "in", self.ids)],
                ["session_id.slide_channel_id"],
                ["__count"],
            )
        )
        for channel in self:
            channel.training_session_count = sessions.get(channel, 0)
            channel.training_plan_count = plans.get(channel, 0)

    @api.constrains("training_course_id", "training_company_id")
    def _check_training_course_company(self):
        """P4.1: a course followed up by the channel's company only."""
        for channel in self.filtered("training_course_id"):
            course = channel.sudo().training_course_id
            if course.company_id != channel.training_company_id:
                raise ValidationError(
                    self.env._(
                        "The training course %(course)s belongs to %(course_company)s, "
                        "but the completions of the eLearning course %(channel)s are "
                        "followed up by %(company)s. Choose a course of %(company)s.",
                        course=course.name,
                        course_company=course.company_id.name,
                        channel=channel.name,
                        company=channel.training_company_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        if any(vals.get("training_course_id") for vals in vals_list):
            self._check_training_course_writer()
        return super().create(vals_list)

    def write(self, vals):
        if "training_course_id" in vals and any(
            channel.training_course_id.id != (vals["training_course_id"] or False)
            for channel in self
        ):
            self._check_training_course_writer()
        return super().write(vals)

    def _check_training_course_writer(self):
        """Whether completions are followed up is the training officers'
        choice (P2.1): an eLearning officer who is not one cannot make it."""
        if self.env.su or self.env.user.has_group(OFFICER_GROUP):
            return
        raise AccessError(
            self.env._(
                "Only a training officer decides whether the completions of an "
                "eLearning course are followed up."
            )
        )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_view_training_sessions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "training_followup.training_session_action"
        )
        action["domain"] = [("slide_channel_id", "=", self.id)]
        action["context"] = {"create": False}
        return action

    def action_view_training_plans(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "training_followup.training_followup_plan_action"
        )
        action["domain"] = [("session_id.slide_channel_id", "=", self.id)]
        action["context"] = {"create": False}
        return action

    # ------------------------------------------------------------------
    # The follow-up of a completion (P4.1)
    # ------------------------------------------------------------------
    def _get_training_session_domain(self, day):
        """The session of this course and month whose plan is running."""
        self.ensure_one()
        month_start = day.replace(day=1)
        return [
            ("slide_channel_id", "=", self.id),
            ("company_id", "=", self.training_company_id.id),
            ("date_start", ">=", month_start),
            ("date_start", "<", month_start + relativedelta(months=1)),
            ("followup_plan_ids.state", "in", ("running", "analysing")),
        ]

    def _get_training_officer(self):
        """Who runs the plans made for this course: its responsible when a
        training officer of its company, else the first training officer of
        the company (those whose main company it is first)."""
        self.ensure_one()
        company = self.training_company_id
        officers = (
            self.env.ref(OFFICER_GROUP)
            .sudo()
            .all_user_ids.filtered(
                lambda u: u.active and not u.share and company in u.company_ids
            )
        )
        if self.user_id in officers:
            return self.user_id
        return officers.sorted(lambda u: (u.company_id != company, u.id))[:1]

    def _prepare_training_session_values(self, employee, day):
        self.ensure_one()
        return {
            "course_id": self.training_course_id.id,
            "company_id": self.training_company_id.id,
            "slide_channel_id": self.id,
            "date_start": day,
            "date_end": day,
            "participant_ids": [Command.set(employee.ids)],
            "state": "done",
        }

    @process_action
    def _training_new_session(self, employee, day):
        """The session of this course for the month of `day`: done, with
        `employee`, whose completion opens it, as its first participant."""
        self.ensure_one()
        return self.env["training.session"].create(
            self._prepare_training_session_values(employee, day)
        )

    def _post_training_refusal(self, render):
        """No follow-up was started: the course's followers who work on it
        read why, in the language of its responsible, as an internal note."""
        self.ensure_one()
        channel = for_reader(self.sudo(), self.user_id)
        channel.message_post(
            body=Markup("<p>%s</p>") % render(channel),
            author_id=self.env.ref("base.partner_root").id,
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
