import re
from pathlib import Path

from odoo.tests import tagged

from .common import TrainingFollowupCase

ACCESS_TABLE = Path(__file__).resolve().parents[2] / "docs" / "access.md"
OPERATIONS = {"R": "read", "W": "write", "C": "create", "D": "unlink"}


def parse_access_table(text):
    """Return {model: {role: set of letters}} from the markdown table."""
    rows = [
        [cell.strip() for cell in line.strip().strip("|").split("|")]
        for line in text.splitlines()
        if line.strip().startswith("|")
    ]
    header, body = rows[0], [row for row in rows[2:] if row and row[0]]
    table = {}
    for row in body:
        model = row[0].strip("`")
        table[model] = {
            role: set(re.match(r"[RWCD]*", cell.replace("-", "")).group(0))
            for role, cell in zip(header[1:], row[1:], strict=True)
        }
    return table


@tagged("post_install", "-at_install")
class TestAccessTable(TrainingFollowupCase):
    """docs/access.md is the contract: every model of the addon, every role."""

    def test_access_table_covers_every_model_and_role(self):
        if not ACCESS_TABLE.exists():
            self.skipTest("docs/access.md ships with the source repository only")
        table = parse_access_table(ACCESS_TABLE.read_text(encoding="utf-8"))
        model_ids = (
            self.env["ir.model.data"]
            .search([("module", "=", "training_followup"), ("model", "=", "ir.model")])
            .mapped("res_id")
        )
        ours = {
            model.model
            for model in self.env["ir.model"].browse(model_ids)
            if not model.transient
            and not self.env[model.model]._abstract
            and self.env[model.model]._original_module == "training_followup"
        }
        self.assertTrue(ours, "the addon defines models")
        self.assertEqual(ours - set(table), set(), "models missing from docs/access.md")
        self.assertEqual(
            set(table) - ours, set(), "docs/access.md lists models that do not exist"
        )
        for model, cells in table.items():
            self.assertEqual(set(cells), set(self.role_users), model)
            for role, letters in cells.items():
                records = self.env[model].with_user(self.role_users[role])
                for letter, operation in OPERATIONS.items():
                    with self.subTest(model=model, role=role, operation=operation):
                        self.assertEqual(
                            records.has_access(operation),
                            letter in letters,
                            f"{role} {operation} {model}: docs/access.md says "
                            f"{''.join(sorted(letters)) or 'nothing'}",
                        )
