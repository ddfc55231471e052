import hashlib
from collections import Counter

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from ..tools.anonymity import hidden_groups
from ..tools.process_guard import process_action

RATINGS = range(1, 6)
TEXT_MAX_LENGTH = 4000


class TrainingSatisfactionQuestionnaire(models.Model):
    """The anonymous training-effect questionnaire of one plan (P3.1.4).

    Who has answered is kept on the completions (one per participant); what
    was answered is kept on anonymous answer sheets that name nobody. The
    sheets are made blank at kick-off, one per participant, and an answer
    fills a sheet picked at random: neither their ids, nor their columns, nor
    their timestamps tell who answered or when (docs/anonymity.md)."""

    _name = "training.satisfaction.questionnaire"
    _inherit = ["training.company.link", "training.process.guard"]
    _company_parent_field = "plan_id"
    # P3.1.4: the collection is opened, closed and released by the
    # questionnaire's actions
    _process_fields = (
        "plan_id",
        "participant_count",
        "collection_state",
        "date_released",
        "date_deadline",
    )
    _description = "Training-effect Questionnaire"
    _order = "date_end desc, id desc"
    _rec_name = "plan_id"

    plan_id = fields.Many2one(
        "training.followup.plan", required=True, ondelete="cascade", readonly=True
    )
    session_id = fields.Many2one(related="plan_id.session_id", store=True)
    course_id = fields.Many2one(related="plan_id.course_id", store=True)
    course_type = fields.Selection(related="session_id.course_type", store=True)
    trainer_employee_id = fields.Many2one(
        related="session_id.trainer_employee_id", string="Internal Trainer", store=True
    )
    trainer_partner_id = fields.Many2one(
        related="session_id.trainer_partner_id", string="External Trainer", store=True
    )
    company_id = fields.Many2one(related="plan_id.company_id", store=True)
    officer_id = fields.Many2one(related="plan_id.officer_id")
    date_end = fields.Date(
        related="session_id.date_end", string="Training End Date", store=True
    )
    date_deadline = fields.Date(
        string="Answer By",
        readonly=True,
        help="Within the weeks after the training set in the settings.",
    )
    question_ids = fields.One2many(
        "training.satisfaction.question", "questionnaire_id", string="Questions"
    )
    completion_ids = fields.One2many(
        "training.satisfaction.completion", "questionnaire_id", string="Completions"
    )
    # set at kick-off; the answers are counted from the completions, so that
    # answering writes no row shared by the participants (several workers)
    participant_count = fields.Integer(string="Participants", readonly=True, default=0)
    answer_count = fields.Integer(
        string="Answers",
        compute="_compute_answer_count",
        search="_search_answer_count",
    )
    response_rate = fields.Float(
        compute="_compute_answer_count", help="Answers per participant, in percent."
    )
    missing_count = fields.Integer(
        string="Not Answered Yet", compute="_compute_answer_count"
    )
    unreachable_count = fields.Integer(
        string="No Way to Answer",
        compute="_compute_reach_counts",
        help="Participants without an Odoo login, an e-mail address or a printed "
        "feedback sheet: print the feedback sheets of the plan for them.",
    )
    reachable_response_rate = fields.Float(
        string="Response Rate of the Reachable",
        compute="_compute_reach_counts",
        help="Answers per participant who had a way to answer, in percent.",
    )
    # frozen at kick-off: changing the settings later does not lower the
    # anonymity promised to the people who were invited
    min_group_size = fields.Integer(
        string="Minimum Group",
        readonly=True,
        help="Results are released in groups of at least this many answers; "
        "copied from the settings when the questionnaire was sent and never "
        "lowered once an answer exists.",
    )
    collection_state = fields.Selection(
        [("collecting", "Collecting Answers"), ("closed", "Collection Closed")],
        default="collecting",
        required=True,
        readonly=True,
        index=True,
        help="Nothing of the answers is shown while they are collected. When the "
        "collection closes (its date has passed, or the training officer closes "
        "it), the answers are released if there are at least the minimum group.",
    )
    date_released = fields.Date(string="Last Release", readonly=True)
    released_count = fields.Integer(
        string="Released Answers", compute="_compute_released_count"
    )
    unreleased_count = fields.Integer(
        string="Answers Waiting for Release",
        compute="_compute_released_count",
        help="Answers that arrived after the last release: they are added to the "
        "results together, once at least the minimum group of them has arrived.",
    )
    results_visible = fields.Boolean(compute="_compute_results")
    results_html = fields.Html(
        string="Results", compute="_compute_results", sanitize=False
    )
    suggestions_html = fields.Html(
        string="Suggestions", compute="_compute_results", sanitize=False
    )

    _plan_unique = models.Constraint(
        "unique(plan_id)", "A follow-up plan has one questionnaire."
    )

    @api.depends("completion_ids.state", "participant_count")
    def _compute_answer_count(self):
        answered = dict(
            self.env["training.satisfaction.completion"]
            .sudo()
            ._read_group(
                [("questionnaire_id", "in", self.ids), ("state", "=", "answered")],
                ["questionnaire_id"],
                ["__count"],
            )
        )
        for questionnaire in self:
            count = answered.get(questionnaire._origin, 0)
            questionnaire.answer_count = count
            questionnaire.missing_count = questionnaire.participant_count - count
            questionnaire.response_rate = (
                100.0 * count / questionnaire.participant_count
                if questionnaire.participant_count
                else 0.0
            )

    def _search_answer_count(self, operator, value):
        """Questionnaires by their number of answers (e.g. none yet)."""
        if operator not in ("=", "!=", "<", "<=", ">", ">=") or not isinstance(
            value, int
        ):
            return NotImplemented
        query = SQL(
            """
            SELECT questionnaire.id
              FROM training_satisfaction_questionnaire questionnaire
              LEFT JOIN training_satisfaction_completion completion
                ON completion.questionnaire_id = questionnaire.id
               AND completion.state = 'answered'
             GROUP BY questionnaire.id
            HAVING COUNT(completion.id) %s %s
            """,
            SQL(operator),
            value,
        )
        return [("id", "in", query)]

    def _compute_reach_counts(self):
        """Honest rates: who could be reached at all, and how many of them
        answered (one grouped read)."""
        groups = (
            self.env["training.satisfaction.completion"]
            .sudo()
            ._read_group(
                [("questionnaire_id", "in", self.ids)],
                ["questionnaire_id"],
                ["__count", "reached_count:sum", "answered_count:sum"],
            )
        )
        counts = {questionnaire: rest for questionnaire, *rest in groups}
        for questionnaire in self:
            total, reached, answered = counts.get(questionnaire._origin, (0, 0, 0))
            questionnaire.unreachable_count = total - reached
            questionnaire.reachable_response_rate = (
                100.0 * answered / reached if reached else 0.0
            )

    def _compute_released_count(self):
        """Sheets released and sheets answered but not released yet: counts
        only, which the completions tell anyway."""
        released = dict(
            self.env["training.satisfaction.answer"]
            .sudo()
            ._read_group(
                [("questionnaire_id", "in", self.ids), ("released", "=", True)],
                ["questionnaire_id"],
                ["__count"],
            )
        )
        for questionnaire in self:
            count = released.get(questionnaire._origin, 0)
            questionnaire.released_count = count
            questionnaire.unreleased_count = max(questionnaire.answer_count - count, 0)

    @api.depends("answer_count", "min_group_size", "collection_state")
    def _compute_results(self):
        """P3.1.4: nothing of the answers while they are collected (else the
        figures read before and after one named person answers would show
        that person's answers); then only what was released, in groups of at
        least the minimum size."""
        for questionnaire in self:
            visible = questionnaire.released_count > 0
            questionnaire.results_visible = visible
            if not visible:
                questionnaire.results_html = questionnaire.suggestions_html = (
                    Markup('<p class="text-muted">%s</p>')
                    % questionnaire._get_unreleased_reason()
                )
                continue
            questionnaire.results_html = questionnaire._render_ratings()
            questionnaire.suggestions_html = questionnaire._render_suggestions()

    def _get_unreleased_reason(self):
        self.ensure_one()
        if self.collection_state == "collecting":
            return self.env._(
                "The results are released when the collection closes (on "
                "%(date)s, or earlier by the training officer) with at least "
                "%(minimum)s answers. Nothing is shown while answers are being "
                "collected, so that nobody's answers can be recognised.",
                date=self.date_deadline or "",
                minimum=self.min_group_size,
            )
        return self.env._(
            "Fewer than %(minimum)s participants answered (%(count)s so far): "
            "the results stay hidden so that nobody's answers can be recognised.",
            minimum=self.min_group_size,
            count=self.answer_count,
        )

    def write(self, vals):
        """The minimum group is frozen: it can be raised, never lowered once
        somebody has answered (they answered under that promise)."""
        if "min_group_size" in vals:
            minimum = vals["min_group_size"] or 0
            if minimum < 2:
                raise UserError(self.env._("The minimum group is at least 2 answers."))
            for questionnaire in self:
                if minimum < questionnaire.min_group_size and (
                    questionnaire.answer_count
                ):
                    raise UserError(
                        self.env._(
                            "The minimum group of a questionnaire that has answers "
                            "can only be raised (now %(minimum)s).",
                            minimum=questionnaire.min_group_size,
                        )
                    )
        return super().write(vals)

    # ------------------------------------------------------------------
    # Kick-off
    # ------------------------------------------------------------------
    @api.model
    @process_action
    def _create_for_plan(self, plan, steps):
        """At kick-off (P4.1): the questionnaire of the plan with a copy of the
        default question set, one completion per participant with a
        questionnaire step, and as many blank answer sheets."""
        steps = steps.filtered(lambda s: s.step_type == "questionnaire")
        if not steps:
            return self
        questions = self.env["training.satisfaction.question"]._get_default_set(
            plan.company_id
        )
        if not questions:
            raise UserError(
                self.env._(
                    "The questionnaire has no questions: add some in Configuration "
                    "> Questionnaire Questions."
                )
            )
        questionnaire = self.sudo().create(
            {
                "plan_id": plan.id,
                "date_deadline": min(steps.mapped("date_deadline")),
                "min_group_size": max(plan.company_id.training_anonymity_min_group, 2),
            }
        )
        # P2: the copies are the plan's company's, read by its people only
        questions.sudo().copy(
            {"questionnaire_id": questionnaire.id, "company_id": plan.company_id.id}
        )
        questionnaire._add_participants(steps)
        return questionnaire

    @process_action
    def _add_participants(self, steps):
        """One completion per follow-up with a questionnaire step (its first),
        as many blank sheets, and the invitations: at kick-off, and for a
        participant who joins a running plan."""
        first_steps = {}
        for step in steps.filtered(lambda s: s.step_type == "questionnaire").sorted(
            lambda s: (s.date_deadline, s.id)
        ):
            first_steps.setdefault(step.followup_id, step)
        if not self or not first_steps:
            return self.env["training.satisfaction.completion"]
        self.ensure_one()
        completions = (
            self.env["training.satisfaction.completion"]
            .sudo()
            .create(
                [
                    {
                        "questionnaire_id": self.id,
                        "followup_id": followup.id,
                        "step_id": step.id,
                    }
                    for followup, step in first_steps.items()
                ]
            )
        )
        self.sudo().participant_count += len(first_steps)
        self.env["training.satisfaction.answer"]._create_blank_sheets(
            self, len(first_steps)
        )
        # the invitations go out from a batched job, not in this request
        self.env.ref("training_followup.ir_cron_send_invitations").sudo()._trigger()
        return completions

    @process_action
    def _remove_participants(self, followups):
        """Participants who left before answering are no longer counted: their
        completion and one blank sheet go. An answer already given stays (it
        cannot be told apart from the others)."""
        completions = (
            self.env["training.satisfaction.completion"]
            .sudo()
            .search([("followup_id", "in", followups.ids), ("state", "=", "pending")])
        )
        for questionnaire in completions.questionnaire_id:
            mine = completions.filtered(
                lambda c, q=questionnaire: c.questionnaire_id == q
            )
            self.env["training.satisfaction.answer"]._delete_blank_sheets(
                questionnaire, len(mine)
            )
            questionnaire.sudo().participant_count -= len(mine)
        completions.unlink()
        return completions

    # ------------------------------------------------------------------
    # Answering
    # ------------------------------------------------------------------
    def _get_my_completion(self):
        self.ensure_one()
        return (
            self.env["training.satisfaction.completion"]
            .sudo()
            .search(
                [("questionnaire_id", "=", self.id), ("user_id", "=", self.env.uid)],
                limit=1,
            )
        )

    def _submit(self, answers, completion=None):
        """Record the answers of the current user, or of the participant of
        `completion` (their personal link): {question id: rating 1-5 or
        text}. The completion learns that the participant answered; an
        answer sheet picked at random learns what, and nothing else."""
        self.ensure_one()
        if completion is None:
            completion = self._get_my_completion()
        elif completion.questionnaire_id != self:
            completion = completion.browse()
        if not completion:
            raise UserError(
                self.env._(
                    "Only the participants of this training answer its questionnaire."
                )
            )
        # lock the completion: two submissions at once cannot both pass
        self.env.cr.execute(
            SQL(
                "SELECT state FROM training_satisfaction_completion "
                "WHERE id = %s FOR UPDATE",
                completion.id,
            )
        )
        if self.env.cr.fetchone()[0] != "pending":
            raise UserError(
                self.env._(
                    "You have already answered this questionnaire: it is answered once."
                )
            )
        if self.plan_id.state == "closed":
            raise UserError(self.env._("This follow-up plan is closed."))
        rows = self.sudo()._prepare_answer_rows(answers)
        Answer = self.env["training.satisfaction.answer"]
        sheet_id = Answer._pick_blank_sheet(self)
        if not sheet_id:
            raise UserError(self.env._("This questionnaire takes no more answers."))
        Answer._fill_sheet(sheet_id, rows, self._get_answer_department(completion))
        completion._mark_answered()
        return True

    def _prepare_answer_rows(self, answers):
        """Validate the answers: every rating question rated 1 to 5, texts of
        a reasonable length; nothing is written when one is wrong."""
        self.ensure_one()
        rows = []
        for question in self.question_ids:
            value = answers.get(question.id)
            if question.question_type == "rating":
                try:
                    rating = int(value)
                except (TypeError, ValueError):
                    rating = 0
                if rating not in RATINGS:
                    raise UserError(
                        self.env._(
                            "Please rate “%(question)s” from 1 to 5.",
                            question=question.name,
                        )
                    )
                rows.append((question.id, rating, None))
            else:
                text = (value or "").strip()
                if len(text) > TEXT_MAX_LENGTH:
                    raise UserError(
                        self.env._(
                            "Please keep your answer to “%(question)s” under "
                            "%(length)s characters.",
                            question=question.name,
                            length=TEXT_MAX_LENGTH,
                        )
                    )
                rows.append((question.id, None, text or None))
        return rows

    def _get_answer_department(self, completion):
        """The respondent's department goes on the sheet only when the plan
        has at least the minimum group of participants from it; otherwise it
        would name the respondent."""
        department = completion.sudo().department_id
        if not department:
            return department
        peers = (
            self.env["training.satisfaction.completion"]
            .sudo()
            .search_count(
                [
                    ("questionnaire_id", "=", self.id),
                    ("department_id", "=", department.id),
                ]
            )
        )
        return department if peers >= self.min_group_size else department.browse()

    # ------------------------------------------------------------------
    # Results
    # ------------------------------------------------------------------
    def _get_rating_statistics(self):
        """{question: (average, {rating: count}, answers)} of the rating
        questions of this questionnaire."""
        self.ensure_one()
        Line = self.env["training.satisfaction.answer.line"].sudo()
        groups = Line._read_group(
            [
                ("questionnaire_id", "=", self.id),
                ("answer_id.released", "=", True),
                ("rating", "!=", False),
            ],
            ["question_id", "rating"],
            ["__count"],
        )
        statistics = {}
        for question, rating, count in groups:
            _average, counts, _total = statistics.setdefault(
                question, (0.0, dict.fromkeys(RATINGS, 0), 0)
            )
            counts[rating] = count
        for question, (_average, counts, _total) in statistics.items():
            total = sum(counts.values())
            average = sum(r * n for r, n in counts.items()) / total
            statistics[question] = (average, counts, total)
        return statistics

    def _render_ratings(self):
        self.ensure_one()
        return self.env["ir.qweb"]._render(
            "training_followup.questionnaire_results_table",
            {
                "statistics": sorted(
                    self._get_rating_statistics().items(),
                    key=lambda item: (item[0].sequence, item[0].id),
                ),
                "ratings": list(RATINGS),
                "dimensions": dict(
                    self.env["training.satisfaction.question"]
                    ._fields["dimension"]
                    ._description_selection(self.env)
                ),
            },
        )

    def _render_suggestions(self):
        """The free texts of the released answers, never split by department,
        shuffled: neither in the order given nor in an order that a new text
        would shift predictably (each text's place comes from a hash)."""
        self.ensure_one()
        lines = (
            self.env["training.satisfaction.answer.line"]
            .sudo()
            .search(
                [
                    ("questionnaire_id", "=", self.id),
                    ("answer_id.released", "=", True),
                    ("value_text", "!=", False),
                ]
            )
        )
        texts = sorted(
            lines.mapped("value_text"),
            key=lambda text: hashlib.sha256(f"{self.id}:{text}".encode()).hexdigest(),
        )
        if not texts:
            return Markup('<p class="text-muted">%s</p>') % self.env._(
                "No suggestions were written."
            )
        return Markup("<ul>%s</ul>") % Markup().join(
            Markup("<li>%s</li>") % text for text in texts
        )

    # ------------------------------------------------------------------
    # Release (P3.1.4): results come out in groups, never answer by answer
    # ------------------------------------------------------------------
    @process_action
    def action_close_collection(self):
        """The training officer closes the collection before its date: the
        answers are released if at least the minimum group answered."""
        # who may close, not a process lock: like the access rights this
        # check stands for, superuser mode (the data files, the shell) passes
        if not (
            self.env.su
            or self.env.user.has_group("training_followup.group_training_officer")
        ):
            raise AccessError(
                self.env._("Only a training officer closes a questionnaire.")
            )
        self.check_access("read")
        to_close = self.filtered(lambda q: q.collection_state == "collecting")
        to_close.sudo().write({"collection_state": "closed"})
        return self.sudo()._release_answers()

    def _release_answers(self):
        """Release the answers not released yet of the closed questionnaires,
        when there are at least the minimum group of them: all together, or
        none. Their department stays on a sheet only when at least the
        minimum group of this release come from it, and when the sheets
        without one would otherwise be fewer than that (then the next
        smallest department is dropped too). Returns the sheets released."""
        Answer = self.env["training.satisfaction.answer"]
        released = []
        for questionnaire in self.filtered(lambda q: q.collection_state == "closed"):
            rows = Answer._lock_waiting_sheets(questionnaire)
            minimum = questionnaire.min_group_size
            if not rows or len(rows) < minimum:
                continue
            kept = self._departments_to_keep(
                [department for _sheet, department in rows], minimum
            )
            sheet_ids = [sheet for sheet, _department in rows]
            Answer._release_sheets(sheet_ids, kept)
            questionnaire.date_released = fields.Date.context_today(self)
            released += sheet_ids
        self.invalidate_recordset(["results_html", "suggestions_html"])
        return Answer.browse(released)

    @api.model
    def _departments_to_keep(self, departments, minimum):
        """The departments (ids) that may stay on the sheets of one release:
        the same suppression as every grouped view, the sheets without a
        department counting as a group left out (its total is known)."""
        counts = Counter(departments)
        rows = list(counts.items())
        without = [i for i, (department, _n) in enumerate(rows) if department is None]
        hidden = hidden_groups(rows, 1, minimum, hidden=without)
        return {rows[i][0] for i in range(len(rows)) if i not in hidden}

    @api.model
    @process_action
    def _cron_release_answers(self):
        """Daily: close the collections whose date has passed, then release
        what can be released (also answers that came after a release, once
        there are enough of them). Running it twice releases nothing twice."""
        today = fields.Date.context_today(self)
        due = self.search(
            [("collection_state", "=", "collecting"), ("date_deadline", "<", today)]
        )
        due.write({"collection_state": "closed"})
        # only the questionnaires holding answers not released yet
        Answer = self.env["training.satisfaction.answer"]
        waiting = self.browse(Answer._get_questionnaires_waiting_release())
        waiting = waiting.filtered(lambda q: q.collection_state == "closed")
        return len(waiting._release_answers())

    @api.model
    def _cron_reseal_answers(self):
        """Daily: seal the answer sheets filled since the last run (see
        training.satisfaction.answer._reseal_answered_sheets). Running it
        twice is harmless."""
        return self.env["training.satisfaction.answer"]._reseal_answered_sheets()

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_view_missing(self):
        """Who has not answered yet (never what anybody answered)."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "training_followup.training_satisfaction_completion_action"
        )
        action["domain"] = [("questionnaire_id", "=", self.id)]
        action["context"] = {"search_default_pending": 1}
        return action
