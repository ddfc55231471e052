from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..tools.process_guard import process_action
from ..tools.reader_language import (
    installed_langs,
    stored_translations,
    write_translations,
)
from .training_satisfaction_completion import COMPLETION_STATES

FOLLOWUP_STATES = [
    ("running", "Running"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
]
# P3.1.1: the follow-ups that keep a line on their employee's resume; a
# cancelled one keeps the line it had, frozen (an archived employee), unless
# its participant was removed from the training (the line goes)
RESUME_STATES = ("running", "done")


class TrainingFollowup(models.Model):
    """One employee and one training: the training application record
    (培训应用档案, P3.2.1) that gathers every result of the follow-up in the one
    follow-up database of P4.2."""

    _name = "training.followup"
    _description = "Training Follow-up"
    # its chatter is written in its employee's language (reader_language)
    _training_reader_employee = "employee_id"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "training.company.link",
        "training.process.guard",
    ]
    # P3.2: a follow-up ends with its plan or its participant
    # P3.1.1: the resume line is written by the follow-up's sync alone
    _process_fields = ("state", "resume_line_id")
    _check_company_auto = True
    _company_parent_field = "plan_id"
    _mail_post_access = "read"
    _order = "date_end desc, employee_id"
    _rec_name = "employee_id"

    plan_id = fields.Many2one(
        "training.followup.plan", required=True, ondelete="cascade", index=True
    )
    session_id = fields.Many2one(
        related="plan_id.session_id", store=True, index=True, precompute=True
    )
    course_id = fields.Many2one(
        related="plan_id.course_id", store=True, precompute=True
    )
    company_id = fields.Many2one(
        related="plan_id.company_id", store=True, precompute=True
    )
    date_start = fields.Date(related="session_id.date_start", string="Training Start")
    # P4.1: day 0 of this participant's follow-up, set by the process
    date_end = fields.Date(
        string="Training End",
        compute="_compute_date_end",
        store=True,
        precompute=True,
        index=True,
        help="Day 0 of this follow-up: every deadline of its steps counts from it "
        "in working days of the company calendar. It is the training's end, or "
        "the participant's own end when the training gives one (the end of their "
        "time slot of an event, the day they completed an online course).",
    )
    content_summary = fields.Text(related="course_id.content_summary")
    employee_id = fields.Many2one(
        "hr.employee",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    employee_user_id = fields.Many2one(
        related="employee_id.user_id",
        string="Employee User",
        store=True,
        index=True,
        precompute=True,
    )
    department_id = fields.Many2one(
        "hr.department",
        string="Employing Department",
        compute="_compute_department_id",
        store=True,
        precompute=True,
    )
    manager_user_id = fields.Many2one(
        "res.users",
        string="Manager",
        index=True,
        help="The manager of the employing department who evaluates, "
        "observes and guides the employee.",
    )
    state = fields.Selection(FOLLOWUP_STATES, default="running", required=True)
    step_ids = fields.One2many("training.followup.step", "followup_id", string="Steps")
    assessment_ids = fields.One2many(
        "training.assessment", "followup_id", string="Knowledge Tests"
    )
    knowledge_grade = fields.Selection(
        related="assessment_id.grade", string="Knowledge Grade"
    )
    assessment_id = fields.Many2one(
        "training.assessment",
        string="Latest Test",
        compute="_compute_assessment_id",
        store=True,
    )
    evaluation_ids = fields.One2many(
        "training.evaluation", "followup_id", string="Evaluations"
    )
    evaluation_result = fields.Float(
        compute="_compute_evaluation_result",
        store=True,
        aggregator="avg",
        help="Result of the latest closed work-performance evaluation.",
    )
    observation_ids = fields.One2many(
        "training.observation", "followup_id", string="Observations"
    )
    application_case_ids = fields.One2many(
        "training.application.case", "followup_id", string="Application Cases"
    )
    development_plan_id = fields.Many2one(
        "training.development.plan",
        compute="_compute_development_plan_id",
    )
    development_completion = fields.Float(
        string="Plan Completion", compute="_compute_development_plan_id"
    )
    progress_report_ids = fields.One2many(
        "training.progress.report", "followup_id", string="Progress Reports"
    )
    questionnaire_completion_id = fields.Many2one(
        "training.satisfaction.completion",
        string="Questionnaire",
        compute="_compute_questionnaire_completion_id",
    )
    questionnaire_state = fields.Selection(
        COMPLETION_STATES,
        string="Questionnaire Answered",
        compute="_compute_questionnaire_completion_id",
    )
    can_answer_questionnaire = fields.Boolean(
        compute="_compute_questionnaire_completion_id"
    )
    can_confirm_record = fields.Boolean(compute="_compute_can_confirm_record")
    resume_line_id = fields.Many2one(
        "hr.resume.line",
        readonly=True,
        copy=False,
        ondelete="set null",
        index="btree_not_null",
        help="The line of this training on the employee's resume, kept current "
        "by the follow-up with the test grade and the evaluation result.",
    )
    step_todo_count = fields.Integer(compute="_compute_step_counts")
    step_late_count = fields.Integer(compute="_compute_step_counts")
    step_done_count = fields.Integer(compute="_compute_step_counts")

    _plan_employee_unique = models.Constraint(
        "unique(plan_id, employee_id)", "An employee is followed up once per plan."
    )

    @api.depends("session_id.date_end", "employee_id")
    def _compute_date_end(self):
        """P4.1: each participant's day 0, asked of their session in one call
        per session (`training.session._get_day_zero`)."""
        for session, followups in self.grouped("session_id").items():
            days = session._get_day_zero(followups.employee_id) if session else {}
            for followup in followups:
                followup.date_end = days.get(followup.employee_id.id, session.date_end)

    def _get_training_source_type(self):
        """Where the training of this follow-up was given, in the terms of the
        employee's resume (`hr.resume.line.course_type`): external by default;
        the bridges to Events and eLearning answer onsite and elearning."""
        self.ensure_one()
        return "external"

    @api.depends("employee_id")
    def _compute_department_id(self):
        for followup in self:
            followup.department_id = followup.employee_id.department_id

    @api.depends("assessment_ids.state", "assessment_ids.date")
    def _compute_assessment_id(self):
        for followup in self:
            done = followup.assessment_ids.filtered(lambda a: a.state == "done")
            followup.assessment_id = done.sorted(lambda a: (a.date, a.id))[-1:]

    @api.depends("evaluation_ids.state", "evaluation_ids.result")
    def _compute_evaluation_result(self):
        for followup in self:
            closed = followup.evaluation_ids.filtered(lambda e: e.state == "closed")
            followup.evaluation_result = closed.sorted("id")[-1:].result

    def _compute_development_plan_id(self):
        plans = self.env["training.development.plan"].search(
            [("followup_id", "in", self.ids)], order="version desc"
        )
        for followup in self:
            plan = plans.filtered(lambda p, f=followup: p.followup_id == f)[:1]
            followup.development_plan_id = plan
            followup.development_completion = plan.completion

    def _compute_questionnaire_completion_id(self):
        completions = (
            self.env["training.satisfaction.completion"]
            .sudo()
            .search([("followup_id", "in", self.ids)])
        )
        by_followup = {completion.followup_id: completion for completion in completions}
        for followup in self:
            completion = by_followup.get(followup, completions.browse())
            followup.questionnaire_completion_id = completion
            followup.questionnaire_state = completion.state
            followup.can_answer_questionnaire = (
                completion.state == "pending" and completion.user_id == self.env.user
            )

    @api.depends_context("uid")
    @api.depends("step_ids.state", "employee_user_id")
    def _compute_can_confirm_record(self):
        for followup in self:
            followup.can_confirm_record = (
                followup._may_confirm_record()
                and "record_update"
                in followup.sudo()
                .step_ids.filtered(lambda s: s.state == "todo")
                .mapped("step_type")
            )

    def _may_confirm_record(self):
        """P3.2.1: who confirms the application record is up to date: the
        employee, or a training officer."""
        return self.env.user.has_group(
            "training_followup.group_training_officer"
        ) or all(followup.employee_user_id == self.env.user for followup in self)

    @api.depends("step_ids.state", "step_ids.is_late")
    def _compute_step_counts(self):
        groups = self.env["training.followup.step"]._read_group(
            [("followup_id", "in", self.ids)],
            ["followup_id", "state", "is_late"],
            ["__count"],
        )
        counts = {}
        for followup, state, is_late, count in groups:
            key = "done" if state == "done" else "late" if is_late else "todo"
            counts[followup, key] = counts.get((followup, key), 0) + count
        for followup in self:
            followup.step_done_count = counts.get((followup, "done"), 0)
            followup.step_late_count = counts.get((followup, "late"), 0)
            followup.step_todo_count = counts.get((followup, "todo"), 0)

    def _done_steps(self, step_type, record=None, user=None):
        """Mark done the earliest open step of this type (of `user` when
        given): the one mechanism by which every record fulfils its deadline."""
        done = self.env["training.followup.step"].sudo()
        for followup in self:
            steps = followup.sudo().step_ids.filtered(
                lambda s: (
                    s.step_type == step_type
                    and s.state == "todo"
                    and (not user or s.user_id == user)
                )
            )
            done |= steps.sorted(lambda s: (s.date_deadline, s.id))[:1]
        return done._mark_done(record)

    @process_action
    def _end(self, reason):
        """The participant left the session (reason participant_removed) or
        the company (employee_archived): the follow-up is cancelled, its open
        steps end, their to-dos go, the questionnaire stops counting them and
        no further mail of the follow-up reaches them."""
        running = self.filtered(lambda f: f.state == "running").sudo()
        running.step_ids._cancel(reason)
        self.env["training.satisfaction.questionnaire"]._remove_participants(running)
        running.write({"state": "cancelled"})
        # P3.1.1: a participant removed from the training did not take it:
        # its line leaves their resume (sudo: the process keeps the resume)
        if reason == "participant_removed":
            running.resume_line_id.sudo().unlink()
        for followup in running:
            followup.message_unsubscribe(
                partner_ids=followup.employee_user_id.partner_id.ids
            )
        return running

    def _sync_manager(self):
        """P2.2: the employee's manager changed (or left): the follow-up, its
        manager's open steps and their to-dos move to the new manager (the
        plan's officer stands in while there is none)."""
        Step = self.env["training.followup.step"]
        moves = {}
        for followup in self.sudo().filtered(lambda f: f.state == "running"):
            old = followup.manager_user_id
            new = followup.employee_id._training_manager_user()
            if new == old:
                continue
            # who held the manager's steps: the manager, or the officer standing in
            holder = Step._get_responsible_user("manager", followup, followup.plan_id)
            followup.manager_user_id = new
            steps = followup.step_ids.filtered(
                lambda s, holder=holder: (
                    s.state == "todo"
                    and s.responsible in ("manager", "peer")
                    and s.user_id == holder
                )
            )
            user = Step._get_responsible_user("manager", followup, followup.plan_id)
            moves.setdefault(user, Step.sudo())
            moves[user] |= steps
        for user, steps in moves.items():
            steps._move(user=user)
        return moves

    def _assign_peer_steps(self, peer_users):
        """The peer evaluation step, held by the manager until peers are chosen,
        becomes one step per chosen peer."""
        self.ensure_one()
        placeholders = self.sudo().step_ids.filtered(
            lambda s: s.step_type == "peer_evaluation" and s.state == "todo"
        )
        if not placeholders or not peer_users:
            return placeholders
        template = placeholders[0]
        new_steps = self.env["training.followup.step"]._create_steps(
            [
                {
                    "plan_id": template.plan_id.id,
                    "followup_id": self.id,
                    "template_line_id": template.template_line_id.id,
                    "name": stored_translations(template, "name").get(template.id)
                    or template.name,
                    "step_type": "peer_evaluation",
                    "responsible": "peer",
                    "user_id": user.id,
                    "date_deadline": template.date_deadline,
                    # chosen late, a peer still has a working day to answer
                    "not_before": self.company_id._training_next_working_day(),
                }
                for user in peer_users
            ],
            schedule=False,
        )
        placeholders._cancel("reassigned")
        new_steps._schedule_activities()
        return new_steps

    def action_development_plan(self):
        """P2.3.3: the employee drafts the development plan from the follow-up's
        feedback (or opens the one made from it)."""
        self.ensure_one()
        Plan = self.env["training.development.plan"]
        plan = Plan.search(
            [("followup_id", "=", self.id)], order="version desc", limit=1
        )
        if not plan:
            plan = Plan.create(
                {
                    "employee_id": self.employee_id.id,
                    "followup_id": self.id,
                    "company_id": self.company_id.id,
                }
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": "training.development.plan",
            "res_id": plan.id,
            "view_mode": "form",
        }

    def action_confirm_record(self):
        """P3.2.1: the employee (or the training officer) confirms that the
        training application record is up to date (the button *Record Up to
        Date* of the follow-up, shown while an update is asked)."""
        if not self._may_confirm_record():
            raise UserError(
                self.env._(
                    "Only the employee or a training officer confirms the "
                    "application record."
                )
            )
        done = self.env["training.followup.step"]
        for followup in self:
            done |= followup._done_steps("record_update", record=followup)
        if not done:
            raise UserError(
                self.env._("No update of the application record is asked for now.")
            )
        return True

    def action_answer_questionnaire(self):
        """P3.1.4: the employee answers the anonymous questionnaire."""
        self.ensure_one()
        return self.questionnaire_completion_id.action_answer()

    def action_new_evaluation(self):
        """P3.1.2: the manager starts the work-performance evaluation."""
        self.ensure_one()
        evaluation = self.evaluation_ids.filtered(lambda e: e.state != "closed")[:1]
        if not evaluation:
            evaluation = self.env["training.evaluation"].create(
                {"followup_id": self.id}
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": "training.evaluation",
            "res_id": evaluation.id,
            "view_mode": "form",
        }

    # ------------------------------------------------------------------
    # P3.1.1: the results on the employee's resume and skills
    # ------------------------------------------------------------------
    def _results_changed(self):
        """A result of these follow-ups changed (a test recorded, an
        evaluation closed, the follow-up ended): their resume lines follow
        and a pass raises the skills the course teaches."""
        self._sync_resume_lines()
        self._raise_skills()

    def _prepare_resume_line_values(self, line_type):
        """The values of this follow-up's resume line of `line_type` (Odoo's
        Training type), but its translated name and description (written in
        every language)."""
        self.ensure_one()
        date_end = self.date_end
        date_start = self.date_start or date_end
        if date_start and date_end and date_start > date_end:
            date_start = date_end
        return {
            "employee_id": self.employee_id.id,
            "line_type_id": line_type.id if line_type else False,
            "course_type": self._get_training_source_type(),
            "date_start": date_start or fields.Date.context_today(self),
            "date_end": date_end,
        }

    def _render_resume_description(self, env):
        """The results of this follow-up as the resume shows them, in the
        language of `env`: the knowledge grade and score, the evaluation
        result and the follow-up's state."""
        self.ensure_one()
        grades = dict(
            self.env["training.assessment"]._fields["grade"]._description_selection(env)
        )
        states = dict(self._fields["state"]._description_selection(env))
        test = self.assessment_id
        if test:
            test_text = env._(
                "Knowledge test: %(grade)s (%(score).1f %%)",
                grade=grades.get(test.grade, test.grade or ""),
                score=test.percentage,
            )
        else:
            test_text = env._("Knowledge test: not recorded yet")
        if self.evaluation_ids.filtered(lambda e: e.state == "closed"):
            evaluation_text = env._(
                "Work-performance evaluation: %(result).1f %%",
                result=self.evaluation_result,
            )
        else:
            evaluation_text = env._("Work-performance evaluation: not closed yet")
        state_text = env._(
            "Training follow-up: %(state)s", state=states.get(self.state, self.state)
        )
        return Markup("").join(
            Markup("<p>%s</p>") % text
            for text in (test_text, evaluation_text, state_text)
        )

    @process_action
    def _sync_resume_lines(self):
        """P3.1.1, P4.2: each running or done follow-up has exactly one line
        of type Training on its employee's resume, named after the course and
        describing its results in every installed language (each employee
        reads theirs); a result that changes updates that line, never adds a
        second. A line deleted by hand comes back at the next change: the
        resume is the training record of P3.1.1. Made in a fixed number of
        queries for a whole kick-off."""
        # sudo: the follow-up writes its employee's resume whoever moves it
        # (an officer recording a test, the employee finishing a survey, a
        # manager closing an evaluation), none of whom needs HR rights on
        # resumes; what it writes is computed here, never typed by them
        followups = self.sudo().filtered(lambda f: f.state in RESUME_STATES)
        if not followups:
            return self.env["hr.resume.line"]
        langs = installed_langs(self.env)
        envs = {
            lang: self.env(context=dict(self.env.context, lang=lang)) for lang in langs
        }
        course_names = stored_translations(followups.course_id, "name")
        line_type = self.env.ref("hr_skills.resume_type_training", False)
        Line = self.env["hr.resume.line"].sudo().with_context(lang="en_US")
        names, descriptions = {}, {}
        new_followups, vals_list = [], []
        # a line Odoo already wrote for the same training (eLearning writes
        # one at completion) becomes the follow-up's: never a second line
        adopted = followups.filtered(
            lambda f: not f.resume_line_id
        )._find_training_resume_lines(line_type)
        links = {followup_id: line.id for followup_id, line in adopted.items()}
        for followup in followups:
            values = followup._prepare_resume_line_values(line_type)
            course = course_names.get(followup.course_id.id) or {}
            texts = {
                lang: followup._render_resume_description(lang_env)
                for lang, lang_env in envs.items()
            }
            line = followup.resume_line_id or adopted.get(followup.id)
            if line:
                line.write(values)
                names[line.id], descriptions[line.id] = course, texts
                continue
            values["name"] = course.get("en_US") or next(
                iter(course.values()), followup.course_id.name
            )
            values["description"] = texts.get("en_US") or next(iter(texts.values()))
            new_followups.append((followup, course, texts))
            vals_list.append(values)
        lines = Line.create(vals_list)
        for line, (followup, course, texts) in zip(lines, new_followups, strict=True):
            links[followup.id] = line.id
            names[line.id], descriptions[line.id] = course, texts
        self._link_resume_lines(links)
        write_translations(Line, "name", names)
        write_translations(Line, "description", descriptions)
        return followups.resume_line_id

    def _find_training_resume_lines(self, line_type):
        """{follow-up id: resume line} of the lines of type `line_type` that
        Odoo's own apps already wrote for the training of these follow-ups
        (none here; the eLearning bridge finds the line written at the
        course's completion), adopted instead of writing a second one."""
        return {}

    def _link_resume_lines(self, links):
        """Store {follow-up id: resume line id} in one UPDATE: the ORM would
        write each follow-up's own value in a query of its own, and a
        kick-off links hundreds at once (docs/performance.md). Called by the
        sync alone (in process); nothing depends on the link."""
        if not links:
            return
        Followup = self.env["training.followup"]
        Followup.flush_model(["resume_line_id"])
        self.env.cr.execute(
            SQL(
                """
                UPDATE training_followup AS followup
                   SET resume_line_id = given.line_id
                  FROM (VALUES %s) AS given(id, line_id)
                 WHERE followup.id = given.id
                """,
                SQL(", ").join(
                    SQL("(%s, %s)", followup_id, line_id)
                    for followup_id, line_id in links.items()
                ),
            )
        )
        Followup.browse(links).invalidate_recordset(["resume_line_id"])

    def _passed_for_skills(self):
        """P3.1.1: the follow-up proves the course's skills: its knowledge
        test is passed, or its closed evaluation reached the company's
        threshold (0: evaluations never raise skills)."""
        self.ensure_one()
        if self.knowledge_grade and self.knowledge_grade != "fail":
            return True
        threshold = self.company_id.training_skill_evaluation_threshold
        return bool(
            threshold
            and self.evaluation_ids.filtered(lambda e: e.state == "closed")
            and self.evaluation_result >= threshold
        )

    @process_action
    def _raise_skills(self):
        """P3.1.1: a pass raises the employee's level of each skill the course
        teaches to the level the course gives; it only raises (a level held
        already, or higher, stays) and goes through Odoo's own versioned
        path: written through the employee, the held level is closed and the
        new one opens today, so the skill history keeps both."""
        # sudo: the follow-up moves the employee's skills, not the user who
        # recorded the result (who may hold no HR rights on skills)
        today = fields.Date.context_today(self)
        raised = self.env["hr.employee.skill"]
        for followup in self.sudo().filtered(lambda f: f.state in RESUME_STATES):
            course_skills = followup.course_id.skill_ids
            if not course_skills or not followup._passed_for_skills():
                continue
            employee = followup.employee_id
            held = employee.employee_skill_ids.filtered(
                lambda s: not s.valid_to or s.valid_to >= today
            )
            commands = []
            for course_skill in course_skills:
                levels = held.filtered(
                    lambda s, c=course_skill: s.skill_id == c.skill_id
                ).mapped("level_progress")
                if levels and max(levels) >= course_skill.level_progress:
                    continue
                commands.append(
                    Command.create(
                        {
                            "skill_type_id": course_skill.skill_type_id.id,
                            "skill_id": course_skill.skill_id.id,
                            "skill_level_id": course_skill.skill_level_id.id,
                        }
                    )
                )
            if commands:
                before = employee.employee_skill_ids
                employee.write({"employee_skill_ids": commands})
                raised |= employee.employee_skill_ids - before
        return raised
