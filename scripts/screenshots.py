"""Screenshots of the addon's views and reports for the docs.

    python scripts/screenshots.py --url http://localhost:8069 --db DB [--out DIR]

Needs a running Odoo whose database DB has training_followup with its demo
data. Logs in as the demo training officer, drives a headless Chromium over
the DevTools protocol to capture the analysis views and a follow-up report
form, and renders page 1 of the PDF reports with pdftoppm. The PDFs are styled
only if wkhtmltopdf reaches the server at `report.url` (else `web.base.url`).
"""

import argparse
import base64
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests
import websocket

LOGIN = PASSWORD = "tf_officer"  # noqa: S105 (the demo officer)
ACTION = "/odoo/action-training_followup."
PIVOT = ".o_pivot table"
GRAPH = ".o_graph_renderer canvas"
FORM = ".o_form_view .o_form_sheet"
LIST = ".o_list_renderer table"
VIEWS = [
    ("analysis_followup_pivot.png", "training_followup_analysis_action", PIVOT),
    ("analysis_step_pivot.png", "training_followup_step_analysis_action", PIVOT),
    (
        "analysis_step_graph.png",
        "training_followup_step_analysis_action?view_type=graph",
        GRAPH,
    ),
    (
        "questionnaire_statistics_pivot.png",
        "training_satisfaction_analysis_action",
        PIVOT,
    ),
    ("scorecards_list.png", "training_kpi_scorecard_action", LIST),
]
# the form of the first record of each model: (png, model, window action)
FORMS = [
    ("followup_report_form.png", "training.followup.report", "report"),
    ("improvement_action_form.png", "training.improvement.action", "action"),
    ("inspection_form.png", "training.supervision.inspection", "inspection"),
    ("rectification_form.png", "training.rectification", "rectification"),
    ("cycle_form.png", "training.followup.cycle", "cycle"),
]
FORM_ACTIONS = {
    "report": "training_followup_report_action",
    "action": "training_improvement_action_action",
    "inspection": "training_supervision_inspection_action",
    "rectification": "training_rectification_action",
    "cycle": "training_followup_cycle_action",
}


class Odoo:
    """JSON-RPC client sharing the officer's session."""

    def __init__(self, url, db):
        self.url = url.rstrip("/")
        self.http = requests.Session()
        self.rpc("/web/session/authenticate", db=db, login=LOGIN, password=PASSWORD)
        self.session_id = self.http.cookies["session_id"]

    def rpc(self, path, **params):
        payload = {"jsonrpc": "2.0", "method": "call", "id": 1, "params": params}
        response = self.http.post(self.url + path, json=payload, timeout=60)
        response.raise_for_status()
        body = response.json()
        if "error" in body:
            raise RuntimeError(f"{path}: {body['error']['data']['message']}")
        return body["result"]

    def search_read(self, model, domain, fields):
        return self.rpc(
            "/web/dataset/call_kw",
            model=model,
            method="search_read",
            args=[domain, fields],
            kwargs={"limit": 1, "order": "id"},
        )

    def pdf_page1(self, report, res_id, png):
        response = self.http.get(
            f"{self.url}/report/pdf/{report}/{res_id}", timeout=120
        )
        response.raise_for_status()
        if not response.content.startswith(b"%PDF"):
            raise RuntimeError(f"{report}/{res_id} did not return a PDF")
        with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf:
            pdf.write(response.content)
            pdf.flush()
            cmd = ["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile"]
            subprocess.run([*cmd, pdf.name, str(png.with_suffix(""))], check=True)  # noqa: S603


class Browser:
    """Headless Chromium driven over the DevTools protocol."""

    def __init__(self):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        self.profile = tempfile.mkdtemp(prefix="tf_shots_")
        self.proc = subprocess.Popen(  # noqa: S603
            [
                shutil.which("chromium") or "chromium",
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                f"--remote-debugging-port={port}",
                "--window-size=1400,900",
                f"--user-data-dir={self.profile}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # its own process group, killed as a whole
        )
        self.ws = None
        self.msg_id = 0
        try:
            self.ws = websocket.create_connection(
                self._page_ws(port), suppress_origin=True, timeout=60
            )
        except BaseException:
            self.close()
            raise

    @staticmethod
    def _page_ws(port):
        deadline = time.monotonic() + 20
        while True:
            try:
                targets = requests.get(
                    f"http://127.0.0.1:{port}/json", timeout=2
                ).json()
                page = next(t for t in targets if t["type"] == "page")
                return page["webSocketDebuggerUrl"]
            except (requests.RequestException, StopIteration):
                if time.monotonic() > deadline:
                    raise RuntimeError("Chromium did not start") from None
                time.sleep(0.3)

    def send(self, method, **params):
        self.msg_id += 1
        self.ws.send(
            json.dumps({"id": self.msg_id, "method": method, "params": params})
        )
        while True:  # skip the events until our answer
            message = json.loads(self.ws.recv())
            if message.get("id") == self.msg_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def shoot(self, url, selector, png):
        self.send("Page.navigate", url=url)
        time.sleep(1)  # let the navigation replace the previous page
        check = f"!!document.querySelector({json.dumps(selector)})"
        deadline = time.monotonic() + 20
        while not self.send("Runtime.evaluate", expression=check)["result"]["value"]:
            if time.monotonic() > deadline:
                print(f"warning: {selector} not found on {url}", file=sys.stderr)
                break
            time.sleep(0.3)
        time.sleep(1)
        shot = self.send("Page.captureScreenshot", format="png")
        png.write_bytes(base64.b64decode(shot["data"]))

    def close(self):
        if self.ws:
            self.ws.close()
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://localhost:8069")
    parser.add_argument("--db", required=True)
    parser.add_argument("--out", default="docs/screenshots", type=Path)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    odoo = Odoo(args.url, args.db)
    written = []

    report = odoo.search_read("training.followup.report", [], ["id"])
    inspection = odoo.search_read("training.supervision.inspection", [], ["id"])
    views = [(png, ACTION + action, sel) for png, action, sel in VIEWS]
    for png, model, key in FORMS:
        records = odoo.search_read(model, [], ["id"])
        if records:
            form = f"{ACTION}{FORM_ACTIONS[key]}/{records[0]['id']}"
            views.append((png, form, FORM))
        else:
            print(f"skipped {png}: no {model}")

    browser = Browser()
    try:
        browser.send("Network.enable")
        browser.send(
            "Network.setCookie",
            name="session_id",
            value=odoo.session_id,
            url=odoo.url,
            httpOnly=True,
        )
        for png, path, selector in views:
            browser.shoot(odoo.url + path, selector, args.out / png)
            written.append(args.out / png)
    finally:
        browser.close()

    followup = odoo.search_read("training.followup", [], ["employee_id"])
    evaluation = odoo.search_read(
        "training.evaluation", [("state", "=", "closed")], ["id"]
    )
    pdfs = [
        ("followup_report_pdf_page1.png", "report_followup_report", report, "id"),
        ("evaluation_report_pdf_page1.png", "report_evaluation", evaluation, "id"),
        ("inspection_pdf_page1.png", "report_inspection", inspection, "id"),
        (
            "training_record_pdf_page1.png",
            "report_training_record",
            followup,
            "employee_id",
        ),
    ]
    for png, template, records, field in pdfs:
        if not records or not records[0][field]:
            print(f"skipped {png}: no record for training_followup.{template}")
            continue
        res_id = records[0][field]
        res_id = res_id[0] if isinstance(res_id, list) else res_id
        odoo.pdf_page1(f"training_followup.{template}", res_id, args.out / png)
        written.append(args.out / png)

    print("written:", *written, sep="\n  ")


if __name__ == "__main__":
    main()
