from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools import charts
from ..tools.process_guard import is_in_process, process_action
from ..tools.reader_language import feedback_by_language, for_reader, post_by_language

REPORT_STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted to Management"),
    ("acknowledged", "Acknowledged"),
    ("shared", "Shared"),
]
ATTAINMENTS = [
    ("achieved", "Attained"),
    ("partly", "Partly Attained"),
    ("not_achieved", "Not Attained"),
    ("no_data", "No Data"),
]
QUALITY_SCORES = [
    ("1", "1 - Poor"),
    ("2", "2 - Fair"),
    ("3", "3 - Good"),
    ("4", "4 - Very Good"),
    ("5", "5 - Excellent"),
]
# the questionnaire's rating dimensions and the report field holding each
DIMENSION_FIELDS = {
    "content": "questionnaire_content",
    "method": "questionnaire_method",
    "trainer": "questionnaire_trainer",
    "schedule": "questionnaire_schedule",
    "application": "questionnaire_application",
}
# the officer's analysis, editable while the report is a draft
ANALYSIS_FIELDS = {
    "name",
    "scope",
    "plan_id",
    "date_from",
    "date_to",
    "company_id",
    "officer_id",
    "management_user_id",
    "overall_evaluation",
    "problems",
    "cause_content",
    "cause_method",
    "cause_attitude",
    "cause_ability",
    "recommendations",
}


# P4.3, P5.2: what Compute freezes, Submit, Acknowledge and Share record
REPORT_PROCESS_FIELDS = (
    "state",
    "date_computed",
    "date_submitted",
    "date_acknowledged",
    "date_shared",
    "plan_ids",
    "participant_count",
    "test_count",
    "test_average",
    "pass_rate",
    "grade_excellent_count",
    "grade_good_count",
    "grade_pass_count",
    "grade_fail_count",
    "evaluation_count",
    "evaluation_average",
    "observation_count",
    "case_count",
    "case_effect_average",
    "questionnaire_participant_count",
    "questionnaire_answer_count",
    "questionnaire_response_rate",
    "questionnaire_shown",
    "questionnaire_rating",
    "questionnaire_content",
    "questionnaire_method",
    "questionnaire_trainer",
    "questionnaire_schedule",
    "questionnaire_application",
    "step_count",
    "step_late_count",
    "step_on_time_rate",
    "total_cost",
    "benefit_amount",
    "roi",
    "objective_line_ids",
    "career_plan_count",
    "career_goal_count",
    "career_goal_achieved_count",
    "career_goal_rate",
    "career_action_count",
    "career_action_done_count",
    "career_action_rate",
    "career_review_count",
    "career_completion",
    "trend_line_ids",
    "submitted_by_id",
    "management_remarks",
    "quality_score",
)


class TrainingFollowupReport(models.Model):
    """The follow-up report of a plan or a period (跟踪报告, P4.3): statistics
    frozen by "Compute" (later data never rewrites it), the attainment of each
    training objective, the officer's evaluation, problems and causes and
    recommendations; submitted to management, acknowledged with remarks and a
    quality score, then shared back with departments and participants (P4.4)."""

    _name = "training.followup.report"
    _description = "Follow-up Report"
    # P4.6: archived with the yearly cycle (training.followup.archivable)
    _archive_sequence = 20
    _archive_date_field = "date_submitted"
    _archive_report = "training_followup.action_report_followup_report"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "training.followup.archivable",
        "training.improvement.source",
        "training.followup.scope",
        "training.process.guard",
    ]
    _process_fields = REPORT_PROCESS_FIELDS
    _improvement_field = "report_id"
    _order = "create_date desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    plan_id = fields.Many2one(check_company=True)
    officer_id = fields.Many2one(
        "res.users",
        string="Training Officer",
        required=True,
        default=lambda self: self.env.user,
    )
    management_user_id = fields.Many2one(
        "res.users",
        string="Submitted To",
        tracking=True,
        check_company=True,
        domain=[("share", "=", False)],
        help="The member of management who acknowledges the report.",
    )
    state = fields.Selection(
        REPORT_STATES, default="draft", required=True, tracking=True, copy=False
    )
    date_computed = fields.Datetime(string="Statistics Computed On", readonly=True)
    date_submitted = fields.Date(readonly=True, copy=False)
    submitted_by_id = fields.Many2one(
        "res.users",
        readonly=True,
        copy=False,
        help="Who sent the report to management: an author of the report, who "
        "never acknowledges or scores it.",
    )
    date_acknowledged = fields.Date(readonly=True, copy=False)
    date_shared = fields.Date(readonly=True, copy=False)
    plan_ids = fields.Many2many(
        "training.followup.plan",
        string="Plans Covered",
        readonly=True,
        copy=False,
        check_company=True,
    )

    # statistics, frozen by action_compute()
    participant_count = fields.Integer(string="Participants", readonly=True)
    test_count = fields.Integer(string="Tested", readonly=True)
    test_average = fields.Float(string="Average Test Score (%)", readonly=True)
    pass_rate = fields.Float(string="Pass Rate (%)", readonly=True)
    grade_excellent_count = fields.Integer(string="Excellent", readonly=True)
    grade_good_count = fields.Integer(string="Good", readonly=True)
    grade_pass_count = fields.Integer(string="Pass", readonly=True)
    grade_fail_count = fields.Integer(string="Fail", readonly=True)
    evaluation_count = fields.Integer(string="Evaluations Closed", readonly=True)
    evaluation_average = fields.Float(
        string="Average Evaluation Result (%)", readonly=True
    )
    observation_count = fields.Integer(string="Observations", readonly=True)
    case_count = fields.Integer(string="Application Cases", readonly=True)
    case_effect_average = fields.Float(string="Application Effect (0-3)", readonly=True)
    questionnaire_participant_count = fields.Integer(
        string="Questionnaires Sent", readonly=True
    )
    questionnaire_answer_count = fields.Integer(
        string="Questionnaires Answered", readonly=True
    )
    questionnaire_response_rate = fields.Float(
        string="Questionnaire Response Rate (%)", readonly=True
    )
    questionnaire_shown = fields.Boolean(
        string="Questionnaire Results Shown",
        readonly=True,
        help="False when fewer participants answered than the minimum anonymous "
        "group: the ratings are then left out.",
    )
    questionnaire_rating = fields.Float(
        string="Questionnaire Rating (1-5)", readonly=True
    )
    questionnaire_content = fields.Float(string="Course Content (1-5)", readonly=True)
    questionnaire_method = fields.Float(string="Training Method (1-5)", readonly=True)
    questionnaire_trainer = fields.Float(string="Trainer (1-5)", readonly=True)
    questionnaire_schedule = fields.Float(string="Schedule (1-5)", readonly=True)
    questionnaire_application = fields.Float(
        string="Application at Work (1-5)", readonly=True
    )
    step_count = fields.Integer(string="Steps", readonly=True)
    step_late_count = fields.Integer(string="Late Steps", readonly=True)
    step_on_time_rate = fields.Float(string="Steps On Time (%)", readonly=True)
    total_cost = fields.Monetary(readonly=True)
    benefit_amount = fields.Monetary(string="Recorded Benefit", readonly=True)
    roi = fields.Float(string="Return on Investment (%)", readonly=True)
    objective_line_ids = fields.One2many(
        "training.followup.report.objective",
        "report_id",
        string="Objectives",
        readonly=True,
    )
    # career progress of the development plans (P4.3 with P3.3)
    career_plan_count = fields.Integer(string="Development Plans", readonly=True)
    career_goal_count = fields.Integer(string="Development Goals", readonly=True)
    career_goal_achieved_count = fields.Integer(string="Goals Achieved", readonly=True)
    career_goal_rate = fields.Float(
        string="Goals Achieved (%)",
        readonly=True,
        help="Goals achieved among all the goals of the plans (dropped goals left "
        "out).",
    )
    career_action_count = fields.Integer(string="Development Actions", readonly=True)
    career_action_done_count = fields.Integer(string="Actions Done", readonly=True)
    career_action_rate = fields.Float(string="Actions Done (%)", readonly=True)
    career_review_count = fields.Integer(string="Career Reviews Held", readonly=True)
    career_completion = fields.Float(
        string="Average Plan Completion (%)", readonly=True
    )
    trend_line_ids = fields.One2many(
        "training.followup.report.trend",
        "report_id",
        string="Application Trend",
        readonly=True,
    )

    # the officer's analysis (P4.3)
    overall_evaluation = fields.Html(
        help="Were the training goals met? The overall effect of the training."
    )
    problems = fields.Html(string="Problems Found")
    cause_content = fields.Text(
        string="Content Usefulness", help="Was the content useful and practical?"
    )
    cause_method = fields.Text(
        string="Method Effectiveness", help="Did the training method work?"
    )
    cause_attitude = fields.Text(
        string="Learner Attitude", help="The participants' learning attitude."
    )
    cause_ability = fields.Text(
        string="Learner Ability", help="The participants' ability to learn."
    )
    recommendations = fields.Html(
        help="How to improve the training; each can become an improvement action."
    )

    # management's acknowledgement
    management_remarks = fields.Text(readonly=True, tracking=True)
    quality_score = fields.Selection(
        QUALITY_SCORES,
        string="Report Quality",
        readonly=True,
        tracking=True,
        help="Given by management when acknowledging (appraisal: report quality).",
    )

    _dates_ordered = models.Constraint(
        "CHECK(date_from IS NULL OR date_to IS NULL OR date_from <= date_to)",
        "The period of a report must end after it starts.",
    )

    @api.constrains("officer_id", "management_user_id", "submitted_by_id")
    def _check_management_not_author(self):
        """P5.1, P5.2: the report's quality is judged by management, never by
        the officer who wrote it."""
        for report in self:
            if report.management_user_id and report.management_user_id in (
                report.officer_id | report.submitted_by_id
            ):
                raise ValidationError(
                    self.env._(
                        "%(user)s wrote the report %(report)s and cannot be the "
                        "member of management who acknowledges it.",
                        user=report.management_user_id.name,
                        report=report.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_not_own_management(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._check_not_own_management(vals)
        return super().write(vals)

    @api.model
    def _check_not_own_management(self, vals):
        """P5.1: whoever writes a report never names themself its management."""
        # about the person who writes, not a process lock: in superuser mode
        # (data files, the shell) nobody names themself
        if not self.env.su and vals.get("management_user_id") == self.env.uid:
            raise UserError(
                self.env._(
                    "You cannot submit a report to yourself: choose another "
                    "member of management."
                )
            )

    def _check_author(self, user):
        """P5.1, P5.2: the author of a report (its training officer, whoever
        submitted it) never acknowledges it nor scores its quality."""
        for report in self:
            if user in report.officer_id | report.submitted_by_id:
                raise UserError(
                    self.env._(
                        "You wrote or submitted the report %(report)s: it is "
                        "acknowledged and scored by management, not by its author.",
                        report=report.name,
                    )
                )

    @api.onchange("plan_id")
    def _onchange_plan_id(self):
        if self.plan_id and not self.name:
            self.name = self.plan_id.name

    def _check_writable(self, vals):
        written = set(vals) & ANALYSIS_FIELDS
        if written and not is_in_process(self.env):
            if any(report.state != "draft" for report in self):
                raise UserError(
                    self.env._("A report submitted to management cannot be changed.")
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_not_draft(self):
        # after `_unlink_except_archived` (names' order): an archived report
        # says so first
        if any(report.state != "draft" for report in self):
            raise UserError(self.env._("Only a draft report can be deleted."))

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    @process_action
    def action_compute(self):
        """Freeze the statistics of the follow-ups in scope into the report."""
        for report in self:
            if report.state != "draft":
                raise UserError(
                    self.env._("The statistics of a submitted report are frozen.")
                )
            report._check_scope()
            plans = report._get_plans()
            values = report._get_statistics(plans)
            values["objective_line_ids"] = [fields.Command.clear()] + [
                fields.Command.create(line)
                for line in report._get_objective_lines(plans)
            ]
            values["trend_line_ids"] = [fields.Command.clear()] + [
                fields.Command.create(line) for line in report._get_trend_lines()
            ]
            values["date_computed"] = fields.Datetime.now()
            report.write(values)
            # P4.3: the plans in scope are being analysed
            plans.filtered(lambda p: p.state == "running").sudo().state = "analysing"
        return True

    @process_action
    def action_submit(self):
        """P4.3: the report goes to management, who acknowledges it."""
        for report in self:
            if report.state != "draft":
                raise UserError(self.env._("This report was already submitted."))
            if not report.date_computed:
                raise UserError(
                    self.env._("Compute the statistics before submitting the report.")
                )
            if not report.management_user_id:
                raise UserError(
                    self.env._("Choose the member of management to submit it to.")
                )
            if report.management_user_id == self.env.user:
                raise UserError(
                    self.env._(
                        "You cannot submit a report to yourself: choose another "
                        "member of management."
                    )
                )
            report._write_state(
                "submitted",
                date_submitted=fields.Date.today(),
                submitted_by_id=self.env.user.id,
            )
            report.plan_ids._set_reported(report)
            for_reader(report, report.management_user_id).activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=report.management_user_id.id,
                summary=for_reader(self, report.management_user_id).env._(
                    "Acknowledge the follow-up report"
                ),
            )
        return True

    @process_action
    def action_acknowledge(self, remarks, quality_score):
        """Management acknowledges the report with remarks and a quality
        score (used by the training department's scorecard, P5.2)."""
        self.ensure_one()
        if self.state != "submitted":
            raise UserError(self.env._("Only a submitted report can be acknowledged."))
        is_admin = self.env.user.has_group("training_followup.group_training_admin")
        if self.env.user != self.management_user_id and not is_admin:
            raise UserError(
                self.env._(
                    "Only %(user)s, to whom the report was submitted, acknowledges it.",
                    user=self.management_user_id.name,
                )
            )
        self._check_author(self.env.user)
        if quality_score not in dict(QUALITY_SCORES):
            raise UserError(self.env._("Give the report a quality score from 1 to 5."))
        self.sudo()._write_state(
            "acknowledged",
            date_acknowledged=fields.Date.today(),
            management_remarks=remarks,
            quality_score=quality_score,
        )
        # P1.3: the "done" note in the language of the report's reader
        feedback_by_language(
            self.activity_ids.filtered(
                lambda a: a.user_id == self.management_user_id
            ).sudo(),
            lambda _env: remarks,
        )
        return True

    @process_action
    def action_share(self):
        """P4.4: the results go back to the employing departments and the
        participants."""
        for report in self:
            if report.state != "acknowledged":
                raise UserError(
                    self.env._("Share the report once management acknowledged it.")
                )
            followups = report.plan_ids.followup_ids
            partners = (
                followups.employee_user_id.partner_id
                | followups.manager_user_id.partner_id
            )
            post_by_language(
                report,
                partners,
                lambda local: {
                    "body": local._get_share_summary(),
                    "subject": local.env._(
                        "Training follow-up results: %(report)s", report=local.name
                    ),
                },
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
            report._write_state("shared", date_shared=fields.Date.today())
        return True

    def action_open_acknowledge(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "training.followup.report.acknowledge",
            "view_mode": "form",
            "target": "new",
            "context": {"default_report_id": self.id},
        }

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    @process_action
    def _write_state(self, state, **values):
        return self.write({"state": state, **values})

    def _check_scope(self):
        self.ensure_one()
        if self.scope == "plan" and not self.plan_id:
            raise UserError(self.env._("Choose the follow-up plan of the report."))
        if self.scope == "period" and not (self.date_from and self.date_to):
            raise UserError(self.env._("Give the period of the report."))

    def _get_plans(self):
        """The plans whose follow-ups the report covers."""
        self.ensure_one()
        groups = (
            self.env["training.followup.analysis"]
            .sudo()
            ._read_group(self._get_followup_domain(), ["plan_id"])
        )
        return self.env["training.followup.plan"].browse([p.id for [p] in groups])

    def _get_statistics(self, plans):
        """Every number of the report, from grouped queries (no loop over
        follow-ups or steps)."""
        self.ensure_one()
        domain = self._get_followup_domain()
        Analysis = self.env["training.followup.analysis"].sudo()
        [totals] = Analysis._read_group(
            domain,
            [],
            [
                "__count",
                "grade:count",
                "test_score:avg",
                "pass_rate:avg",
                "evaluation_result:count",
                "evaluation_result:avg",
                "observation_count:sum",
                "case_count:sum",
                "case_effect:avg",
            ],
        )
        grades = dict(Analysis._read_group(domain, ["grade"], ["__count"]))
        values = dict(
            zip(
                [
                    "participant_count",
                    "test_count",
                    "test_average",
                    "pass_rate",
                    "evaluation_count",
                    "evaluation_average",
                    "observation_count",
                    "case_count",
                    "case_effect_average",
                ],
                [value or 0 for value in totals],
                strict=True,
            )
        )
        for grade in ("excellent", "good", "pass", "fail"):
            values[f"grade_{grade}_count"] = grades.get(grade, 0)
        values.update(self._get_questionnaire_statistics(plans))
        values.update(self._get_step_statistics(plans))
        values.update(self._get_roi(plans))
        values.update(self._get_career_statistics())
        values["plan_ids"] = [fields.Command.set(plans.ids)]
        return values

    def _get_questionnaire_statistics(self, plans):
        """Ratings only when the minimum anonymous group answered (P3.1.4)."""
        Completion = self.env["training.satisfaction.completion"].sudo()
        [(sent, answered)] = Completion._read_group(
            [("plan_id", "in", plans.ids)], [], ["__count", "answered_count:sum"]
        )
        # the minimum anonymous group of the report's own company
        Report = (
            self.env["training.satisfaction.analysis"]
            .sudo()
            .with_context(allowed_company_ids=self.company_id.ids)
        )
        domain = [("plan_id", "in", plans.ids)]
        overall = Report._read_group(domain, [], ["rating:avg"])
        dimensions = dict(Report._read_group(domain, ["dimension"], ["rating:avg"]))
        values = {
            "questionnaire_participant_count": sent or 0,
            "questionnaire_answer_count": answered or 0,
            "questionnaire_response_rate": 100.0 * answered / sent if sent else 0.0,
            "questionnaire_shown": bool(overall and overall[0][0]),
            "questionnaire_rating": overall[0][0] if overall else 0.0,
        }
        for dimension, field_name in DIMENSION_FIELDS.items():
            values[field_name] = dimensions.get(dimension) or 0.0
        return values

    def _get_step_statistics(self, plans):
        [(count, late, on_time_rate)] = (
            self.env["training.followup.step.analysis"]
            .sudo()
            ._read_group(
                [("plan_id", "in", plans.ids)],
                [],
                ["__count", "late_count:sum", "on_time_rate:avg"],
            )
        )
        return {
            "step_count": count,
            "step_late_count": late or 0,
            "step_on_time_rate": on_time_rate or 0.0,
        }

    def _get_roi(self, plans):
        sessions = plans.session_id.sudo()
        cost = sum(sessions.mapped("total_cost"))
        benefit = sum(sessions.mapped("benefit_amount"))
        return {
            "total_cost": cost,
            "benefit_amount": benefit,
            "roi": (benefit - cost) / cost * 100 if benefit and cost else 0.0,
        }

    def _get_career_domain(self):
        """The development plans of the follow-ups in scope, replaced
        versions left out (their reviews count in the newer version)."""
        return [*self._get_followup_domain(), ("state", "!=", "replaced")]

    def _get_career_statistics(self):
        """P4.3 with P3.3: the progress of the development plans made from
        the follow-ups in scope; the rates are totals over totals."""
        [row] = (
            self.env["training.career.progress.analysis"]
            .sudo()
            ._read_group(
                self._get_career_domain(),
                [],
                [
                    "__count",
                    "goal_count:sum",
                    "goal_achieved_count:sum",
                    "action_count:sum",
                    "action_done_count:sum",
                    "review_count:sum",
                    "completion:avg",
                ],
            )
        )
        plans, goals, achieved, actions, done, reviews, completion = (
            value or 0 for value in row
        )
        return {
            "career_plan_count": plans,
            "career_goal_count": goals,
            "career_goal_achieved_count": achieved,
            "career_goal_rate": 100.0 * achieved / goals if goals else 0.0,
            "career_action_count": actions,
            "career_action_done_count": done,
            "career_action_rate": 100.0 * done / actions if actions else 0.0,
            "career_review_count": reviews,
            "career_completion": completion,
        }

    def _get_trend_lines(self):
        """P4.3: per month after the training, the evaluated application
        cases and their effect, the closed evaluations and their result."""
        self.ensure_one()
        groups = (
            self.env["training.application.trend.analysis"]
            .sudo()
            ._read_group(
                self._get_followup_domain(),
                ["month_after"],
                [
                    "case_count:sum",
                    "case_effect:avg",
                    "evaluation_count:sum",
                    "evaluation_result:avg",
                ],
                order="month_after",
            )
        )
        return [
            {
                "month_after": month,
                "case_count": cases or 0,
                "case_effect": effect or 0.0,
                "evaluation_count": evaluations or 0,
                "evaluation_result": result or 0.0,
            }
            for month, cases, effect, evaluations, result in groups
        ]

    def _get_objective_lines(self, plans):
        """Each objective of the courses in scope with its actual value and
        whether it was attained (P4.3)."""
        self.ensure_one()
        domain = self._get_followup_domain()
        Analysis = self.env["training.followup.analysis"].sudo()
        by_course = {
            course: dict(
                zip(
                    [
                        "test_score",
                        "pass_rate",
                        "evaluation_result",
                        "application_effect",
                    ],
                    values,
                    strict=True,
                )
            )
            for course, *values in Analysis._read_group(
                domain,
                ["course_id"],
                [
                    "test_score:avg",
                    "pass_rate:avg",
                    "evaluation_result:avg",
                    "case_effect:avg",
                ],
            )
        }
        ratings = dict(
            self.env["training.satisfaction.analysis"]
            .sudo()
            .with_context(allowed_company_ids=self.company_id.ids)
            ._read_group([("plan_id", "in", plans.ids)], ["course_id"], ["rating:avg"])
        )
        for course, rating in ratings.items():
            by_course.setdefault(course, {})["questionnaire_rating"] = rating
        objectives = (
            self.env["training.course.objective"]
            .sudo()
            .search([("course_id", "in", [course.id for course in by_course])])
        )
        lines = []
        for objective in objectives:
            actual = by_course[objective.course_id].get(objective.indicator)
            lines.append(
                {
                    "objective_id": objective.id,
                    "course_id": objective.course_id.id,
                    "name": objective.name,
                    "indicator": objective.indicator,
                    "target": objective.target,
                    "actual": actual or 0.0,
                    "attainment": self._get_attainment(actual, objective.target),
                }
            )
        return lines

    @api.model
    def _get_attainment(self, actual, target):
        if actual is None or actual is False:
            return "no_data"
        if actual >= target:
            return "achieved"
        if actual >= 0.8 * target:
            return "partly"
        return "not_achieved"

    def _get_share_summary(self):
        self.ensure_one()
        return self.env["ir.qweb"]._render(
            "training_followup.followup_report_share_summary", {"report": self}
        )

    # ------------------------------------------------------------------
    # Outputs
    # ------------------------------------------------------------------
    def action_print(self):
        self.ensure_one()
        return self.env.ref(
            "training_followup.action_report_followup_report"
        ).report_action(self)

    def _get_levels_chart(self):
        """P4.3: the report's Kirkpatrick levels as a bar chart beside its
        table (PNG data URI), each level as a share of its scale's maximum
        with its own value (a number, nothing to translate) at the end of
        its bar. Level 1 only when
        the questionnaire's figures are shown (the anonymity minimum)."""
        self.ensure_one()
        if not self.date_computed:
            return None
        bars = []
        if self.questionnaire_shown:
            bars.append(
                (
                    self.env._("Level 1 - Reaction"),
                    self.questionnaire_rating / 5 * 100,
                    f"{self.questionnaire_rating:.2f} / 5",
                )
            )
        bars += [
            (
                self.env._("Level 2 - Learning"),
                self.test_average,
                f"{self.test_average:.1f} %",
            ),
            (
                self.env._("Level 3 - Behaviour"),
                self.evaluation_average,
                f"{self.evaluation_average:.1f} %",
            ),
            (
                self.env._("Level 4 - Results"),
                self.case_effect_average / 3 * 100,
                f"{self.case_effect_average:.2f} / 3",
            ),
        ]
        return charts.level_bars(bars, self.env._("Share of the level's scale (%)"))

    def _get_trend_chart(self):
        """P4.3: the frozen trend by month after training as a line chart
        (PNG data URI): the average effect of the evaluated application
        cases and the average result of the closed evaluations. None without
        trend lines: no empty chart."""
        self.ensure_one()
        lines = self.trend_line_ids
        if not lines:
            return None
        return charts.trend_lines(
            lines.mapped("month_after"),
            [
                (
                    self.env._("Average effect (0-3)"),
                    [line.case_effect if line.case_count else None for line in lines],
                    self.env._("Application effect (0-3)"),
                    3,
                ),
                (
                    self.env._("Average evaluation result (%)"),
                    [
                        line.evaluation_result if line.evaluation_count else None
                        for line in lines
                    ],
                    self.env._("Evaluation result (%)"),
                    100,
                ),
            ],
            self.env._("Month after training"),
        )

    def _get_improvement_description(self):
        return self.recommendations
