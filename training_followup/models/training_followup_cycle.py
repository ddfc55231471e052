import base64
from datetime import date

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

# the documents of a cycle (P4.6): model, its date field, its PDF report
ARCHIVED_DOCUMENTS = [
    (
        "training.followup.plan",
        "date_end",
        "training_followup.action_report_followup_plan",
    ),
    (
        "training.followup.report",
        "date_submitted",
        "training_followup.action_report_followup_report",
    ),
    (
        "training.improvement.action",
        "date_deadline",
        "training_followup.action_report_improvement_action",
    ),
    (
        "training.supervision.inspection",
        "date",
        "training_followup.action_report_inspection",
    ),
]


class TrainingFollowupCycle(models.Model):
    """The yearly follow-up cycle (P4.6 跟踪管理总结与归档): the summary the
    training department writes at the end of the year, with the figures of
    the year, and the electronic archive: the PDF of every plan, report,
    improvement action and inspection of the year, attached here, the
    documents themselves locked until the head of HR reopens the cycle."""

    _name = "training.followup.cycle"
    _description = "Follow-up Cycle"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "year desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    year = fields.Integer(
        required=True, default=lambda self: fields.Date.context_today(self).year
    )
    date_from = fields.Date(string="Start", compute="_compute_dates", store=True)
    date_to = fields.Date(string="End", compute="_compute_dates", store=True)
    state = fields.Selection(
        [("draft", "In Progress"), ("archived", "Archived")],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )
    summary = fields.Html(
        string="Work Done", help="What the follow-up did during the year."
    )
    results = fields.Html(help="The results, from the scorecards and reports.")
    problems = fields.Html(string="Problems Found")
    improvement_summary = fields.Html(
        string="Effect of the Improvements",
        help="What the improvement actions of the year achieved.",
    )
    date_archived = fields.Date(readonly=True, copy=False)
    archived_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    attachment_ids = fields.One2many(
        "ir.attachment",
        "res_id",
        string="Archive",
        domain=[("res_model", "=", "training.followup.cycle")],
        readonly=True,
    )
    # the figures of the year
    plan_count = fields.Integer(string="Plans", compute="_compute_figures")
    plan_closed_count = fields.Integer(
        string="Plans Closed", compute="_compute_figures"
    )
    report_count = fields.Integer(string="Reports", compute="_compute_figures")
    action_count = fields.Integer(
        string="Improvement Actions", compute="_compute_figures"
    )
    action_effective_count = fields.Integer(
        string="Verified Effective", compute="_compute_figures"
    )
    action_not_effective_count = fields.Integer(
        string="Verified Not Effective", compute="_compute_figures"
    )
    inspection_count = fields.Integer(string="Inspections", compute="_compute_figures")
    rectification_count = fields.Integer(
        string="Rectification Demands", compute="_compute_figures"
    )
    rectification_failed_count = fields.Integer(
        string="Failed Rectifications", compute="_compute_figures"
    )
    training_score = fields.Float(
        string="Training Department Score",
        compute="_compute_figures",
        help="Total score of the training department's scorecard of the year; "
        "0 until the yearly appraisal period is computed.",
    )

    _year_unique = models.Constraint(
        "unique(company_id, year)", "A company has one follow-up cycle per year."
    )
    _year_range = models.Constraint(
        "CHECK(year >= 2000 AND year <= 2999)", "The year of a cycle is not valid."
    )

    @api.depends("year")
    def _compute_name(self):
        for cycle in self:
            cycle.name = self.env._("Follow-up cycle %(year)s", year=cycle.year)

    @api.depends("year")
    def _compute_dates(self):
        for cycle in self:
            if 2000 <= cycle.year <= 2999:
                cycle.date_from = date(cycle.year, 1, 1)
                cycle.date_to = date(cycle.year, 12, 31)
            else:
                cycle.date_from = cycle.date_to = False

    def _document_domain(self, model, date_field):
        self.ensure_one()
        return [
            ("company_id", "=", self.company_id.id),
            (date_field, ">=", self.date_from),
            (date_field, "<=", self.date_to),
        ]

    def _get_documents(self):
        """{model: records} of the documents of the cycle's year."""
        self.ensure_one()
        return {
            model: self.env[model].sudo().search(self._document_domain(model, field))
            for model, field, _report in ARCHIVED_DOCUMENTS
        }

    def _compute_figures(self):
        for cycle in self:
            if not cycle.date_from:
                cycle.update(dict.fromkeys(cycle._figure_fields(), 0))
                continue
            documents = cycle._get_documents()
            plans = documents["training.followup.plan"]
            actions = documents["training.improvement.action"]
            rectifications = (
                self.env["training.rectification"]
                .sudo()
                .search(
                    cycle._document_domain("training.rectification", "date_deadline")
                )
            )
            card = (
                self.env["training.kpi.scorecard"]
                .sudo()
                .search(
                    [
                        ("company_id", "=", cycle.company_id.id),
                        ("scope", "=", "training_department"),
                        ("period_id.period_type", "=", "year"),
                        ("date_from", "=", cycle.date_from),
                    ],
                    limit=1,
                )
            )
            cycle.update(
                {
                    "plan_count": len(plans),
                    "plan_closed_count": len(
                        plans.filtered(lambda p: p.state == "closed")
                    ),
                    "report_count": len(documents["training.followup.report"]),
                    "action_count": len(actions),
                    "action_effective_count": len(
                        actions.filtered(lambda a: a.state == "effective")
                    ),
                    "action_not_effective_count": len(
                        actions.filtered(lambda a: a.state == "not_effective")
                    ),
                    "inspection_count": len(
                        documents["training.supervision.inspection"]
                    ),
                    "rectification_count": len(rectifications),
                    "rectification_failed_count": len(
                        rectifications.filtered("appraisal_flag")
                    ),
                    "training_score": card.total_score,
                }
            )

    @api.model
    def _figure_fields(self):
        return [
            "plan_count",
            "plan_closed_count",
            "report_count",
            "action_count",
            "action_effective_count",
            "action_not_effective_count",
            "inspection_count",
            "rectification_count",
            "rectification_failed_count",
            "training_score",
        ]

    def write(self, vals):
        if any(cycle.state == "archived" for cycle in self) and set(vals) - {
            "state",
            "message_main_attachment_id",
        }:
            raise UserError(
                self.env._(
                    "An archived cycle cannot be changed; the head of HR can reopen it."
                )
            )
        return super().write(vals)

    def unlink(self):
        if any(cycle.state == "archived" for cycle in self):
            raise UserError(self.env._("An archived cycle cannot be deleted."))
        return super().unlink()

    def action_draft_from_data(self):
        """Fill the results and the effect of the improvements from the
        year's scorecards, reports and improvement actions (P4.6), and the
        problems from the reports when still empty; the officer edits them."""
        self.ensure_one()
        if self.state != "draft":
            raise UserError(
                self.env._(
                    "An archived cycle cannot be changed; the head of HR can reopen it."
                )
            )
        documents = self._get_documents()
        reports = documents["training.followup.report"]
        cards = (
            self.env["training.kpi.scorecard"]
            .sudo()
            .search(
                [
                    ("company_id", "=", self.company_id.id),
                    ("period_id.period_type", "=", "year"),
                    ("date_from", "=", self.date_from),
                    ("scope", "in", ("training_department", "department")),
                ]
            )
        )
        values = {
            "cycle": self,
            "reports": reports,
            "cards": cards,
            "actions": documents["training.improvement.action"],
        }
        QWeb = self.env["ir.qweb"]
        self.write(
            {
                "results": QWeb._render(
                    "training_followup.cycle_draft_results", values
                ),
                "improvement_summary": QWeb._render(
                    "training_followup.cycle_draft_improvements", values
                ),
                "problems": self.problems
                or Markup("").join(report.problems or "" for report in reports),
            }
        )
        return True

    # ------------------------------------------------------------------
    # Archive and reopen
    # ------------------------------------------------------------------
    def action_archive_cycle(self):
        """P4.6: render the PDF of every document of the year, attach them to
        the cycle and lock the documents."""
        if not self.env.user.has_group("training_followup.group_training_officer"):
            raise AccessError(
                self.env._("Only the training department archives a cycle.")
            )
        for cycle in self:
            if cycle.state != "draft":
                raise UserError(self.env._("This cycle is already archived."))
            if not (cycle.summary or "").strip():
                raise UserError(
                    self.env._("Write the summary of the year before archiving it.")
                )
        Attachment = self.env["ir.attachment"].sudo()
        Report = self.env["ir.actions.report"].sudo()
        for cycle in self:
            # a cycle archived again replaces its previous archive
            cycle.attachment_ids.sudo().unlink()
            documents = cycle._get_documents()
            attachments = []
            for model, _field, report_ref in ARCHIVED_DOCUMENTS:
                records = documents[model]
                records.write({"cycle_id": cycle.id})
                report = self.env.ref(report_ref)
                for record in records:
                    content, _type = Report._render_qweb_pdf(report, record.ids)
                    attachments.append(
                        {
                            "name": f"{report.name} - {record.display_name}.pdf",
                            "datas": base64.b64encode(content),
                            "res_model": cycle._name,
                            "res_id": cycle.id,
                            "mimetype": "application/pdf",
                            "description": f"{model},{record.id}",
                        }
                    )
            Attachment.create(attachments)
            cycle.write(
                {
                    "state": "archived",
                    "date_archived": fields.Date.context_today(self),
                    "archived_by_id": self.env.user.id,
                }
            )
            cycle.message_post(
                body=self.env._(
                    "Cycle archived: %(count)s documents attached and locked.",
                    count=len(attachments),
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_open_reopen(self):
        self._check_can_reopen()
        return self.env["training.followup.reason"]._open_for(
            self, self.env._("Reopen the Cycle")
        )

    def _check_can_reopen(self):
        if not self.env.user.has_group("training_followup.group_training_admin"):
            raise AccessError(self.env._("Only the head of HR reopens a cycle."))
        if any(cycle.state != "archived" for cycle in self):
            raise UserError(self.env._("Only an archived cycle can be reopened."))

    def _apply_training_reason(self, reason):
        """Reopen: the documents can change again; who and why is logged."""
        self._check_can_reopen()
        self.write({"state": "draft"})
        for cycle in self:
            cycle.message_post(
                body=self.env._(
                    "Cycle reopened by %(user)s: %(reason)s",
                    user=self.env.user.name,
                    reason=reason,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_view_documents(self):
        self.ensure_one()
        model = self.env.context.get("training_document_model")
        field = {m: f for m, f, _r in ARCHIVED_DOCUMENTS}[model]
        return {
            "type": "ir.actions.act_window",
            "name": self.env["ir.model"]._get(model).name,
            "res_model": model,
            "view_mode": "list,form",
            "domain": self._document_domain(model, field),
        }
