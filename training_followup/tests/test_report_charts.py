import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from odoo.tests import tagged

from ..tools import charts
from .common import load_chinese
from .test_reporting import TrainingReportingCase

# the charts' <img> in the report's HTML, by kind
CHART = re.compile(
    r'class="o_training_chart o_training_chart_(levels|trend)"[^>]*>\s*'
    r'<img[^>]*src="data:image/png;base64,'
)
# width of a chart in pixels
CHART_WIDTH = str(round(charts.WIDTH * charts.DPI))


@tagged("post_install", "-at_install")
class TestReportCharts(TrainingReportingCase):
    """P4.3: the follow-up report's PDF shows its Kirkpatrick levels and its
    trend by month after training as charts beside the tables, drawn with
    matplotlib, in the reader's language."""

    def render(self, report, lang="en_US"):
        """(the charts of the report's HTML, the images of its PDF as listed
        by poppler's pdfimages) as the training officer prints it."""
        Report = (
            self.env["ir.actions.report"]
            .with_user(self.user_officer)
            .with_context(force_report_rendering=True, lang=lang)
        )
        report_xmlid = "training_followup.action_report_followup_report"
        html, _kind = Report._render_qweb_html(report_xmlid, report.ids)
        with self.rendering_pdfs():
            pdf, kind = Report._render_qweb_pdf(report_xmlid, report.ids)
        self.assertEqual(kind, "pdf")
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "report.pdf"
            path.write_bytes(pdf)
            listing = subprocess.run(  # noqa: S603 (Debian poppler-utils)
                [shutil.which("pdfimages"), "-list", str(path)],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        # after the two header lines: page, num, type, width, height...
        images = [line.split() for line in listing.splitlines()[2:]]
        return CHART.findall(html.decode()), images

    def chart_images(self, images):
        return [image for image in images if image[3] == CHART_WIDTH]

    def test_p4_3_report_pdf_charts_levels_and_trend(self):
        report = self.report_plan(self.plan, submit=False)
        self.assertTrue(report.trend_line_ids, "the worked example has a trend")
        found, images = self.render(report)
        self.assertEqual(found, ["levels", "trend"])
        self.assertEqual(len(self.chart_images(images)), 2, images)

    def test_p4_3_report_pdf_charts_in_chinese(self):
        load_chinese(self.env)
        self.user_officer.lang = "zh_CN"
        report = self.report_plan(self.plan, submit=False)
        found, images = self.render(report, lang="zh_CN")
        self.assertEqual(found, ["levels", "trend"])
        self.assertEqual(len(self.chart_images(images)), 2, images)
        # Chinese labels are drawn with an installed CJK font (fonts-noto-cjk)
        self.assertTrue(charts._font_families()[0].startswith("Noto Sans CJK"))

    def test_p4_3_report_without_trend_shows_no_empty_chart(self):
        plan = self.make_plan(self.colleague)
        plan.action_communicate()
        report = self.report_plan(plan, submit=False)
        self.assertFalse(report.trend_line_ids)
        found, images = self.render(report)
        self.assertEqual(found, ["levels"], "no trend chart without trend lines")
        self.assertEqual(len(self.chart_images(images)), 1, images)

    def test_p4_3_report_not_computed_shows_no_chart(self):
        report = self.env["training.followup.report"].create(
            {"name": "TF not computed", "plan_id": self.plan.id}
        )
        self.assertFalse(report._get_levels_chart())
        self.assertFalse(report._get_trend_chart())
