import ast
import re
from pathlib import Path

import polib

from odoo.tests import TransactionCase, tagged

ADDON = Path(__file__).resolve().parents[1]
# a rule of the policy, as code, tests and docs cite it: P3, P1.3, P3.1.2 ...
# (no \b: a Chinese letter before it is a word character, 计划P3)
RULE_ID = re.compile(r"(?<![A-Za-z0-9])P[1-9](\.[0-9]+)*(?![0-9])")


@tagged("post_install", "-at_install")
class TestTestSuite(TransactionCase):
    """Odoo's own runner (`odoo-bin --test-tags /training_followup`) sees only
    the test modules imported by tests/__init__.py; pytest finds the files by
    their name. Both must run the same tests."""

    def test_every_test_module_is_imported(self):
        """Read from the file, not from sys.modules: a runner that imported a
        module itself (pytest) would hide a missing import."""
        tree = ast.parse((ADDON / "tests" / "__init__.py").read_text())
        imported = {
            alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.level == 1
            for alias in node.names
        }
        on_disk = {path.stem for path in (ADDON / "tests").glob("test_*.py")}
        self.assertEqual(
            sorted(on_disk - imported),
            [],
            "test modules that tests/__init__.py does not import "
            "(Odoo's runner would skip them)",
        )
        self.assertEqual(sorted(imported - on_disk), [], "imports of missing modules")


@tagged("post_install", "-at_install")
class TestNoRuleIdInUserTexts(TransactionCase):
    """Rule ids (P4.1 ...) belong to code, tests and docs: no label, help,
    message, mail or report that a person reads carries one, in English or in
    Chinese. Every such text is a term of the .pot (regenerated from a real
    install and checked current by test_translations)."""

    def test_no_rule_id_in_any_term(self):
        for name in ("training_followup.pot", "zh_CN.po"):
            catalogue = polib.pofile(str(ADDON / "i18n" / name))
            with_rule = [
                text
                for entry in catalogue
                if not entry.obsolete
                for text in (entry.msgid, entry.msgstr)
                if RULE_ID.search(text)
            ]
            self.assertEqual(with_rule, [], f"texts of {name} citing a rule id")

    def test_rule_id_pattern(self):
        """The check would see the ids the way the policy writes them."""
        for text in (
            "Please cooperate (P4.1).",
            "P3.1.2: weight",
            "(P5.2 accuracy)",
            "a personal development plan (P3).",
            "个人发展计划\uff08P3\uff09。",  # full-width brackets
            "计划P3",
        ):
            self.assertRegex(text, RULE_ID)
        for text in ("Python 3.11", "Page 1.2", "2026.1", "KPI", "MP4", "P0"):
            self.assertNotRegex(text, RULE_ID)
