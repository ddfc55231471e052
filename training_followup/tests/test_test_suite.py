import ast
import re
import tempfile
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


# a heading of docs/policy.md that names a rule: "### P3.1.4 Training-effect ..."
POLICY_HEADING = re.compile(r"^#{1,6}\s+(P[1-9](?:\.[0-9]+)*)(?![0-9.])", re.MULTILINE)
# a path to the policy kept outside the repository (written so that this
# file does not name one itself)
OUTSIDE_POLICY = re.compile(r"shared[\\/]+policy", re.IGNORECASE)


def rule_ids_by_file(root, paths):
    """{rule id: first file citing it} and [files naming the outside policy]
    over the text files of `paths` (files or folders) under `root`."""
    ids, outside = {}, []
    for path in paths:
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        for file in files:
            if not file.is_file() or "__pycache__" in file.parts:
                continue
            try:
                text = file.read_text(encoding="utf-8")
            except UnicodeDecodeError:  # images, the icon
                continue
            where = str(file.relative_to(root))
            for match in RULE_ID.finditer(text):
                ids.setdefault(match.group(0), where)
            if OUTSIDE_POLICY.search(text):
                outside.append(where)
    return ids, outside


@tagged("post_install", "-at_install")
class TestPolicyInTheRepository(TransactionCase):
    """Every rule id that the addon, its tests, docs/, README.md and scripts/
    cite (P3.1.4 ...) is a heading of docs/policy.md, the policy in the
    project's words: someone who clones the repository resolves each one
    without the project's files outside it."""

    def setUp(self):
        super().setUp()
        self.root = ADDON.parent
        self.policy = self.root / "docs" / "policy.md"
        if not self.policy.is_file():
            self.skipTest(
                f"{self.policy} not found: the addon is not inside its "
                "repository (installed from a wheel?), so there are no docs "
                "to check"
            )
        self.headings = POLICY_HEADING.findall(self.policy.read_text(encoding="utf-8"))
        self.paths = [
            path
            for path in (
                ADDON,
                self.root / "docs",
                self.root / "README.md",
                self.root / "scripts",
            )
            if path.exists()
        ]

    def test_every_rule_id_resolves_in_docs_policy(self):
        ids, _outside = rule_ids_by_file(self.root, self.paths)
        self.assertGreater(len(ids), 30, "the addon cites the policy's rules")
        self.assertEqual(
            {rule: where for rule, where in ids.items() if rule not in self.headings},
            {},
            "rule ids (with a file citing each) that no heading of docs/policy.md "
            "names",
        )

    def test_docs_policy_has_each_rule_once_with_its_parents(self):
        """One heading per id; P3.1.4 implies P3.1 and P3 (a part or a
        section covers its rules, and P4.* cites a part)."""
        self.assertEqual(
            sorted({rule for rule in self.headings if self.headings.count(rule) > 1}),
            [],
            "ids with two headings in docs/policy.md",
        )
        for rule in self.headings:
            parent = rule.rpartition(".")[0]
            if parent:
                self.assertIn(parent, self.headings, f"the part or section of {rule}")

    def test_no_file_points_to_the_policy_outside_the_repository(self):
        _ids, outside = rule_ids_by_file(self.root, self.paths)
        self.assertEqual(
            outside,
            [],
            "files pointing to the policy outside the repository "
            "(point to docs/policy.md)",
        )

    def test_the_check_refuses_an_unknown_id_and_an_outside_path(self):
        """A file citing a rule the policy lacks, or the policy outside the
        repository, is caught (the ids and the path are built here so that
        this file itself cites neither)."""
        unknown = "P" + "9.4"
        outside_path = "../" + "shared" + "/policy/POLICY.md"
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            (root / "model.py").write_text(
                f"# {unknown}, P4.* and P4.1-P4.4 (see {outside_path})\n",
                encoding="utf-8",
            )
            (root / "icon.png").write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe")
            ids, outside = rule_ids_by_file(root, [root])
        self.assertEqual(sorted(ids), sorted([unknown, "P4", "P4.1", "P4.4"]))
        self.assertEqual([rule for rule in ids if rule not in self.headings], [unknown])
        self.assertEqual(outside, ["model.py"])
        self.assertNotRegex("docs/policy.md, ../shared/bench", OUTSIDE_POLICY)
