import functools
import io
import subprocess

from reportlab.pdfgen import canvas

from odoo import models
from odoo.tools.misc import find_in_path
from odoo.tools.pdf import PdfFileReader, PdfFileWriter


@functools.cache
def wkhtmltopdf_draws_footer():
    """Whether the wkhtmltopdf that Odoo runs draws a report's HTML footer.

    Only the builds on a patched Qt do (the packages of wkhtmltopdf.org that
    most production servers run), and their `wkhtmltopdf --version` says
    "with patched qt"; the distributions' builds (Debian's, on this machine)
    ignore the footer. Asked once per process: the binary does not change
    while the server runs."""
    try:
        binary = find_in_path("wkhtmltopdf")
        version = subprocess.run(  # noqa: S603 (the binary Odoo itself runs)
            [binary, "--version"], capture_output=True, check=False, timeout=30
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    return b"with patched qt" in version.lower()


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    def _render_qweb_pdf(self, report_ref, res_ids=None, data=None):
        """The addon's PDFs number their pages ("2 / 5", P4.3): their footer
        (report_page_number_footer) holds the numbers, which a wkhtmltopdf on
        a patched Qt draws; the distributions' wkhtmltopdf draws no header or
        footer, so there the numbers are stamped on the rendered PDF instead.
        Either way every page carries one number."""
        content, report_type = super()._render_qweb_pdf(report_ref, res_ids, data)
        report = self._get_report(report_ref)
        if (
            report_type == "pdf"
            and report.report_name.startswith("training_followup.")
            and not wkhtmltopdf_draws_footer()
        ):
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
