"""The one XLSX writer of the addon (no model): the export of the follow-up
data (P4.2, P4.3) and the appraisal scorecards (P5.2) give it their sheets
and get back the workbook and its download."""

import base64
import io
from datetime import date

import xlsxwriter

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def build_workbook(sheets):
    """The XLSX content of `sheets`, each (title, [(header, width)], rows)
    with rows an iterable of value tuples: written row by row in xlsxwriter's
    constant-memory mode, the header row frozen and filtered, each value by
    its type (text, date, number; None and booleans left blank)."""
    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output, {"constant_memory": True})
    formats = {
        "header": workbook.add_format(
            {"bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True}
        ),
        "date": workbook.add_format({"num_format": "yyyy-mm-dd"}),
        "number": workbook.add_format({"num_format": "0.00"}),
    }
    for title, columns, rows in sheets:
        _write_sheet(workbook, formats, title, columns, rows)
    workbook.close()
    return output.getvalue()


def _write_sheet(workbook, formats, title, columns, rows):
    sheet = workbook.add_worksheet(title[:31])
    for col, (header, width) in enumerate(columns):
        sheet.set_column(col, col, width)
        sheet.write(0, col, header, formats["header"])
    sheet.freeze_panes(1, 0)
    row_index = 0
    for row_index, row in enumerate(rows, start=1):
        for col, value in enumerate(row):
            # typed writes: xlsxwriter's generic write() inspects every string
            if isinstance(value, str):
                sheet.write_string(row_index, col, value)
            elif isinstance(value, date):
                sheet.write_datetime(row_index, col, value, formats["date"])
            elif isinstance(value, float):
                sheet.write_number(row_index, col, value, formats["number"])
            elif isinstance(value, int) and not isinstance(value, bool):
                sheet.write_number(row_index, col, value)
    sheet.autofilter(0, 0, max(row_index, 1), len(columns) - 1)
    return row_index


def attach_workbook(record, name, content):
    """The workbook as an attachment of `record`."""
    return record.env["ir.attachment"].create(
        {
            "name": name,
            "datas": base64.b64encode(content),
            "res_model": record._name,
            "res_id": record.id,
            "mimetype": XLSX_MIMETYPE,
        }
    )


def download_action(attachment):
    """The client action downloading `attachment`."""
    return {
        "type": "ir.actions.act_url",
        "url": f"/web/content/{attachment.id}?download=true",
        "target": "self",
    }
