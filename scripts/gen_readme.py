"""Rebuild training_followup/README.rst from the fragments in readme/."""

from pathlib import Path

ADDON = Path(__file__).resolve().parents[1] / "training_followup"
SECTIONS = (
    ("DESCRIPTION", "Description"),
    ("CONFIGURE", "Configuration"),
    ("USAGE", "Usage"),
)


def main():
    title = "Training Follow-up"
    parts = ["=" * len(title), title, "=" * len(title), ""]
    parts += [".. This file is made from the fragments in readme/; edit those.", ""]
    for name, heading in SECTIONS:
        text = (ADDON / "readme" / f"{name}.md").read_text(encoding="utf-8").strip()
        parts += [heading, "~" * len(heading), "", text, ""]
    parts += ["License", "~~~~~~~", "", "LGPL-3", ""]
    (ADDON / "README.rst").write_text("\n".join(parts), encoding="utf-8")


if __name__ == "__main__":
    main()
