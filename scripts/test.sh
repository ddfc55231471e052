#!/usr/bin/env bash
# The whole test suite: lint, a throwaway database with the addon installed
# (its install log must hold no WARNING/ERROR of the addon), the Odoo tests with
# pytest-odoo (browser tours in headless Chromium), the wheel build, cleanup.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

"$REPO/scripts/setup.sh"
cd "$REPO"

say "lint: ruff"
"$VENV/bin/ruff" check training_followup scripts
"$VENV/bin/ruff" format --check training_followup scripts
say "lint: pylint-odoo"
"$VENV/bin/pylint" --rcfile="$REPO/.pylintrc" training_followup

DB="tf_test_$$_$(date +%s)"
LOGS="$REPO/.test-logs"
mkdir -p "$LOGS"
cleanup() {
    odoo_cmd db drop "$DB" >/dev/null 2>&1 || true
}
trap cleanup EXIT

say "installing training_followup with demo data into the throwaway database $DB"
odoo_bin -d "$DB" -i training_followup --with-demo --stop-after-init \
    --log-level=info --logfile="$LOGS/install.log" || {
    tail -50 "$LOGS/install.log"
    die "installing the addon failed (log: $LOGS/install.log)"
}
if grep -E "^[0-9-]+ [0-9:,]+ [0-9]+ (WARNING|ERROR|CRITICAL) " "$LOGS/install.log" |
    grep -E "training_followup|training[._]" >"$LOGS/install-warnings.log"; then
    cat "$LOGS/install-warnings.log"
    die "installing training_followup logged the warnings or errors above"
fi
say "install log clean: no WARNING or ERROR of training_followup"

say "packaging: building the wheel"
rm -rf "$REPO/build" "$REPO/dist"
"$PY" -m pip wheel -q --no-deps --no-build-isolation -w "$REPO/dist" "$REPO/training_followup" \
    2> >(grep -v "is ignored: it is neither a file nor a directory" >&2)
ls "$REPO"/dist/odoo_addon_training_followup-*.whl

say "Odoo tests (pytest-odoo, browser tours in Chromium)"
"$VENV/bin/pytest" -p no:cacheprovider \
    --odoo-config="$ODOO_CONF" --odoo-database="$DB" --odoo-http \
    --odoo-log-level=warn "$@" training_followup/tests
