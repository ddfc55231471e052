from odoo import api, fields, models

from .training_kpi_period import SCOPE_INDICATORS

SCOPES = [
    ("training_department", "Training Department"),
    ("department", "Employing Department"),
    ("employee", "Employee"),
]


def _basis(string):
    return fields.Char(
        string=string,
        readonly=True,
        help="Numerator / denominator of the indicator; empty when the period "
        "has no data for it (it then does not count in the total).",
    )


class TrainingKpiScorecard(models.Model):
    """The appraisal scorecard of the training department, an employing
    department or an employee for one period (P5.2). Every indicator is
    computed from the follow-up data, never typed; its formula is in its help
    and in docs/appraisal.md. The total is the average of the indicators with
    data, weighted by the settings, less the points of failed rectification
    demands (P5.1)."""

    _name = "training.kpi.scorecard"
    _inherit = ["training.process.guard"]
    # P5.2: computed by the period's Compute only
    _process_records = True
    _description = "Appraisal Scorecard"
    _order = "period_id desc, scope, department_id, employee_id"

    period_id = fields.Many2one(
        "training.kpi.period", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="period_id.company_id", store=True)
    date_from = fields.Date(related="period_id.date_from", store=True)
    date_to = fields.Date(related="period_id.date_to")
    state = fields.Selection(related="period_id.state", string="Period Status")
    scope = fields.Selection(SCOPES, required=True, readonly=True)
    department_id = fields.Many2one("hr.department", readonly=True, index=True)
    employee_id = fields.Many2one("hr.employee", readonly=True, index=True)
    employee_user_id = fields.Many2one(
        related="employee_id.user_id", string="Employee User"
    )
    name = fields.Char(compute="_compute_name")

    # training department
    plan_completion = fields.Float(
        string="Plan Completion (%)",
        readonly=True,
        aggregator="avg",
        help="Plans closed on time / plans due. A plan is due in the period "
        "when its last step's deadline falls in it; on time when the plan was "
        "closed on or before that deadline.",
    )
    plan_completion_basis = _basis("Plan Completion Basis")
    report_quality = fields.Float(
        string="Report Quality (%)",
        readonly=True,
        aggregator="avg",
        help="Average of management's quality score (1 to 5) of the follow-up "
        "reports acknowledged in the period, as a share of 5.",
    )
    report_quality_basis = _basis("Report Quality Basis")
    improvement_effect = fields.Float(
        string="Improvement Effect (%)",
        readonly=True,
        aggregator="avg",
        help="Improvement actions verified effective / improvement actions due in "
        "the period (cancelled ones excluded).",
    )
    improvement_effect_basis = _basis("Improvement Effect Basis")
    # employing departments
    timeliness = fields.Float(
        string="Timeliness (%)",
        readonly=True,
        aggregator="avg",
        help="Steps of the department's managers done on time / their steps due "
        "in the period that are done or already late (evaluations, reports, "
        "observations, rectifications...).",
    )
    timeliness_basis = _basis("Timeliness Basis")
    accuracy = fields.Float(
        string="Accuracy (%)",
        readonly=True,
        aggregator="avg",
        help="Steps of the department's managers done in the period and never "
        "returned for correction / their steps done in the period.",
    )
    accuracy_basis = _basis("Accuracy Basis")
    guidance = fields.Float(
        string="Guidance Effectiveness (%)",
        readonly=True,
        aggregator="avg",
        help="Average application effect of the department's employees: the "
        "application cases evaluated in the period, each scored none 0, low "
        "1/3, medium 2/3, high 1.",
    )
    guidance_basis = _basis("Guidance Effectiveness Basis")
    # employees
    devplan_completion = fields.Float(
        string="Development Plan Completion (%)",
        readonly=True,
        aggregator="avg",
        help="Actions of the employee's agreed, active or closed development "
        "plans done / their actions due in the period (cancelled ones excluded).",
    )
    devplan_completion_basis = _basis("Development Plan Basis")
    application_effect = fields.Float(
        string="Application Effect (%)",
        readonly=True,
        aggregator="avg",
        help="Average effect of the employee's application cases evaluated in "
        "the period: none 0, low 1/3, medium 2/3, high 1.",
    )
    application_effect_basis = _basis("Application Effect Basis")
    steps_on_time = fields.Float(
        string="Own Steps On Time (%)",
        readonly=True,
        aggregator="avg",
        help="The employee's own steps done on time / their steps due in the "
        "period that are done or already late.",
    )
    steps_on_time_basis = _basis("Own Steps Basis")

    rectification_count = fields.Integer(
        string="Failed Rectifications",
        readonly=True,
        help="Rectification demands due in the period that went overdue or "
        "were rejected; each takes the settings' points off the total.",
    )
    total_score = fields.Float(
        compute="_compute_total_score",
        store=True,
        aggregator="avg",
        help="Weighted average of the indicators with data (weights in the "
        "settings), less the points of failed rectifications, never below 0.",
    )

    @api.depends("scope", "department_id", "employee_id", "period_id.name")
    def _compute_name(self):
        for card in self:
            subject = (
                card.employee_id.name
                or card.department_id.name
                or dict(SCOPES).get(card.scope)
            )
            card.name = f"{card.period_id.name} - {subject}"

    @api.depends(
        "scope",
        "rectification_count",
        *[
            f"{key}_basis"
            for indicators in SCOPE_INDICATORS.values()
            for key in indicators
        ],
    )
    def _compute_total_score(self):
        for card in self:
            company = card.period_id.company_id
            weighted = weights = 0.0
            for key in SCOPE_INDICATORS.get(card.scope, ()):
                if not card[f"{key}_basis"]:
                    continue
                weight = company._training_kpi_weight(key)
                weighted += weight * card[key]
                weights += weight
            score = weighted / weights if weights else 0.0
            penalty = card.rectification_count * (
                company.training_kpi_rectification_penalty
            )
            card.total_score = round(max(score - penalty, 0.0), 2)

    def write(self, vals):
        # who may not write a scorecard at all is told so first
        self.check_access("write")
        self.period_id._check_open()
        # P4.6: the scorecards are archived with their period
        self.period_id._check_not_archived()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_period_locked_or_archived(self):
        self.period_id._check_open()
        self.period_id._check_not_archived()

    @api.model_create_multi
    def create(self, vals_list):
        periods = self.env["training.kpi.period"].browse(
            {vals.get("period_id") for vals in vals_list if vals.get("period_id")}
        )
        periods._check_open()
        return super().create(vals_list)
