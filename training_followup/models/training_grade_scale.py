from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.process_guard import process_action

GRADES = [
    ("excellent", "Excellent"),
    ("good", "Good"),
    ("pass", "Pass"),
    ("fail", "Fail"),
]


class TrainingGradeScale(models.Model):
    """Turns a test score into one of the four grades of P3.1.1."""

    _name = "training.grade.scale"
    _description = "Grade Scale"
    _order = "company_id, id"

    name = fields.Char(required=True, translate=True)
    company_id = fields.Many2one(
        "res.company",
        help="The scale of this company; leave empty for the scale of every company "
        "without its own.",
    )
    band_ids = fields.One2many(
        "training.grade.band", "scale_id", string="Bands", copy=True
    )

    @api.constrains("band_ids")
    def _check_bands(self):
        """P3.1.1: every score gets a grade: a scale has bands, and they cover
        0 % to 100 % with neither gap nor overlap."""
        for scale in self:
            if not scale.band_ids:
                raise ValidationError(
                    self.env._(
                        "The grade scale %(scale)s needs at least one band, so "
                        "that every score gets a grade.",
                        scale=scale.name,
                    )
                )
            bands = scale.band_ids.sorted("min_percent")
            edges = [(band.min_percent, band.max_percent) for band in bands]
            covered = (
                bool(edges)
                and edges[0][0] == 0
                and edges[-1][1] == 100
                and all(low < high for low, high in edges)
                and all(edges[i][1] == edges[i + 1][0] for i in range(len(edges) - 1))
            )
            if not covered:
                raise ValidationError(
                    self.env._(
                        "The bands of the grade scale %(scale)s must cover 0 %% to "
                        "100 %% without gaps or overlaps.",
                        scale=scale.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        scales = super().create(vals_list)
        # created without bands, a scale would grade nothing
        scales._check_bands()
        return scales

    @process_action
    def write(self, vals):
        """P3.1.1: the scale writes its bands in process, so that a band
        deleted on the way is not checked alone: the scale checks its bands
        once they are all written (its `band_ids` constraint)."""
        return super().write(vals)

    def _get_grade(self, percentage):
        """The grade of a score in percent: a band holds its lower edge, the top
        band also holds 100 %."""
        self.ensure_one()
        bands = self.band_ids.sorted("min_percent")
        for band in bands:
            if band.min_percent <= percentage < band.max_percent:
                return band.grade
        return bands[-1:].grade if percentage >= 100 else False

    @api.model
    def _get_company_scale(self, company):
        return self.search(
            [("company_id", "in", [company.id, False])], order="company_id", limit=1
        )
