from odoo import api, fields, models

from ..tools.process_guard import is_in_process
from .training_grade_scale import GRADES


class TrainingGradeBand(models.Model):
    _name = "training.grade.band"
    _description = "Grade Band"
    _order = "scale_id, min_percent desc"

    scale_id = fields.Many2one(
        "training.grade.scale", required=True, ondelete="cascade", index=True
    )
    grade = fields.Selection(GRADES, required=True)
    min_percent = fields.Float(string="From (%)", required=True)
    max_percent = fields.Float(
        string="Below (%)",
        required=True,
        help="Exclusive, except 100 % for the top band.",
    )

    @api.constrains("min_percent", "max_percent", "scale_id")
    def _check_scale(self):
        self.scale_id._check_bands()

    def unlink(self):
        # work after the deletion, not a check before it: the scale left
        # without these bands must still cover 0-100 without a gap
        scales = self.scale_id
        result = super().unlink()
        # deleted through the scale's write (its form), the scale checks its
        # bands itself once all are written (P3.1.1)
        if not is_in_process(self.env):
            scales.exists()._check_bands()
        return result
