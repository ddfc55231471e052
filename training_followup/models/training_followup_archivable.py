from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..tools.process_guard import CHATTER_PREFIXES


class TrainingFollowupArchivable(models.AbstractModel):
    """A document of the follow-up that the yearly cycle archives (P4.6):
    once its cycle is archived nobody changes or deletes it, superuser
    included, until the head of HR reopens the cycle with a logged reason."""

    _name = "training.followup.archivable"
    _description = "Archived Follow-up Document"

    # What the yearly cycle archives of each kind, declared by the kind
    # itself (the cycle lists the models inheriting this one): the field
    # dating a document into its year, its PDF report (xmlid), whether the
    # year's documents of this kind share one PDF (small records: tests,
    # observations, scorecards) or each gets its own, and where the kind's
    # PDFs come in the archive
    _archive_date_field = "date"
    _archive_report = ""
    _archive_per_year = False
    _archive_sequence = 100

    cycle_id = fields.Many2one(
        "training.followup.cycle",
        string="Archived in Cycle",
        readonly=True,
        copy=False,
        check_company=True,
        index="btree_not_null",
        help="The yearly cycle whose archive holds this document.",
    )
    is_archived = fields.Boolean(
        string="In the Archive",
        compute="_compute_is_archived",
        help="The cycle is being archived or archived: this document can no "
        "longer be changed.",
    )

    def _compute_is_archived(self):
        for record in self:
            record.is_archived = record.cycle_id.state in ("archiving", "archived")

    def _set_archive_cycle(self, cycle):
        """Record the cycle whose archive holds these documents. Written in
        SQL: the documents' own rules (a locked appraisal period, an answered
        demand) are about their content, not about where they are archived."""
        if not self:
            return
        self.flush_recordset()
        self.env.cr.execute(
            SQL(
                "UPDATE %s SET cycle_id = %s WHERE id IN %s",
                SQL.identifier(self._table),
                cycle.id,
                tuple(self.ids),
            )
        )
        self.invalidate_recordset(["cycle_id", "is_archived"])

    def _check_not_archived(self, vals=None):
        if vals is not None and all(name.startswith(CHATTER_PREFIXES) for name in vals):
            return
        # P4.6: locked from the moment the archive is queued, so that the
        # archive prints what the records say; reopening unlocks
        locked = self.filtered(
            lambda r: r.sudo().cycle_id.state in ("archiving", "archived")
        )
        if locked:
            cycle = locked[0].sudo().cycle_id
            if cycle.state == "archiving":
                message = self.env._(
                    "%(record)s is being archived in the cycle %(cycle)s and "
                    "cannot be changed. The head of HR can reopen the cycle.",
                    record=locked[0].display_name,
                    cycle=cycle.display_name,
                )
            else:
                message = self.env._(
                    "%(record)s is archived in the cycle %(cycle)s and cannot be "
                    "changed. The head of HR can reopen the cycle.",
                    record=locked[0].display_name,
                    cycle=cycle.display_name,
                )
            raise UserError(message)

    def write(self, vals):
        # P4.6: the one check of the archive lock, before the document's own
        # rules (_check_writable), so an archived document says why first
        self._check_not_archived(vals)
        self._check_writable(vals)
        return super().write(vals)

    def _check_writable(self, vals):
        """The document's own rules on a change, checked once the archive
        lock passed; a document with such rules overrides it."""

    # ondelete checks run in the order of their names: a model's own
    # `_unlink_except_already_...` check speaks before this one
    @api.ondelete(at_uninstall=False)
    def _unlink_except_archived(self):
        self._check_not_archived()
