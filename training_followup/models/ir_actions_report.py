import functools
import io
import logging
import subprocess

from reportlab.pdfgen import canvas

from odoo import models, modules, tools
from odoo.exceptions import UserError
from odoo.tools.misc import find_in_path
from odoo.tools.pdf import PdfFileReader, PdfFileWriter

_logger = logging.getLogger(__name__)


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


# P4.6: the mark of the archive's one-call printing, an object of this module
# that no client context (JSON) can carry: a client sending the key never
# turns the numbering of a report off
ARCHIVE_BATCH = object()


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
            # printed for the archive in one call: numbered once split
            and self.env.context.get("training_archive_batch") is not ARCHIVE_BATCH
        ):
            content = self._training_number_pages(content)
        return content, report_type

    def _training_render_pdf_each(self, report_ref, res_ids):
        """P4.6: {record id: its own PDF} for several records of one report,
        printed by one wkhtmltopdf call: the start-up of wkhtmltopdf and its
        JavaScript delay are most of the time of a one-page document. The
        records go in one HTML body, one page break between them, without
        the report's footer (context `training_archive_batch`); Odoo's
        `_render_qweb_pdf_prepare_streams` splits the result per record
        when it has one page per record, and each record's PDF is then
        numbered by itself ("1 / 1"). When it cannot be split so (a record
        of several pages), each record is printed alone: slower, never
        wrong."""
        res_ids = list(res_ids)
        report = self._get_report(report_ref)
        # the test mode of Odoo's reports (HTML instead of PDF) applies here
        # too: `_render_qweb_pdf` gives it for each record alone
        html_in_tests = (
            modules.module.current_test or tools.config["test_enable"]
        ) and not self.env.context.get("force_report_rendering")
        streams = {}
        if len(res_ids) > 1 and not html_in_tests:
            try:
                streams = self.with_context(
                    webp_as_jpg=True,
                    report_pdf_no_attachment=True,
                    training_archive_batch=ARCHIVE_BATCH,
                )._render_qweb_pdf_prepare_streams(
                    report_ref, {"report_type": "pdf"}, res_ids=res_ids
                )
            except UserError as error:
                _logger.warning(
                    "%s: %s records could not be printed in one call (%s)",
                    report.report_name,
                    len(res_ids),
                    error,
                )
            if not all((streams.get(res_id) or {}).get("stream") for res_id in res_ids):
                _logger.info(
                    "%s: %s records not split per record by one call (a record "
                    "of several pages); printing each alone",
                    report.report_name,
                    len(res_ids),
                )
                streams = {}
        if not streams:
            return {
                res_id: self._render_qweb_pdf(report_ref, [res_id])[0]
                for res_id in res_ids
            }
        return {
            res_id: self._training_number_pages(streams[res_id]["stream"].getvalue())
            for res_id in res_ids
        }

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
