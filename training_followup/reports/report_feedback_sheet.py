import base64
import io

import qrcode

from odoo import api, models


class ReportFeedbackSheet(models.AbstractModel):
    """The printable feedback sheet of a plan (P2.3.1, P3.1.4): one slip per
    participant who has not answered yet, with their name and a QR code of
    each personal link still open (the anonymous questionnaire, the
    self-evaluation), to cut out and hand to that person only. Training
    officers print it: the links open other people's forms."""

    _name = "report.training_followup.report_feedback_sheet"
    _description = "Feedback Sheet with Personal Links"

    @api.model
    def _get_report_values(self, docids, data=None):
        plans = self.env["training.followup.plan"].browse(docids)
        plans._check_feedback_sheet_printer()
        return {
            "doc_ids": docids,
            "doc_model": "training.followup.plan",
            "docs": plans.sudo(),
            "slips": self._get_slips,
        }

    @api.model
    def _get_slips(self, plan):
        """[(employee, [(label, url, QR image as a data URI)])] of the
        participants with a personal link still open."""
        completions = (
            self.env["training.satisfaction.completion"]
            .sudo()
            .search([("plan_id", "=", plan.id), ("state", "=", "pending")])
        )
        responses = (
            self.env["training.evaluation.response"]
            .sudo()
            .search(
                [
                    ("evaluation_id.followup_id.plan_id", "=", plan.id),
                    ("role", "=", "self"),
                    ("state", "=", "todo"),
                ]
            )
        )
        links = {}
        for label, records in (
            (self.env._("Anonymous questionnaire"), completions),
            (self.env._("Self-evaluation"), responses),
        ):
            for record in records:
                if record._get_link_state() != "open":
                    continue
                url = record._get_link_url()
                links.setdefault(record.employee_id, []).append(
                    (label, url, self._qr_data_uri(url))
                )
        return sorted(links.items(), key=lambda item: item[0].name or "")

    @api.model
    def _qr_data_uri(self, text):
        """A QR code of `text` as a PNG data URI (qrcode, one of Odoo's own
        requirements): the PDF carries it without fetching anything."""
        image = qrcode.make(text, border=2, box_size=6)
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        return f"data:image/png;base64,{base64.b64encode(buffer.getvalue()).decode()}"
