from odoo import api, fields, models

COMPLETION_STATES = [
    ("pending", "Not Answered"),
    ("answered", "Answered"),
]


class TrainingSatisfactionCompletion(models.Model):
    """Whether one participant has answered the anonymous questionnaire
    (P3.1.4). It knows WHO answered and when (the day), never WHAT: it has no
    link to the answer sheet. Its questionnaire step drives the reminders and
    escalations of the non-respondents, as every other deadline does."""

    _name = "training.satisfaction.completion"
    _description = "Questionnaire Completion"
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
    date_due = fields.Date(related="step_id.date_due", string="Answer By")
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

    def _compute_answer_url(self):
        for completion in self:
            completion.answer_url = f"/training/questionnaire/{completion.id}"

    def _mark_answered(self):
        """The participant answered: the day, and the step done on time or
        late. Nothing here points to the answers."""
        self.sudo().write(
            {"state": "answered", "date_answered": fields.Date.context_today(self)}
        )
        self.sudo().step_id.filtered(lambda s: s.state == "todo")._mark_done(self)

    def _send_invitation(self):
        """The invitation with the link, to every participant who can log in."""
        with_user = self.filtered("user_id")
        if with_user:
            template = self.env.ref(
                "training_followup.mail_template_questionnaire_invitation"
            ).sudo()
            template.send_mail_batch(with_user.ids)
        return with_user

    def action_answer(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "url": self.answer_url,
            "target": "self",
        }
