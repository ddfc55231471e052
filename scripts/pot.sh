#!/usr/bin/env bash
# Regenerate training_followup/i18n/training_followup.pot from a real install.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

"$REPO/scripts/setup.sh"
DB="tf_pot_$$"
trap 'odoo_cmd db drop "$DB" >/dev/null 2>&1 || true' EXIT
LOG="$(mktemp)"
odoo_bin -d "$DB" -i training_followup --with-demo --stop-after-init --log-level=warn --logfile="$LOG"
# the demo's terms belong to the .pot: a demo that failed would drop them
if grep -q "demo data failed to install" "$LOG"; then
    cat "$LOG" >&2
    die "the demo data failed to install (above): the .pot would miss its terms"
fi
"$PY" "$ODOO_SRC/odoo-bin" i18n export -c "$ODOO_CONF" -d "$DB" -l pot -o "$REPO/training_followup/i18n/training_followup.pot" training_followup
# names computed from a course and a date (the demo's dates move with the
# day; their languages come from the course): not terms of the catalogue
"$PY" - "$REPO/training_followup/i18n/training_followup.pot" <<'PY'
import sys

import polib

COMPUTED = ("model:training.session,name:", "model:training.followup.plan,name:")
pot = polib.pofile(sys.argv[1], wrapwidth=78)
for entry in [e for e in pot if all(o[0].startswith(COMPUTED) for o in e.occurrences)]:
    pot.remove(entry)
pot.save(sys.argv[1])
PY
say "wrote training_followup/i18n/training_followup.pot"
