from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .training_kpi_period import SCOPE_INDICATORS

FREQUENCIES = [("month", "Monthly"), ("quarter", "Quarterly")]
# the policy's delays in days, weeks or months: at least 1
DELAY_FIELDS = (
    "training_kickoff_days",
    "training_test_weeks",
    "training_questionnaire_weeks",
    "training_evaluation_months",
    "training_career_review_months",
    "training_rectification_days",
    "training_progress_review_days",
)
# notice days and schedules where 0 means "none": never negative
NOTICE_FIELDS = (
    "training_reminder_days",
    "training_escalation_days",
    "training_inspection_months",
    "training_record_update_months",
)
# P3.1.2: the evaluators' weights, totalling 100 %
EVALUATION_WEIGHT_FIELDS = (
    "training_weight_supervisor",
    "training_weight_peer",
    "training_weight_self",
)
# P5.2: the company field holding the weight of each scorecard indicator
KPI_WEIGHT_FIELDS = {
    "plan_completion": "training_kpi_weight_plan_completion",
    "report_quality": "training_kpi_weight_report_quality",
    "improvement_effect": "training_kpi_weight_improvement_effect",
    "timeliness": "training_kpi_weight_timeliness",
    "accuracy": "training_kpi_weight_accuracy",
    "guidance": "training_kpi_weight_guidance",
    "devplan_completion": "training_kpi_weight_devplan_completion",
    "application_effect": "training_kpi_weight_application_effect",
    "steps_on_time": "training_kpi_weight_steps_on_time",
}


class ResCompany(models.Model):
    _inherit = "res.company"

    # Every [X] of the policy is a company setting (docs/policy.md), in
    # sections; the constants above list the groups their checks read.

    # --- Deadlines of the follow-up steps (P4.1, P3.1.1, P3.1.2, P3.1.4,
    # P3.2.2, P3.3.3)
    training_kickoff_days = fields.Integer(
        string="Working Days to Kick-off",
        default=5,
        help="The follow-up plan is made and communicated within this many "
        "working days after the training ends.",
    )
    training_test_weeks = fields.Integer(
        string="Weeks to Knowledge Test",
        default=2,
        help="The knowledge/skill test takes place within this many weeks "
        "after the training ends.",
    )
    training_questionnaire_weeks = fields.Integer(
        string="Weeks to Questionnaire",
        default=1,
        help="The anonymous questionnaire is sent within this many weeks "
        "after the training ends.",
    )
    training_evaluation_months = fields.Integer(
        string="Months to Performance Evaluation",
        default=3,
        help="The employing department evaluates work performance within "
        "this many months after the training.",
    )
    training_report_frequency = fields.Selection(
        FREQUENCIES,
        string="Progress Report Frequency",
        default="month",
        help="How often employees report their application progress.",
    )
    training_meeting_frequency = fields.Selection(
        FREQUENCIES,
        string="Coordination Meeting Frequency",
        default="quarter",
        help="How often the training and employing departments meet.",
    )
    training_career_review_months = fields.Integer(
        string="Months Between Career Reviews",
        default=12,
        help="Interval of the career-development review.",
    )
    training_progress_review_days = fields.Integer(
        string="Working Days to Review a Progress Report",
        default=5,
        help="The manager reviews each progress report within this many working "
        "days after the employee submits it.",
    )
    training_record_update_months = fields.Integer(
        string="Months Between Record Updates",
        default=3,
        help="Every this many months of the follow-up year, the employee brings "
        "their training application record up to date (0: never asked).",
    )

    # --- Work-performance evaluation: the evaluators' weights (P3.1.2)
    training_weight_supervisor = fields.Integer(
        string="Supervisor Weight (%)",
        default=50,
        help="Weight of the supervisor's evaluation in the result.",
    )
    training_weight_peer = fields.Integer(
        string="Peer Weight (%)",
        default=30,
        help="Weight of the peers' evaluations in the result.",
    )
    training_weight_self = fields.Integer(
        string="Self Weight (%)",
        default=20,
        help="Weight of the self-evaluation in the result.",
    )

    # P3.1.1: the evaluation result that also raises the course's skills
    training_skill_evaluation_threshold = fields.Float(
        string="Evaluation Result Raising Skills (%)",
        default=0.0,
        help="A closed work-performance evaluation at or above this result "
        "raises the participant's skills to the levels the course gives, as a "
        "passed knowledge test does (0: evaluations never raise skills).",
    )

    # --- Anonymous questionnaire (P3.1.4)
    training_anonymity_min_group = fields.Integer(
        string="Minimum Anonymous Group Size",
        default=3,
        help="Questionnaire statistics are hidden for groups smaller than "
        "this, so nobody can be recognised from their answers.",
    )

    # --- Reminders and escalations of every step, in working days (P1.3)
    training_reminder_days = fields.Integer(
        string="Reminder Days Before Deadline",
        default=2,
        help="Working days before a follow-up step's deadline when its responsible "
        "person is reminded.",
    )
    training_escalation_days = fields.Integer(
        string="Escalation Days After Deadline",
        default=3,
        help="Working days after a missed deadline when the step is escalated to "
        "the responsible person's manager and the training officers.",
    )

    # --- Supervision group (P5.1)
    training_rectification_days = fields.Integer(
        string="Rectification Period (Working Days)",
        default=10,
        help="A rectification demand of the supervision group is due this many "
        "working days after it is made, unless the group sets another deadline.",
    )
    training_inspection_months = fields.Integer(
        string="Months Between Inspections",
        default=3,
        help="The supervision group's leader is given an inspection to carry out "
        "this many months after the last one (0: no schedule).",
    )

    # --- Appraisal (P5.2): the training department, the weight of each
    # indicator in its scorecard's total, the points per failed rectification
    training_department_id = fields.Many2one(
        "hr.department",
        help="The department scored on plan completion, report quality and "
        "improvement effect.",
    )
    training_kpi_weight_plan_completion = fields.Integer(
        string="Plan Completion Weight", default=40
    )
    training_kpi_weight_report_quality = fields.Integer(
        string="Report Quality Weight", default=30
    )
    training_kpi_weight_improvement_effect = fields.Integer(
        string="Improvement Effect Weight", default=30
    )
    training_kpi_weight_timeliness = fields.Integer(
        string="Timeliness Weight", default=40
    )
    training_kpi_weight_accuracy = fields.Integer(string="Accuracy Weight", default=30)
    training_kpi_weight_guidance = fields.Integer(
        string="Guidance Effectiveness Weight", default=30
    )
    training_kpi_weight_devplan_completion = fields.Integer(
        string="Development Plan Weight", default=40
    )
    training_kpi_weight_application_effect = fields.Integer(
        string="Application Effect Weight", default=40
    )
    training_kpi_weight_steps_on_time = fields.Integer(
        string="Own Steps On Time Weight", default=20
    )
    training_kpi_rectification_penalty = fields.Integer(
        string="Points per Failed Rectification",
        default=5,
        help="Points taken off a scorecard's total for each rectification "
        "demand of the period that went overdue or was rejected.",
    )

    # ------------------------------------------------------------------
    # Checks of the settings
    # ------------------------------------------------------------------
    @api.constrains(*DELAY_FIELDS)
    def _check_training_delays(self):
        for company in self:
            if min(company[name] for name in DELAY_FIELDS) < 1:
                raise ValidationError(
                    self.env._(
                        "Training follow-up delays of %(company)s must be at least 1.",
                        company=company.name,
                    )
                )

    @api.constrains(*NOTICE_FIELDS)
    def _check_training_reminders(self):
        for company in self:
            if min(company[name] for name in NOTICE_FIELDS) < 0:
                raise ValidationError(
                    self.env._(
                        "Reminder and escalation days and the months between "
                        "inspections or record updates cannot be negative."
                    )
                )

    @api.constrains(*EVALUATION_WEIGHT_FIELDS)
    def _check_training_weights(self):
        for company in self:
            weights = [company[name] for name in EVALUATION_WEIGHT_FIELDS]
            if min(weights) < 0 or sum(weights) != 100:
                raise ValidationError(
                    self.env._(
                        "The supervisor, peer and self evaluation weights must each be "
                        "between 0 and 100 and total 100 %% (now %(total)s %%).",
                        total=sum(weights),
                    )
                )

    @api.constrains(*KPI_WEIGHT_FIELDS.values(), "training_kpi_rectification_penalty")
    def _check_training_kpi_weights(self):
        labels = dict(
            self.env["training.kpi.scorecard"]
            ._fields["scope"]
            ._description_selection(self.env)
        )
        for company in self:
            if (
                min(
                    *(company[name] for name in KPI_WEIGHT_FIELDS.values()),
                    company.training_kpi_rectification_penalty,
                )
                < 0
            ):
                raise ValidationError(
                    self.env._("Appraisal weights and points cannot be negative.")
                )
            # P5.2: every scorecard has a total: its weights cannot all be 0
            for scope, indicators in SCOPE_INDICATORS.items():
                if not sum(company._training_kpi_weight(key) for key in indicators):
                    raise ValidationError(
                        self.env._(
                            "The appraisal weights of the %(scope)s scorecard "
                            "cannot all be 0: give at least one indicator a weight.",
                            scope=labels[scope],
                        )
                    )

    @api.constrains("training_skill_evaluation_threshold")
    def _check_training_skill_evaluation_threshold(self):
        for company in self:
            if not 0 <= company.training_skill_evaluation_threshold <= 100:
                raise ValidationError(
                    self.env._(
                        "The evaluation result that raises skills must lie between "
                        "0 and 100 %% (now %(result)s %%; 0: evaluations never "
                        "raise skills).",
                        result=company.training_skill_evaluation_threshold,
                    )
                )

    @api.constrains("training_anonymity_min_group")
    def _check_training_anonymity_min_group(self):
        for company in self:
            if company.training_anonymity_min_group < 2:
                raise ValidationError(
                    self.env._(
                        "The minimum anonymous group size must be at least 2, "
                        "otherwise an answer can be traced to its author."
                    )
                )

    def write(self, vals):
        result = super().write(vals)
        if {"training_reminder_days", "training_escalation_days"} & set(vals):
            self._training_move_notices()
        return result

    # ------------------------------------------------------------------
    # Helpers reading the settings
    # ------------------------------------------------------------------
    def _training_kpi_weight(self, indicator):
        """P5.2: the weight of a scorecard indicator in its total."""
        self.ensure_one()
        return self[KPI_WEIGHT_FIELDS[indicator]]

    def _training_admin_users(self):
        """The head of HR of this company: the active internal users of the
        training administrators (second escalation, the supervision group's
        leader standing in, P5.1), never another company's."""
        self.ensure_one()
        admins = self.env.ref("training_followup.group_training_admin").sudo()
        return admins.all_user_ids.filtered(
            lambda user: (
                user.active
                and not user.share
                and not user._is_superuser()
                and self in user.company_ids
            )
        )

    # ------------------------------------------------------------------
    # Deadlines on the company calendar: the arithmetic is the calendar's
    # (resource.calendar._training_due_date), the delays are the company's
    # ------------------------------------------------------------------
    def _training_move_notices(self):
        """P1.3: the open steps follow a change of the reminder or escalation
        days (the notices already sent stay sent), in one recomputation."""
        steps = (
            self.env["training.followup.step"]
            .sudo()
            .search([("company_id", "in", self.ids), ("state", "=", "todo")])
        )
        steps.modified(["date_deadline"])
        steps.flush_recordset(["reminder_date", "escalation_date", "escalation2_date"])
        return steps

    def _training_notice_dates(self, date_deadline):
        """(reminder, first escalation, second escalation) dates of a step due
        on `date_deadline`, in working days of the company calendar: holidays move
        the notices, never the deadline."""
        self.ensure_one()
        calendar = self.resource_calendar_id
        reminder = calendar._training_working_days_before(
            date_deadline, self.training_reminder_days
        )
        escalation = calendar._training_due_date(
            date_deadline, max(self.training_escalation_days, 1), "working_days"
        )
        escalation2 = calendar._training_due_date(
            escalation, max(self.training_escalation_days, 1), "working_days"
        )
        return reminder, escalation, escalation2

    def _training_next_working_day(self, day=None):
        """The first working day after `day` (today by default): the deadline
        of what is asked late, so nobody is late on the day they are asked."""
        self.ensure_one()
        day = day or fields.Date.context_today(self)
        return self._training_due_date(day, 1, "working_days")

    def _training_due_date(self, start, value, unit):
        """The deadline `value` `unit` (working_days / weeks / months) after
        the day `start` on the company's working calendar (P1.3)."""
        self.ensure_one()
        return self.resource_calendar_id._training_due_date(start, value, unit)
