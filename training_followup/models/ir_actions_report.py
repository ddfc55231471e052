import io

from reportlab.pdfgen import canvas

from odoo import models
from odoo.tools.pdf import PdfFileReader, PdfFileWriter


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    def _render_qweb_pdf(self, report_ref, res_ids=None, data=None):
        """The addon's PDFs number their pages ("2 / 5") themselves: the
        wkhtmltopdf of the Linux distributions (unpatched Qt) draws no
        header or footer, so the numbers are stamped on the rendered PDF."""
        content, report_type = super()._render_qweb_pdf(report_ref, res_ids, data)
        report = self._get_report(report_ref)
        if report_type == "pdf" and report.report_name.startswith("training_followup."):
            content = self._training_number_pages(content)
        return content, report_type

    def _training_number_pages(self, content):
        reader = PdfFileReader(io.BytesIO(content), strict=False)
        writer = PdfFileWriter()
        total = len(reader.pages)
        for index, page in enumerate(reader.pages):
            width = float(page.mediabox.width)
            height = float(page.mediabox.height)
            packet = io.BytesIO()
            stamp = canvas.Canvas(packet, pagesize=(width, height))
            stamp.setFont("Helvetica", 8)
            stamp.drawCentredString(width / 2, 18, f"{index + 1} / {total}")
            stamp.save()
            page.merge_page(PdfFileReader(packet).pages[0])
            writer.add_page(page)
        output = io.BytesIO()
        writer.write(output)
        return output.getvalue()
