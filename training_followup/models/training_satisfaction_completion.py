from markupsafe import Markup

from odoo import api, fields, models

from ..tools.process_guard import process_action
from ..tools.reader_language import for_reader

COMPLETION_STATES = [
    ("pending", "Not Answered"),
    ("answered", "Answered"),
]
# invitations rendered and sent per batch of the sending job
INVITATION_BATCH = 200
REACH = [
    ("user", "Odoo Login"),
    ("email", "Personal Link by Email"),
    ("sheet", "Printed Sheet"),
    ("none", "No Way to Answer Yet"),
]


class TrainingSatisfactionCompletion(models.Model):
    """Whether one participant has answered the anonymous questionnaire
    (P3.1.4). It knows WHO answered and when (the day), never WHAT: it has no
    link to the answer sheet. Its questionnaire step drives the reminders and
    escalations of the non-respondents, as every other deadline does."""

    _name = "training.satisfaction.completion"
    _inherit = ["training.personal.link", "training.process.guard"]
    # P3.1.4: who was asked and who answered is recorded by the questionnaire only
    _process_fields = (
        "questionnaire_id",
        "followup_id",
        "step_id",
        "state",
        "date_answered",
        "invitation_sent",
        "sheet_handed_out",
    )
    _description = "Questionnaire Completion"
    _link_letter = "q"
    _order = "state desc, employee_id"
    _rec_name = "employee_id"

    questionnaire_id = fields.Many2one(
        "training.satisfaction.questionnaire",
        required=True,
        ondelete="cascade",
        index=True,
        readonly=True,
    )
    plan_id = fields.Many2one(related="questionnaire_id.plan_id", store=True)
    company_id = fields.Many2one(related="questionnaire_id.company_id", store=True)
    followup_id = fields.Many2one(
        "training.followup", required=True, ondelete="cascade", readonly=True
    )
    employee_id = fields.Many2one(
        related="followup_id.employee_id", store=True, index=True
    )
    user_id = fields.Many2one(
        related="followup_id.employee_user_id", store=True, index=True
    )
    department_id = fields.Many2one(
        related="followup_id.department_id", store=True, string="Department"
    )
    step_id = fields.Many2one(
        "training.followup.step", ondelete="set null", readonly=True
    )
    date_deadline = fields.Date(related="step_id.date_deadline", string="Answer By")
    state = fields.Selection(
        COMPLETION_STATES, default="pending", required=True, readonly=True, index=True
    )
    date_answered = fields.Date(readonly=True)
    # the response rate by course or month, in pivots and graphs: each
    # participant's own row says whether they answered, so that answering
    # writes no row shared with the others
    course_id = fields.Many2one(related="plan_id.course_id", store=True)
    date_end = fields.Date(
        related="plan_id.date_end", string="Training End Date", store=True
    )
    answered_count = fields.Integer(
        string="Answers", compute="_compute_answered", store=True, aggregator="sum"
    )
    response_rate = fields.Float(
        compute="_compute_answered",
        store=True,
        aggregator="avg",
        help="Answers per participant, in percent.",
    )
    answer_url = fields.Char(compute="_compute_answer_url")
    invitation_sent = fields.Boolean(
        readonly=True,
        copy=False,
        help="The invitation went out (mail with the page or the personal link), "
        "or there was no address to send it to.",
    )
    sheet_handed_out = fields.Boolean(
        readonly=True,
        help="The printed feedback sheet with this participant's personal link "
        "was handed out.",
    )
    reach = fields.Selection(
        REACH,
        string="How Reached",
        compute="_compute_reach",
        store=True,
        help="How this participant can answer: with their Odoo login, through "
        "the personal link mailed to them, through the printed sheet, or not yet "
        "at all (print the feedback sheet for them).",
    )
    reached_count = fields.Integer(
        string="Reachable",
        compute="_compute_reach",
        store=True,
        aggregator="sum",
        help="1 when the participant has a way to answer.",
    )

    _followup_unique = models.Constraint(
        "unique(questionnaire_id, followup_id)",
        "A participant answers a questionnaire once.",
    )

    @api.depends("state")
    def _compute_answered(self):
        for completion in self:
            answered = completion.state == "answered"
            completion.answered_count = int(answered)
            completion.response_rate = 100.0 if answered else 0.0

    @api.depends(
        "user_id",
        "employee_id.work_email",
        "employee_id.private_email",
        "sheet_handed_out",
    )
    def _compute_reach(self):
        for completion in self:
            employee = completion.sudo().employee_id
            if completion.user_id:
                reach = "user"
            elif employee.work_email or employee.private_email:
                reach = "email"
            elif completion.sheet_handed_out:
                reach = "sheet"
            else:
                reach = "none"
            completion.reach = reach
            completion.reached_count = int(reach != "none")

    def _get_link_state(self):
        self.ensure_one()
        if self.state == "answered":
            return "used"
        step = self.step_id
        if (
            self.plan_id.state == "closed"
            or self.followup_id.state == "cancelled"
            or (step and step.state != "todo")
        ):
            return "expired"
        return "open"

    def _compute_answer_url(self):
        for completion in self:
            completion.answer_url = f"/training/questionnaire/{completion.id}"

    @process_action
    def _mark_answered(self):
        """The participant answered: the day, and the step done on time or
        late. Nothing here points to the answers."""
        self.sudo().write(
            {"state": "answered", "date_answered": fields.Date.context_today(self)}
        )
        self.sudo().step_id.filtered(lambda s: s.state == "todo")._mark_done(self)

    @api.model
    @process_action
    def _send_pending_invitations(self, limit=INVITATION_BATCH):
        """One batch of the invitations not sent yet, oldest first: (sent,
        still to send). Marked sent in the transaction that makes the mails,
        so that a batch is never sent twice."""
        domain = [("invitation_sent", "=", False), ("state", "=", "pending")]
        batch = self.sudo().search(domain, limit=limit, order="id")
        batch._send_invitation()
        batch.invitation_sent = True
        return len(batch), self.sudo().search_count(domain)

    @api.model
    def _cron_send_invitations(self):
        """The invitations of the questionnaires just sent, in batches: a
        kick-off of thousands of participants does not render thousands of
        mails in the officer's request. Running it twice, or on two workers,
        sends nothing twice (the scheduler runs one job at a time)."""
        Cron = self.env["ir.cron"]
        while True:
            sent, remaining = self._send_pending_invitations()
            if not Cron._commit_progress(sent, remaining=remaining) or not remaining:
                return

    def _send_invitation(self):
        """The invitation: to the participants who log in, with the page of
        their to-do; to the others who have an e-mail address (work, else
        private), with their personal link. The rest get the printed sheet."""
        with_user = self.filtered("user_id")
        if with_user:
            template = self.env.ref(
                "training_followup.mail_template_questionnaire_invitation"
            ).sudo()
            template.send_mail_batch(with_user.ids)
        by_mail = (self - with_user).filtered(lambda c: c.reach == "email")
        if by_mail:
            template = self.env.ref(
                "training_followup.mail_template_questionnaire_link"
            ).sudo()
            template.send_mail_batch(by_mail.ids)
        return with_user | by_mail


class TrainingFollowupStep(models.Model):
    """P3.1.4: the to-do of a questionnaire step holds the participant's
    link to the anonymous questionnaire (the step's note hook)."""

    # a satellite extends the step from its own file (docs/architecture.md,
    # "The sources of a step, declared once"): kept apart on purpose
    _inherit = "training.followup.step"  # pylint: disable=consider-merging-classes-inherited

    def _get_activity_notes(self):
        notes = super()._get_activity_notes()
        questionnaire_steps = self.filtered(lambda s: s.step_type == "questionnaire")
        if not questionnaire_steps:
            return notes
        completions = (
            self.env["training.satisfaction.completion"]
            .sudo()
            .search([("step_id", "in", questionnaire_steps.ids)])
        )
        for completion in completions:
            # an officer standing in for an employee without a user gets no link
            if completion.user_id != completion.step_id.user_id:
                continue
            label = for_reader(self, completion.user_id).env._(
                "Answer the anonymous questionnaire"
            )
            notes[completion.step_id.id] = Markup('<p><a href="%s">%s</a></p>') % (
                completion.answer_url,
                label,
            )
        return notes
