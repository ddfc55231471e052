from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..tools.process_guard import CHATTER_PREFIXES, process_action
from ..tools.reader_language import for_document
from ..tools.xlsx_workbook import attach_workbook, build_workbook, download_action
from .training_application_case import effect_share

PERIOD_TYPES = [("month", "Month"), ("quarter", "Quarter"), ("year", "Year")]
PERIOD_MONTHS = {"month": 1, "quarter": 3, "year": 12}
# P5.2: the indicators of each scorecard scope, in the policy's order
SCOPE_INDICATORS = {
    "training_department": ("plan_completion", "report_quality", "improvement_effect"),
    "department": ("timeliness", "accuracy", "guidance"),
    "employee": ("devplan_completion", "application_effect", "steps_on_time"),
}
# development plans whose actions count: agreed with the manager, not drafts
COUNTED_DEVELOPMENT_PLANS = ("agreed", "active", "closed")


class TrainingKpiPeriod(models.Model):
    """An appraisal period (P5.2): a month, a quarter or a year whose
    scorecards are computed from the follow-up data, exported for the
    performance appraisal and locked once final."""

    _name = "training.kpi.period"
    _description = "Appraisal Period"
    # P4.6: archived with the yearly cycle (training.followup.archivable)
    _archive_sequence = 100
    _archive_date_field = "date_from"
    _archive_report = "training_followup.action_report_kpi_period_year"
    _archive_per_year = True
    _inherit = [
        "mail.thread",
        "training.followup.archivable",
        "training.process.guard",
    ]
    # P5.2: Compute, Lock and Unlock (with its reason) move a period
    _process_fields = ("state", "date_computed")
    _order = "date_from desc, period_type"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    period_type = fields.Selection(
        PERIOD_TYPES, string="Period", required=True, default="quarter"
    )
    date_from = fields.Date(
        string="Start",
        required=True,
        help="Moved to the first day of its month, quarter or year.",
    )
    date_to = fields.Date(string="End", compute="_compute_date_to", store=True)
    state = fields.Selection(
        [("draft", "Open"), ("locked", "Locked")],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )
    date_computed = fields.Datetime(string="Computed On", readonly=True, copy=False)
    scorecard_ids = fields.One2many(
        "training.kpi.scorecard", "period_id", string="Scorecards"
    )
    scorecard_count = fields.Integer(compute="_compute_scorecard_count")

    _period_unique = models.Constraint(
        "unique(company_id, period_type, date_from)",
        "This appraisal period already exists.",
    )

    @api.depends("period_type", "date_from")
    def _compute_name(self):
        for period in self:
            start = period.date_from
            if not start or not period.period_type:
                period.name = False
            elif period.period_type == "year":
                period.name = str(start.year)
            elif period.period_type == "quarter":
                period.name = f"{start.year} Q{(start.month - 1) // 3 + 1}"
            else:
                period.name = f"{start.year}-{start.month:02d}"

    @api.depends("period_type", "date_from")
    def _compute_date_to(self):
        for period in self:
            if period.date_from and period.period_type:
                months = PERIOD_MONTHS[period.period_type]
                period.date_to = period.date_from + relativedelta(
                    months=months, days=-1
                )
            else:
                period.date_to = False

    def _compute_scorecard_count(self):
        counts = dict(
            self.env["training.kpi.scorecard"]._read_group(
                [("period_id", "in", self.ids)], ["period_id"], ["__count"]
            )
        )
        for period in self:
            period.scorecard_count = counts.get(period, 0)

    @api.model
    def _period_start(self, day, period_type):
        if period_type == "year":
            return day.replace(month=1, day=1)
        if period_type == "quarter":
            return day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)
        return day.replace(day=1)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("state", "draft") != "draft":
                raise UserError(
                    self.env._(
                        "An appraisal period starts open; the head of HR locks it "
                        "once its scorecards are final."
                    )
                )
            if vals.get("date_from"):
                vals["date_from"] = self._period_start(
                    fields.Date.to_date(vals["date_from"]),
                    vals.get("period_type") or "quarter",
                )
        return super().create(vals_list)

    def write(self, vals):
        # P5.2: the status changes with Lock (the head of HR) and Unlock (with
        # a logged reason) only; a locked period changes in nothing else
        status_change = "state" in vals
        if not status_change and any(
            not name.startswith(CHATTER_PREFIXES) for name in vals
        ):
            self._check_open()
        if "date_from" in vals or "period_type" in vals:
            for period in self:
                start = fields.Date.to_date(vals.get("date_from") or period.date_from)
                kind = vals.get("period_type") or period.period_type
                super(TrainingKpiPeriod, period).write(
                    {**vals, "date_from": self._period_start(start, kind)}
                )
            return True
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_already_locked(self):
        self._check_open()

    def _check_open(self):
        if any(period.state == "locked" for period in self):
            raise UserError(
                self.env._("The scorecards of a locked period cannot change.")
            )

    def _check_admin(self):
        if not self.env.user.has_group("training_followup.group_training_admin"):
            raise AccessError(
                self.env._("Only the head of HR locks or unlocks an appraisal period.")
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    @process_action
    def action_compute(self):
        """(Re)compute every scorecard of the period from the data."""
        self._check_open()
        Scorecard = self.env["training.kpi.scorecard"]
        for period in self:
            period.scorecard_ids.unlink()
            Scorecard.create(period._prepare_scorecards())
            period.date_computed = fields.Datetime.now()
        return True

    @process_action
    def action_lock(self):
        self._check_admin()
        if any(not period.scorecard_ids for period in self):
            raise UserError(self.env._("Compute the scorecards before locking."))
        self._check_open()
        self.write({"state": "locked"})
        return True

    def action_open_unlock(self):
        self._check_admin()
        return self.env["training.followup.reason"]._open_for(
            self, self.env._("Unlock the Period"), "period_unlock"
        )

    @process_action
    def _unlock(self, reason):
        """Unlock a locked period (P5.2), the decision `period_unlock` of the
        reason dialog: the head of HR only, the reason logged."""
        self._check_admin()
        if any(period.state != "locked" for period in self):
            raise UserError(self.env._("Only a locked period can be unlocked."))
        for period in self:
            period.state = "draft"
            # P1.3: a note on a company document, in the company's language
            local = for_document(period)
            local.message_post(
                body=local.env._("Period unlocked: %(reason)s", reason=reason),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_view_scorecards(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "training_followup.training_kpi_scorecard_action"
        )
        action["domain"] = [("period_id", "=", self.id)]
        action["context"] = {"search_default_group_scope": 1}
        return action

    # ------------------------------------------------------------------
    # Indicators (formulas in docs/appraisal.md and in the field help)
    # ------------------------------------------------------------------
    def _prepare_scorecards(self):
        """The values of every scorecard of the period, in a fixed number of
        grouped queries whatever the number of departments and employees."""
        self.ensure_one()
        training = self._training_department_indicators()
        departments = self._department_indicators()
        employees = self._employee_indicators()
        flags = self._failed_rectifications()
        vals_list = [
            {
                "period_id": self.id,
                "scope": "training_department",
                "department_id": self.company_id.training_department_id.id,
                "rectification_count": flags["department"].get(
                    self.company_id.training_department_id.id, 0
                ),
                **training,
            }
        ]
        for department_id, values in sorted(departments.items()):
            vals_list.append(
                {
                    "period_id": self.id,
                    "scope": "department",
                    "department_id": department_id,
                    "rectification_count": flags["department"].get(department_id, 0),
                    **values,
                }
            )
        # sudo: the department lives on the employee's version, which only HR
        # officers read; the head of HR scores people without being one
        employee_records = self.env["hr.employee"].sudo().browse(list(employees))
        for employee in employee_records.sorted("name"):
            vals_list.append(
                {
                    "period_id": self.id,
                    "scope": "employee",
                    "employee_id": employee.id,
                    "department_id": employee.department_id.id,
                    "rectification_count": flags["user"].get(employee.user_id.id, 0),
                    **employees[employee.id],
                }
            )
        return vals_list

    def _in_period(self, field):
        return [(field, ">=", self.date_from), (field, "<=", self.date_to)]

    @staticmethod
    def _rate(key, numerator, denominator):
        """An indicator as (score 0-100, basis); no data gives no score."""
        if not denominator:
            return {key: 0.0, f"{key}_basis": False}
        return {
            key: round(100.0 * numerator / denominator, 2),
            f"{key}_basis": f"{round(numerator, 2):g} / {denominator}",
        }

    def _training_department_indicators(self):
        company = self.company_id
        Step = self.env["training.followup.step"].sudo()
        # plan completion: plans whose last step falls in the period, closed by then
        due_plans = Step._read_group(
            [
                ("company_id", "=", company.id),
                ("plan_id", "!=", False),
                ("state", "!=", "cancelled"),
            ],
            ["plan_id"],
            ["date_deadline:max"],
            having=[
                ("date_deadline:max", ">=", self.date_from),
                ("date_deadline:max", "<=", self.date_to),
            ],
        )
        closed_on_time = sum(
            1
            for plan, deadline in due_plans
            if plan.state == "closed"
            and plan.date_closed
            and plan.date_closed <= deadline
        )
        values = self._rate("plan_completion", closed_on_time, len(due_plans))
        # report quality: management's score (1-5) of the reports acknowledged
        reports = (
            self.env["training.followup.report"]
            .sudo()
            .search(
                [
                    ("company_id", "=", company.id),
                    ("quality_score", "!=", False),
                    *self._in_period("date_acknowledged"),
                ]
            )
        )
        scores = [int(report.quality_score) for report in reports]
        values.update(self._rate("report_quality", sum(scores), 5 * len(scores)))
        # improvement effect: measures due in the period verified effective
        counts = dict(
            self.env["training.improvement.action"]
            .sudo()
            ._read_group(
                [
                    ("company_id", "=", company.id),
                    ("state", "!=", "cancelled"),
                    *self._in_period("date_deadline"),
                ],
                ["state"],
                ["__count"],
            )
        )
        values.update(
            self._rate(
                "improvement_effect", counts.get("effective", 0), sum(counts.values())
            )
        )
        return values

    def _step_groups(self, groupby, extra_domain):
        """[(group, step count, on-time count)] of the steps due in the period
        that count for timeliness: done, or still to do past their deadline."""
        Step = self.env["training.followup.step"].sudo()
        domain = [
            ("company_id", "=", self.company_id.id),
            *self._in_period("date_deadline"),
            "|",
            ("state", "=", "done"),
            "&",
            ("state", "=", "todo"),
            ("is_late", "=", True),
            *extra_domain,
        ]
        totals = dict(Step._read_group(domain, [groupby], ["__count"]))
        on_time = dict(
            Step._read_group([*domain, ("on_time", "=", True)], [groupby], ["__count"])
        )
        return [
            (group, count, on_time.get(group, 0)) for group, count in totals.items()
        ]

    def _case_effects(self, groupby):
        """{group: (sum of effect shares, case count)} of the application
        cases whose effect the manager evaluated in the period."""
        cases = (
            self.env["training.application.case"]
            .sudo()
            ._read_group(
                [
                    ("company_id", "=", self.company_id.id),
                    # P2.2.3: a case counts once the manager evaluated it
                    ("state", "=", "evaluated"),
                    ("effect", "!=", False),
                    *self._in_period("date"),
                ],
                [groupby, "effect"],
                ["__count"],
            )
        )
        effects = defaultdict(lambda: [0.0, 0])
        for group, effect, count in cases:
            effects[group][0] += effect_share(effect) * count
            effects[group][1] += count
        return effects

    def _department_indicators(self):
        result = defaultdict(dict)
        manager_steps = [
            ("responsible", "=", "manager"),
            ("department_id", "!=", False),
        ]
        for department, count, on_time in self._step_groups(
            "department_id", manager_steps
        ):
            result[department.id].update(self._rate("timeliness", on_time, count))
        Step = self.env["training.followup.step"].sudo()
        done_domain = [
            ("company_id", "=", self.company_id.id),
            ("state", "=", "done"),
            *self._in_period("date_done"),
            *manager_steps,
        ]
        done = dict(Step._read_group(done_domain, ["department_id"], ["__count"]))
        returned = dict(
            Step._read_group(
                [*done_domain, ("return_count", ">", 0)], ["department_id"], ["__count"]
            )
        )
        for department, count in done.items():
            result[department.id].update(
                self._rate("accuracy", count - returned.get(department, 0), count)
            )
        by_followup = self._case_effects("followup_id")
        guidance = defaultdict(lambda: [0.0, 0])
        for followup, (total, count) in by_followup.items():
            if followup.department_id:
                guidance[followup.department_id.id][0] += total
                guidance[followup.department_id.id][1] += count
        for department_id, (total, count) in guidance.items():
            result[department_id].update(self._rate("guidance", total, count))
        return result

    def _employee_indicators(self):
        result = defaultdict(dict)
        actions = (
            self.env["training.development.action"]
            .sudo()
            ._read_group(
                [
                    ("company_id", "=", self.company_id.id),
                    ("plan_id.state", "in", COUNTED_DEVELOPMENT_PLANS),
                    ("state", "!=", "cancelled"),
                    *self._in_period("date_deadline"),
                ],
                ["plan_id", "state"],
                ["__count"],
            )
        )
        devplan = defaultdict(lambda: [0, 0])
        for plan, state, count in actions:
            devplan[plan.employee_id.id][1] += count
            if state == "done":
                devplan[plan.employee_id.id][0] += count
        for employee_id, (done, count) in devplan.items():
            result[employee_id].update(self._rate("devplan_completion", done, count))
        for employee, (total, count) in self._case_effects("employee_id").items():
            result[employee.id].update(self._rate("application_effect", total, count))
        for employee, count, on_time in self._step_groups(
            "employee_id",
            [("responsible", "=", "employee"), ("employee_id", "!=", False)],
        ):
            result[employee.id].update(self._rate("steps_on_time", on_time, count))
        return result

    def _failed_rectifications(self):
        """Rectification demands due in the period that went overdue or were
        rejected (P5.1), by department and by responsible user."""
        Rectification = self.env["training.rectification"].sudo()
        domain = [
            ("company_id", "=", self.company_id.id),
            ("appraisal_flag", "=", True),
            *self._in_period("date_deadline"),
        ]
        return {
            "department": {
                department.id: count
                for department, count in Rectification._read_group(
                    domain, ["department_id"], ["__count"]
                )
            },
            "user": {
                user.id: count
                for user, count in Rectification._read_group(
                    domain, ["user_id"], ["__count"]
                )
            },
        }

    # ------------------------------------------------------------------
    # XLSX export for the appraisal
    # ------------------------------------------------------------------
    def action_export_xlsx(self):
        self.ensure_one()
        name = self.env._("Appraisal scorecards %(period)s.xlsx", period=self.name)
        attachment = attach_workbook(self, name, build_workbook(self._get_sheets()))
        return download_action(attachment)

    def _get_sheets(self):
        """(sheet title, [(header, width)], rows) of each scorecard scope."""
        fields_ = self.env["training.kpi.scorecard"]._fields

        def label(name):
            return fields_[name]._description_string(self.env)

        scopes = dict(fields_["scope"]._description_selection(self.env))
        sheets = []
        for scope, indicators in SCOPE_INDICATORS.items():
            columns = ["department_id"]
            if scope == "employee":
                columns = ["employee_id", "department_id"]
            header = [label(name) for name in columns]
            for key in indicators:
                header += [label(key), label(f"{key}_basis")]
            header += [label("rectification_count"), label("total_score")]
            cards = self.scorecard_ids.filtered(lambda c, s=scope: c.scope == s)
            sheets.append(
                (
                    scopes[scope],
                    [(title, 18) for title in header],
                    self._scorecard_rows(cards, columns, indicators),
                )
            )
        return sheets

    @api.model
    def _scorecard_rows(self, cards, columns, indicators):
        for card in cards:
            values = [card[name].display_name or None for name in columns]
            for key in indicators:
                basis = card[f"{key}_basis"]
                values += [card[key] if basis else None, basis or None]
            yield (*values, card.rectification_count, card.total_score)
