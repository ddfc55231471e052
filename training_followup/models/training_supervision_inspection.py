from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from ..tools.process_guard import process_action
from ..tools.reader_language import for_reader, in_every_language

# P5.1: what the supervision group checks, in the policy's order
CHECK_POINTS = [
    ("plan_execution", "Execution of the follow-up plans"),
    ("data_quality", "Accuracy and timeliness of data collection and analysis"),
    ("feedback", "Feedback given"),
    ("improvement", "Improvement measures made and effective"),
]
CHECK_RESULTS = [
    ("compliant", "Compliant"),
    ("minor", "Minor Issues"),
    ("major", "Major Issues"),
]
INSPECTION_STATES = [("draft", "Draft"), ("done", "Done")]


class TrainingSupervisionInspection(models.Model):
    """An inspection of the follow-up work by the supervision group (P5.1):
    its scope, the four points of the policy with findings and evidence, the
    overall conclusion and the rectification demands it issues."""

    _name = "training.supervision.inspection"
    _description = "Supervision Inspection"
    # P4.6: archived with the yearly cycle (training.followup.archivable)
    _archive_sequence = 40
    _archive_date_field = "date"
    _archive_report = "training_followup.action_report_inspection"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "training.followup.archivable",
        "training.improvement.source",
        "training.process.guard",
    ]
    # P5.1: an inspection moves with its buttons
    _process_fields = ("state", "step_id")
    _improvement_field = "inspection_id"
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    date = fields.Date(
        string="Inspection Date",
        required=True,
        default=fields.Date.context_today,
        tracking=True,
    )
    leader_id = fields.Many2one(
        "res.users",
        string="Led By",
        default=lambda self: self.env.user,
        domain=[("share", "=", False)],
    )
    inspector_ids = fields.Many2many(
        "res.users",
        string="Inspectors",
        domain=[("share", "=", False)],
        check_company=True,
    )
    scope_date_from = fields.Date(string="Period From")
    scope_date_to = fields.Date(string="Period To")
    plan_ids = fields.Many2many(
        "training.followup.plan", string="Plans Inspected", check_company=True
    )
    department_ids = fields.Many2many(
        "hr.department", string="Departments Inspected", check_company=True
    )
    check_ids = fields.One2many(
        "training.supervision.inspection.check",
        "inspection_id",
        string="Checklist",
        copy=True,
    )
    conclusion = fields.Html(string="Overall Conclusion")
    state = fields.Selection(
        INSPECTION_STATES, default="draft", required=True, tracking=True, copy=False
    )
    rectification_ids = fields.One2many(
        "training.rectification", "inspection_id", string="Rectification Demands"
    )
    rectification_count = fields.Integer(compute="_compute_rectification_count")
    step_id = fields.Many2one(
        "training.followup.step",
        string="Scheduled Step",
        readonly=True,
        copy=False,
        help="The dated step of a scheduled inspection (settings: months between "
        "inspections).",
    )

    _scope_ordered = models.Constraint(
        "CHECK(scope_date_from IS NULL OR scope_date_to IS NULL "
        "OR scope_date_from <= scope_date_to)",
        "The inspected period must end after it starts.",
    )

    @api.depends("rectification_ids")
    def _compute_rectification_count(self):
        for inspection in self:
            inspection.rectification_count = len(inspection.rectification_ids)

    @api.model
    def _default_checks(self):
        """The four points of P5.1, in the policy's order."""
        return [Command.create({"point": point}) for point, _label in CHECK_POINTS]

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if "check_ids" in fields_list and not values.get("check_ids"):
            values["check_ids"] = self._default_checks()
        return values

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not vals.get("check_ids"):
                vals["check_ids"] = self._default_checks()
        return super().create(vals_list)

    @process_action
    def action_done(self):
        for inspection in self:
            if inspection.state != "draft":
                raise UserError(self.env._("This inspection is already done."))
            missing = inspection.check_ids.filtered(lambda c: not c.result)
            if missing or not inspection.check_ids:
                raise UserError(
                    self.env._(
                        "Give a result to every point of the checklist before "
                        "closing the inspection."
                    )
                )
        self.write({"state": "done"})
        for inspection in self:
            inspection.step_id.sudo()._mark_done(inspection)
        return True

    def _get_step_escalation_users(self):
        """A scheduled inspection not carried out goes to the head of HR, who
        leads the group (P5.1)."""
        return self.company_id._training_admin_users()

    @api.model
    @process_action
    def _cron_schedule_inspections(self):
        """P5.1 regular inspections: each company whose settings give months
        between inspections gets its next one, a draft inspection of its
        supervision group's leader with a dated step, the months after its
        last inspection. Never two at a time: a company with an inspection
        still to carry out gets none, so a second run adds nothing."""
        companies = self.env["res.company"].search(
            [("training_inspection_months", ">", 0)]
        )
        Member = self.env["training.supervision.member"].sudo()
        leaders = {
            member.company_id: member.user_id
            for member in Member.search(
                [("role", "=", "leader"), ("company_id", "in", companies.ids)]
            )
        }
        waiting = self.sudo().search(
            [("company_id", "in", companies.ids), ("state", "=", "draft")]
        )
        done = dict(
            self.sudo()._read_group(
                [("company_id", "in", companies.ids), ("state", "=", "done")],
                ["company_id"],
                ["date:max"],
            )
        )
        today = fields.Date.context_today(self)
        vals_list = []
        for company in companies - waiting.company_id:
            leader = leaders.get(company)
            if not leader:
                continue
            last = done.get(company) or today
            date_deadline = company._training_due_date(
                last, company.training_inspection_months, "months"
            )
            vals_list.append(
                {
                    "name": for_reader(self, leader).env._(
                        "Scheduled inspection of %(date)s",
                        date=fields.Date.to_string(date_deadline),
                    ),
                    "company_id": company.id,
                    "date": date_deadline,
                    "leader_id": leader.id,
                }
            )
        inspections = self.sudo().create(vals_list)
        steps = self.env["training.followup.step"]._create_steps(
            [
                {
                    "inspection_id": inspection.id,
                    "name": in_every_language(
                        self.env,
                        lambda env, i=inspection: env._(
                            "Carry out the inspection: %(inspection)s",
                            inspection=i.name,
                        ),
                    ),
                    "step_type": "inspection",
                    "responsible": "officer",
                    "user_id": inspection.leader_id.id,
                    "date_deadline": inspection.date,
                    # an overdue schedule gives the leader a working day
                    "not_before": inspection.company_id._training_next_working_day(),
                }
                for inspection in inspections
            ]
        )
        for inspection, step in zip(inspections, steps, strict=True):
            inspection.step_id = step
        return inspections

    @process_action
    def action_reset_draft(self):
        self.write({"state": "draft"})
        return True

    def action_new_rectification(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "training_followup.training_rectification_action"
        )
        action.update(
            {
                "views": [(False, "form")],
                "view_mode": "form",
                "context": {
                    "default_inspection_id": self.id,
                    "default_company_id": self.company_id.id,
                },
            }
        )
        return action

    def action_view_rectifications(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "training_followup.training_rectification_action"
        )
        action["domain"] = [("inspection_id", "=", self.id)]
        action["context"] = {"default_inspection_id": self.id}
        return action

    def _get_improvement_description(self):
        return self.conclusion


class TrainingFollowupStep(models.Model):
    """P5.1: a scheduled inspection is a follow-up step of the supervision
    group's leader; the inspection declares itself a source of steps here
    (docs/architecture.md)."""

    # a satellite extends the step from its own file (docs/architecture.md,
    # "The sources of a step, declared once"): kept apart on purpose
    _inherit = "training.followup.step"  # pylint: disable=consider-merging-classes-inherited

    inspection_id = fields.Many2one(
        "training.supervision.inspection",
        ondelete="cascade",
        index="btree_not_null",
        step_source=True,
        help="The scheduled inspection of the supervision group.",
    )
