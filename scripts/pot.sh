#!/usr/bin/env bash
# Regenerate training_followup/i18n/training_followup.pot from a real install.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

"$REPO/scripts/setup.sh"
DB="tf_pot_$$"
trap 'odoo_cmd db drop "$DB" >/dev/null 2>&1 || true' EXIT
odoo_bin -d "$DB" -i training_followup --with-demo --stop-after-init --log-level=warn
"$PY" "$ODOO_SRC/odoo-bin" i18n export -c "$ODOO_CONF" -d "$DB" -l pot -o "$REPO/training_followup/i18n/training_followup.pot" training_followup
say "wrote training_followup/i18n/training_followup.pot"
