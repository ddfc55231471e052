from odoo import api, fields, models

from .training_supervision_inspection import CHECK_POINTS, CHECK_RESULTS


class TrainingSupervisionInspectionCheck(models.Model):
    """One point of the P5.1 checklist of an inspection: result, finding and
    the evidence it rests on."""

    _name = "training.supervision.inspection.check"
    _description = "Inspection Checklist Point"
    _order = "inspection_id, sequence, id"
    _inherit = ["training.company.link"]
    _company_parent_field = "inspection_id"

    inspection_id = fields.Many2one(
        "training.supervision.inspection", required=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="inspection_id.company_id", store=True)
    sequence = fields.Integer(compute="_compute_sequence", store=True)
    point = fields.Selection(CHECK_POINTS, required=True)
    result = fields.Selection(CHECK_RESULTS)
    finding = fields.Text()
    evidence_url = fields.Char(
        string="Evidence Link",
        help="A link to the record or document the finding rests on.",
    )
    evidence_attachment_ids = fields.Many2many("ir.attachment", string="Evidence Files")

    @api.depends("point")
    def _compute_sequence(self):
        order = [point for point, _label in CHECK_POINTS]
        for check in self:
            check.sequence = order.index(check.point) if check.point else 99

    def write(self, vals):
        self.inspection_id._check_not_archived()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_inspection_archived(self):
        self.inspection_id._check_not_archived()
