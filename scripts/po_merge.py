"""Merge i18n/training_followup.pot into i18n/zh_CN.po.

Keeps every existing translation, adds the new terms untranslated, drops the
terms gone from the .pot, and lists the terms still lacking a translation.
Run with the project's virtualenv: .venv/bin/python scripts/po_merge.py
"""

import sys
from pathlib import Path

import polib

I18N = Path(__file__).resolve().parents[1] / "training_followup" / "i18n"


def main(lang="zh_CN"):
    pot = polib.pofile(str(I18N / "training_followup.pot"))
    po_path = I18N / f"{lang}.po"
    known = {}
    if po_path.exists():
        known = {e.msgid: e.msgstr for e in polib.pofile(str(po_path)) if e.msgstr}
    po = polib.POFile(wrapwidth=78)
    po.header = pot.header
    po.metadata = {**pot.metadata, "Language": lang, "Plural-Forms": ""}
    for entry in pot:
        po.append(
            polib.POEntry(
                msgid=entry.msgid,
                msgstr=known.get(entry.msgid, ""),
                occurrences=entry.occurrences,
                comment=entry.comment,
                tcomment=entry.tcomment,
            )
        )
    po.save(str(po_path))
    missing = [e.msgid for e in po if not e.msgstr]
    for msgid in missing:
        print(f"untranslated: {msgid!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
