import base64
from concurrent.futures import ThreadPoolExecutor
from datetime import date

from markupsafe import Markup

from odoo import api, fields, models, modules
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain

from ..tools.process_guard import process_action
from ..tools.reader_language import for_document

# what the archive job may still write on a cycle being archived
ARCHIVE_JOB_FIELDS = {
    "state",
    "message_main_attachment_id",
    "archive_done_count",
    "archive_total_count",
    "date_archived",
    "archived_by_id",
}


class TrainingFollowupCycle(models.Model):
    """The yearly follow-up cycle (P4.6 跟踪管理总结与归档): the summary the
    training department writes at the end of the year, with the figures of
    the year, and the electronic archive: the PDF of every document of the
    year (the models inheriting `training.followup.archivable`, each
    declaring its date field and PDF report), attached here, the documents
    themselves locked until the head of HR reopens the cycle. The Archive
    button only queues the work; the archive job (`_cron_archive_cycles`)
    prints the documents in batches and locks them once all are attached."""

    # P4.6: a batch of the archive job (one commit) prints up to
    # `_archive_batch_size` documents; the documents of one report are
    # printed `_archive_render_group` per wkhtmltopdf call, and the calls of
    # a batch run on `_archive_render_lanes` lanes at once (one per core)
    _archive_batch_size = 80
    _archive_render_group = 20
    _archive_render_lanes = 2
    # a document of the whole year (test results, observations, scorecards)
    # is printed in parts of this many records: the year of a large company
    # (8,000 test results) in one PDF is one job item of minutes
    _archive_year_part_size = 500

    _name = "training.followup.cycle"
    _description = "Follow-up Cycle"
    _inherit = ["mail.thread", "mail.activity.mixin", "training.process.guard"]
    # P4.6: Archive, the archive job and Reopen (with its reason) move a cycle
    _process_fields = (
        "state",
        "date_archived",
        "archived_by_id",
        "archive_done_count",
        "archive_total_count",
    )
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
        [
            ("draft", "In Progress"),
            ("archiving", "Archiving"),
            ("archived", "Archived"),
        ],
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
    archive_done_count = fields.Integer(
        string="Documents Archived", readonly=True, copy=False
    )
    archive_total_count = fields.Integer(
        string="Documents to Archive", readonly=True, copy=False
    )
    archive_progress = fields.Float(
        compute="_compute_archive_progress",
        help="Share of the year's documents already printed to the archive.",
    )
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

    @api.depends("archive_done_count", "archive_total_count")
    def _compute_archive_progress(self):
        for cycle in self:
            total = cycle.archive_total_count
            cycle.archive_progress = (
                100.0 * cycle.archive_done_count / total if total else 0.0
            )

    @api.model
    def _archived_models(self):
        """The kinds of document a cycle archives (P4.6), in the order of
        their PDFs in the archive: every model inheriting
        `training.followup.archivable`, which declares its date field, its
        report and whether its year shares one PDF."""
        names = self.env.registry.descendants(
            ["training.followup.archivable"], "_inherit"
        )
        kinds = [
            self.env[name]
            for name in names
            if not self.env[name]._abstract and not self.env[name]._transient
        ]
        return sorted(kinds, key=lambda kind: (kind._archive_sequence, kind._name))

    def _document_domain(self, model):
        """The documents of `model` (a model name) dated in the cycle's year
        and company, by the date field the model declares."""
        self.ensure_one()
        date_field = self.env[model]._archive_date_field
        return [
            ("company_id", "=", self.company_id.id),
            (date_field, ">=", self.date_from),
            (date_field, "<=", self.date_to),
        ]

    def _get_documents(self):
        """{model name: records} of the documents of the cycle's year."""
        self.ensure_one()
        return {
            kind._name: kind.sudo().search(self._document_domain(kind._name))
            for kind in self._archived_models()
        }

    def _compute_figures(self):
        for cycle in self:
            if not cycle.date_from:
                cycle.update(dict.fromkeys(cycle._figure_fields(), 0))
                continue
            documents = cycle._get_documents()
            plans = documents["training.followup.plan"]
            actions = documents["training.improvement.action"]
            rectifications = documents["training.rectification"]
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
        changed = set(vals) - ARCHIVE_JOB_FIELDS
        if changed and any(cycle.state == "archiving" for cycle in self):
            raise UserError(
                self.env._(
                    "The archive of this cycle is being made; the cycle cannot be "
                    "changed meanwhile."
                )
            )
        if changed and any(cycle.state == "archived" for cycle in self):
            raise UserError(
                self.env._(
                    "An archived cycle cannot be changed; the head of HR can reopen it."
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_archived(self):
        if any(cycle.state in ("archiving", "archived") for cycle in self):
            raise UserError(self.env._("An archived cycle cannot be deleted."))

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
    @process_action
    def action_archive_cycle(self):
        """P4.6: queue the archive of the year: the archive job prints every
        document in the background; nothing is rendered in this request."""
        if not self.env.user.has_group("training_followup.group_training_officer"):
            raise AccessError(
                self.env._("Only the training department archives a cycle.")
            )
        for cycle in self:
            if cycle.state == "archiving":
                raise UserError(self.env._("This cycle is already being archived."))
            if cycle.state != "draft":
                raise UserError(self.env._("This cycle is already archived."))
            if not (cycle.summary or "").strip():
                raise UserError(
                    self.env._("Write the summary of the year before archiving it.")
                )
        for cycle in self:
            # a cycle archived again replaces its previous archive
            cycle._get_archive_attachments().unlink()
            jobs = cycle._get_archive_jobs()
            total = len(jobs)
            cycle.write(
                {
                    "state": "archiving",
                    "archive_done_count": 0,
                    "archive_total_count": total,
                    "date_archived": False,
                    "archived_by_id": self.env.user.id,
                }
            )
            # P4.6: the documents are locked from now on: the archive prints
            # what they say at this moment, nobody changes them meanwhile
            for _key, _report_ref, records in jobs:
                records._set_archive_cycle(cycle)
            # P1.3: notes on a company document, in the company's language
            local = for_document(cycle)
            local.message_post(
                body=local.env._(
                    "Archive started: %(count)s documents are printed in the "
                    "background.",
                    count=total,
                ),
                subtype_xmlid="mail.mt_note",
            )
        self.env.ref("training_followup.ir_cron_archive_cycles").sudo()._trigger()
        return True

    def _get_archive_jobs(self):
        """The PDFs of the cycle's archive, in order: a list of (key, report
        xmlid, records); the key, kept as the attachment's description,
        tells which document an attachment holds."""
        self.ensure_one()
        documents = self._get_documents()
        jobs = []
        size = self._archive_year_part_size
        for kind in self._archived_models():
            model, report_ref = kind._name, kind._archive_report
            records = documents[model]
            if kind._archive_per_year:
                # parts of `size` records in id order; the first part keeps
                # the key of a year printed whole
                records = records.sorted("id")
                jobs.extend(
                    (
                        f"{model},year" + (f",{start // size + 1}" if start else ""),
                        report_ref,
                        records[start : start + size],
                    )
                    for start in range(0, len(records), size)
                )
            else:
                jobs.extend(
                    (f"{model},{record.id}", report_ref, record) for record in records
                )
        return jobs

    def _get_archive_attachments(self):
        """The PDFs of the cycle's archive (not what users attached in the
        chatter)."""
        self.ensure_one()
        of_archive = Domain.OR(
            Domain("description", "=like", f"{kind._name},%")
            for kind in self._archived_models()
        )
        return (
            self.env["ir.attachment"]
            .sudo()
            .search(
                Domain("res_model", "=", self._name)
                & Domain("res_id", "=", self.id)
                & of_archive
            )
        )

    def _render_archive_pdf(self, report, records):
        """One PDF of `records` (a document, or a part of the year's)."""
        content, _type = (
            self.env["ir.actions.report"].sudo()._render_qweb_pdf(report, records.ids)
        )
        return content

    def _render_archive_pdfs(self, report, records):
        """{record id: its own PDF}: the documents of one report printed by
        one wkhtmltopdf call and split per record (P4.6)."""
        if len(records) == 1:
            return {records.id: self._render_archive_pdf(report, records)}
        return (
            self.env["ir.actions.report"]
            .sudo()
            ._training_render_pdf_each(report, records.ids)
        )

    def _archive_render_tasks(self, batch):
        """The wkhtmltopdf calls of a batch of archive jobs: a list of
        functions of a cycle (in some transaction) returning {key: PDF}.
        A part of the year's is one call; the one-record documents of a
        report are grouped `_archive_render_group` per call."""
        tasks = []
        by_report = {}
        for key, report_ref, records in batch:
            if ",year" in key:
                tasks.append(
                    lambda cycle, key=key, ref=report_ref, recs=records: {
                        key: cycle._render_archive_pdf(
                            cycle.env.ref(ref), recs.with_env(cycle.env)
                        )
                    }
                )
            else:
                by_report.setdefault((report_ref, records._name), []).append(
                    (key, records.id)
                )
        size = self._archive_render_group
        for (report_ref, model), items in by_report.items():
            for start in range(0, len(items), size):
                group = items[start : start + size]

                def task(cycle, ref=report_ref, model=model, group=group):
                    pdfs = cycle._render_archive_pdfs(
                        cycle.env.ref(ref),
                        cycle.env[model].browse([res_id for _key, res_id in group]),
                    )
                    return {key: pdfs[res_id] for key, res_id in group}

                tasks.append(task)
        return tasks

    def _render_archive_batch(self, batch):
        """{key: PDF} of a batch of archive jobs. The calls run on
        `_archive_render_lanes` threads, each reading the (locked, committed)
        documents in a transaction of its own, so that wkhtmltopdf uses
        every core; nothing is written there: the attachments are created by
        the caller's transaction, the only one that commits the batch. Under
        tests (one shared test transaction) the calls run one after the
        other."""
        tasks = self._archive_render_tasks(batch)
        lanes = min(self._archive_render_lanes, len(tasks))
        contents = {}
        if lanes <= 1 or modules.module.current_test:
            for task in tasks:
                contents.update(task(self))
            return contents
        registry, uid, context = self.env.registry, self.env.uid, self.env.context
        cycle_id = self.id

        def run(task):
            with registry.cursor() as cr:
                env = api.Environment(cr, uid, context)
                try:
                    return task(env[self._name].browse(cycle_id))
                finally:
                    # read only: what rendering may have cached is not kept
                    cr.rollback()

        with ThreadPoolExecutor(max_workers=lanes) as pool:
            for result in pool.map(run, tasks):
                contents.update(result)
        return contents

    def _prepare_archive_attachment_values(self, key, report, records, content=None):
        self.ensure_one()
        _model, _sep, part = key.partition(",year")
        if not _sep:
            name = f"{report.name} - {records.display_name}.pdf"
        elif part:
            name = f"{report.name} {self.year} ({part.lstrip(',')}).pdf"
        else:
            name = f"{report.name} {self.year}.pdf"
        if content is None:
            content = self._render_archive_pdf(report, records)
        return {
            "name": name,
            "datas": base64.b64encode(content),
            "res_model": self._name,
            "res_id": self.id,
            "mimetype": "application/pdf",
            "description": key,
        }

    @process_action
    def _archive_next_batch(self):
        """Print the next batch of the cycle's documents; returns (printed,
        still to print). What is done is read from the attachments already
        there, in the transaction that creates the new ones: a batch that
        crashed left nothing, and a document is never attached twice."""
        self.ensure_one()
        jobs = self._get_archive_jobs()
        done = set(self._get_archive_attachments().mapped("description"))
        pending = [job for job in jobs if job[0] not in done]
        batch = pending[: self._archive_batch_size]
        contents = self._render_archive_batch(batch)
        self.env["ir.attachment"].sudo().create(
            [
                self._prepare_archive_attachment_values(
                    key, self.env.ref(report_ref), records, contents[key]
                )
                for key, report_ref, records in batch
            ]
        )
        remaining = len(pending) - len(batch)
        self.write(
            {
                "archive_done_count": len(jobs) - remaining,
                "archive_total_count": len(jobs),
            }
        )
        if not remaining:
            self._finish_archive(jobs)
        return len(batch), remaining

    @process_action
    def _finish_archive(self, jobs):
        """Every document is in the archive: lock them all."""
        self.ensure_one()
        for _key, _report_ref, records in jobs:
            records._set_archive_cycle(self)
        self.write(
            {"state": "archived", "date_archived": fields.Date.context_today(self)}
        )
        local = for_document(self)
        local.message_post(
            body=local.env._(
                "Cycle archived: %(count)s documents attached and locked.",
                count=len(jobs),
            ),
            subtype_xmlid="mail.mt_note",
        )

    @api.model
    def _cron_archive_cycles(self):
        """P4.6: the archive job: prints the documents of the cycles being
        archived in batches, committing after each; run again, it goes on
        where it stopped."""
        Cron = self.env["ir.cron"]
        cycles = self.search([("state", "=", "archiving")])
        for index, cycle in enumerate(cycles):
            while True:
                printed, remaining = cycle._archive_next_batch()
                # the cycles after this one are still to do as well
                waiting = remaining + len(cycles) - index - 1
                if not Cron._commit_progress(printed, remaining=waiting):
                    return
                if not remaining:
                    break

    def action_open_reopen(self):
        self._check_can_reopen()
        return self.env["training.followup.reason"]._open_for(
            self, self.env._("Reopen the Cycle"), "cycle_reopen"
        )

    def _check_can_reopen(self):
        if not self.env.user.has_group("training_followup.group_training_admin"):
            raise AccessError(self.env._("Only the head of HR reopens a cycle."))
        if any(cycle.state not in ("archiving", "archived") for cycle in self):
            raise UserError(
                self.env._("Only a cycle being archived or archived can be reopened.")
            )

    @process_action
    def _reopen(self, reason):
        """Reopen (P4.6), the decision `cycle_reopen` of the reason dialog:
        the documents can change again; who and why is logged."""
        self._check_can_reopen()
        self.write({"state": "draft"})
        for cycle in self:
            local = for_document(cycle)
            local.message_post(
                body=local.env._(
                    "Cycle reopened by %(user)s: %(reason)s",
                    user=self.env.user.name,
                    reason=reason,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_view_documents(self):
        self.ensure_one()
        # the button names the kind of document in its context, which any
        # client can send: only the kinds archived with a cycle are listed
        model = self.env.context.get("training_document_model")
        kinds = {kind._name for kind in self._archived_models()}
        if not isinstance(model, str) or model not in kinds:
            raise UserError(
                self.env._("These documents are not among those archived with a cycle.")
            )
        return {
            "type": "ir.actions.act_window",
            "name": self.env["ir.model"]._get(model).name,
            "res_model": model,
            "view_mode": "list,form",
            "domain": self._document_domain(model),
        }
