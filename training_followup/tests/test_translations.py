from pathlib import Path

import polib

from odoo.tests import TransactionCase, tagged
from odoo.tools.translate import TranslationModuleReader

from .common import load_chinese

I18N = Path(__file__).resolve().parents[1] / "i18n"
# names computed from a course and a date (the demo's dates move with the day):
# their languages come from the course, not from the catalogue
COMPUTED_NAMES = {"training.session,name", "training.followup.plan,name"}


@tagged("post_install", "-at_install")
class TestTranslations(TransactionCase):
    """zh_CN is a first-class language: every term of the addon is translated."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        reader = TranslationModuleReader(cls.env.cr, modules=["training_followup"])
        cls.terms = {
            row[4]
            for row in reader
            if row[0] == "training_followup" and row[2] not in COMPUTED_NAMES
        }

    def test_pot_is_current(self):
        """i18n/training_followup.pot holds exactly the terms of a real install
        (regenerate it with `make pot`)."""
        pot = {
            entry.msgid for entry in polib.pofile(str(I18N / "training_followup.pot"))
        }
        self.assertEqual(self.terms - pot, set(), "terms missing from the .pot")
        self.assertEqual(pot - self.terms, set(), "obsolete terms in the .pot")

    def test_zh_cn_complete(self):
        po = polib.pofile(str(I18N / "zh_CN.po"))
        translated = {
            entry.msgid
            for entry in po
            if entry.msgstr.strip()
            and "fuzzy" not in entry.flags
            and not entry.obsolete
        }
        missing = sorted(self.terms - translated)
        self.assertFalse(
            missing, "terms without a zh_CN translation:\n" + "\n".join(missing)
        )

    def test_zh_cn_loads_with_customer_terms(self):
        load_chinese(self.env)
        menu = self.env.ref("training_followup.training_followup_menu_root")
        self.assertEqual(menu.with_context(lang="zh_CN").name, "培训跟踪管理")
        description = self.env["training.session"].with_context(lang="zh_CN")
        self.assertEqual(
            description.fields_get(["participant_ids"])["participant_ids"]["string"],
            "参训员工",
        )
