#!/usr/bin/env bash
# The whole test suite: lint, a throwaway database with the addon and its demo
# data (its install log must hold no WARNING/ERROR of the addon), an upgrade
# check from the previous version (taken from the git history) in a database
# of its own, the wheel build, then the addon's tests with Odoo's own runner
# (odoo-bin --test-tags /training_followup, browser tours in headless
# Chromium), the count pytest-odoo collects, and the post_install tests of the
# Odoo modules the addon extends, on the same database. Then the bridges to
# Odoo's training stack (training_followup_<app>/) in a database of their own,
# installed by auto_install with Events, eLearning and Dashboards: their tests
# and the post_install tests of the Odoo modules they extend. Everything runs
# on free ports of its own: a demo or another Odoo on 8069 is never reached.
#
#   scripts/test.sh                 everything (what CI runs)
#   scripts/test.sh -k session      only pytest-odoo with these arguments
#   TF_CORE_SUITES=0 scripts/test.sh   without the core suites
#   TF_BRIDGES=0 scripts/test.sh        without the bridges' database
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

# the post_install tests of the modules whose models the addon extends (hr,
# survey, resource, hr_skills for the resume and skills)
CORE_SUITES="${CORE_SUITES:-/hr,/survey,/resource,/hr_skills}"
TF_CORE_SUITES="${TF_CORE_SUITES:-1}"
# the bridges to Odoo's training stack, in a database of their own with the
# apps they stand beside ($BRIDGE_APPS, scripts/common.sh); then the
# post_install tests of the Odoo modules they extend. website_slides' own 110
# tests (about 9 minutes here, mostly website editor tours) are left out by
# default: BRIDGE_CORE_SUITES=...,post_install/website_slides adds them.
# Only post_install tests: an at_install test expects the database its own
# module alone makes (no other app, no demo company of another country)
TF_BRIDGES="${TF_BRIDGES:-1}"
BRIDGE_CORE_SUITES="${BRIDGE_CORE_SUITES:-post_install/event,post_install/hr_skills_event,post_install/hr_skills_slides,post_install/hr_skills_survey,post_install/spreadsheet_dashboard}"

"$REPO/scripts/setup.sh"
cd "$REPO"

"$REPO/scripts/lint.sh"

DB="tf_test_$$_$(date +%s)"
LOGS="$REPO/.test-logs"
mkdir -p "$LOGS"
# a port of our own for the test server: the tours' browser and wkhtmltopdf
# (through web.base.url, set from it when the database is made) reach it
TEST_HTTP_PORT="${TEST_HTTP_PORT:-$(free_port 18069)}"
UPGRADE_DB="${DB}_upgrade"
BRIDGE_DB="${DB}_bridges"
PREVIOUS_ADDONS=""
cleanup() {
    odoo_cmd db drop "$DB" >/dev/null 2>&1 || true
    odoo_cmd db drop "$UPGRADE_DB" >/dev/null 2>&1 || true
    odoo_cmd db drop "$BRIDGE_DB" >/dev/null 2>&1 || true
    if [ -n "$PREVIOUS_ADDONS" ]; then rm -rf "$PREVIOUS_ADDONS"; fi
}
trap cleanup EXIT

# Fails when a log holds a WARNING/ERROR of the addon.
check_log_clean() {
    local log="$1" what="$2"
    if grep -E "^[0-9-]+ [0-9:,]+ [0-9]+ (WARNING|ERROR|CRITICAL) " "$log" |
        grep -E "training_followup|training[._]" >"$log.warnings"; then
        cat "$log.warnings"
        die "$what logged the warnings or errors above (log: $log)"
    fi
}

say "installing training_followup with demo data into the throwaway database $DB"
odoo_bin -d "$DB" -i training_followup --with-demo --stop-after-init \
    --http-port="$TEST_HTTP_PORT" --log-level=info --logfile="$LOGS/install.log" || {
    tail -50 "$LOGS/install.log"
    die "installing the addon failed (log: $LOGS/install.log)"
}
check_log_clean "$LOGS/install.log" "installing training_followup"
say "install log clean: no WARNING or ERROR of training_followup"

# The version line of the manifest read on stdin ("" without one).
manifest_version() { grep -oE '"version": *"[^"]+"' | head -1 | cut -d'"' -f4 || true; }

# The newest commit, along the first parents of HEAD, whose manifest holds a
# version other than the working tree's: the release a database upgrades
# from. Nothing when the clone holds none (shallow, or not a git checkout).
previous_version_commit() {
    local manifest=training_followup/__manifest__.py current commit version
    current="$(manifest_version <"$REPO/$manifest")"
    git -C "$REPO" rev-parse -q --verify HEAD >/dev/null 2>&1 || return 0
    for commit in $(git -C "$REPO" rev-list --first-parent HEAD); do
        version="$(git -C "$REPO" show "$commit:$manifest" 2>/dev/null | manifest_version)"
        if [ -n "$version" ] && [ "$version" != "$current" ]; then
            echo "$commit"
            return 0
        fi
    done
}

# The upgrade from the previous version: its addon, taken from the history,
# installed with the demo data into a database of its own; PHASE=before, -u
# with the working tree, PHASE=after (scripts/upgrade_check.py: every record
# kept, the renamed fields' values under their new names, data files applied).
ODOO_ADDONS="$ODOO_SRC/odoo/addons,$ODOO_SRC/addons"
PREVIOUS="$(previous_version_commit)"
if [ -n "$PREVIOUS" ]; then
    PREVIOUS_ADDONS="$(mktemp -d "${TMPDIR:-/tmp}/tf_previous.XXXXXX")"
    git -C "$REPO" archive "$PREVIOUS" training_followup | tar -x -C "$PREVIOUS_ADDONS"
    FROM_ADDONS="$PREVIOUS_ADDONS"
    say "upgrade: from $(manifest_version <"$PREVIOUS_ADDONS/training_followup/__manifest__.py"), commit $(git -C "$REPO" log -1 --format='%h %s' "$PREVIOUS" | cut -c1-80)"
else
    FROM_ADDONS="$REPO"
    say "upgrade: WARNING: no commit of the previous version in this clone (shallow clone?); the upgrade check starts from the current code"
fi
upgrade_phase() {
    PHASE="$1" UPGRADE_STATE="$LOGS/upgrade-state.json" \
        odoo_cmd shell -d "$UPGRADE_DB" --addons-path="$ODOO_ADDONS,$2" --log-level=warn \
        <"$REPO/scripts/upgrade_check.py"
}
say "upgrade: installing that version with demo data into $UPGRADE_DB"
odoo_bin -d "$UPGRADE_DB" --addons-path="$ODOO_ADDONS,$FROM_ADDONS" -i training_followup \
    --with-demo --stop-after-init --http-port="$TEST_HTTP_PORT" --log-level=info \
    --logfile="$LOGS/upgrade-install.log" || {
    tail -50 "$LOGS/upgrade-install.log"
    die "installing the previous version failed (log: $LOGS/upgrade-install.log)"
}
upgrade_phase before "$FROM_ADDONS"
say "upgrade: -u training_followup with the working tree"
odoo_bin -d "$UPGRADE_DB" -u training_followup --stop-after-init --http-port="$TEST_HTTP_PORT" \
    --log-level=info --logfile="$LOGS/upgrade.log" || {
    tail -50 "$LOGS/upgrade.log"
    die "upgrading the addon failed (log: $LOGS/upgrade.log)"
}
check_log_clean "$LOGS/upgrade.log" "upgrading training_followup"
upgrade_phase after "$REPO"
odoo_cmd db drop "$UPGRADE_DB" >/dev/null 2>&1 || true

say "packaging: building the wheel"
rm -rf "$REPO/build" "$REPO/dist"
"$PY" -m pip wheel -q --no-deps --no-build-isolation -w "$REPO/dist" "$REPO/training_followup" \
    2> >(grep -v "is ignored: it is neither a file nor a directory" >&2)
ls "$REPO"/dist/odoo_addon_training_followup-*.whl

pytest_odoo() {
    "$VENV/bin/pytest" -p no:cacheprovider \
        --odoo-config="$ODOO_CONF" --odoo-database="$DB" --odoo-http \
        --odoo-log-level=warn "$@"
}
if [ $# -gt 0 ]; then
    say "Odoo tests with pytest-odoo: $*"
    export ODOO_HTTP_PORT="$TEST_HTTP_PORT"
    pytest_odoo --odoo-http-port="$TEST_HTTP_PORT" "$@" training_followup/tests
    exit $?
fi

# Runs Odoo's test runner on the database ($3, else the test database) for
# these test tags; prints the number of tests it ran, fails on a failed test.
odoo_tests() {
    local tags="$1" log="$2" db="${3:-$DB}" rc=0
    odoo_bin -d "$db" --test-tags "$tags" --stop-after-init --http-port="$TEST_HTTP_PORT" \
        --log-level=test --logfile="$log" || rc=$?
    local summary
    summary="$(grep -oE "[0-9]+ failed, [0-9]+ error\(s\) of [0-9]+ tests when loading database" "$log" | tail -1)"
    if [ "$rc" != 0 ] || [ -z "$summary" ]; then
        grep -E "^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) " "$log" | tail -40 >&2 || true
        die "Odoo tests $tags failed (${summary:-no summary}; log: $log)"
    fi
    echo "$summary" | grep -oE "of [0-9]+ tests" | grep -oE "[0-9]+"
}

say "Odoo tests of the addon: odoo-bin --test-tags /training_followup (tours in Chromium)"
ADDON_COUNT="$(odoo_tests /training_followup "$LOGS/tests.log")"
say "odoo-bin ran $ADDON_COUNT tests of training_followup, all passed"

say "the same tests as pytest-odoo collects them"
PYTEST_COUNT="$(pytest_odoo --collect-only -q training_followup/tests 2>/dev/null |
    grep -oE "^[0-9]+ tests? collected" | grep -oE "^[0-9]+")"
if [ "$PYTEST_COUNT" != "$ADDON_COUNT" ]; then
    die "pytest-odoo collects $PYTEST_COUNT tests, odoo-bin ran $ADDON_COUNT: a test module is not imported by tests/__init__.py"
fi
say "pytest-odoo collects the same $PYTEST_COUNT tests"

CORE_COUNT=0
if [ "$TF_CORE_SUITES" = 1 ]; then
    say "core suites beside the addon: post_install tests of $CORE_SUITES"
    CORE_COUNT="$(odoo_tests "$CORE_SUITES" "$LOGS/core-tests.log")"
    say "odoo-bin ran $CORE_COUNT post_install tests of $CORE_SUITES with training_followup installed, all passed"
fi

odoo_cmd db drop "$DB" >/dev/null 2>&1 || true

# The bridges: installing Odoo's apps with the addon must install them
# (auto_install, Odoo's pattern for optional apps), cleanly; then their tests
# (tours in Chromium) and the post_install tests of the Odoo modules they
# extend, with the bridges installed.
mapfile -t BRIDGES < <(bridge_addons)
BRIDGE_COUNT=0
BRIDGE_CORE_COUNT=0
if [ "${#BRIDGES[@]}" -gt 0 ] && [ "$TF_BRIDGES" = 1 ]; then
    say "bridges: installing training_followup with $BRIDGE_APPS and demo data into $BRIDGE_DB"
    started=$SECONDS
    odoo_bin -d "$BRIDGE_DB" -i "training_followup,$BRIDGE_APPS" --with-demo --stop-after-init \
        --http-port="$TEST_HTTP_PORT" --log-level=info --logfile="$LOGS/bridges-install.log" || {
        tail -50 "$LOGS/bridges-install.log"
        die "installing the bridges failed (log: $LOGS/bridges-install.log)"
    }
    check_log_clean "$LOGS/bridges-install.log" "installing the bridges"
    for bridge in "${BRIDGES[@]}"; do
        module_installed "$BRIDGE_DB" "$bridge" ||
            die "$bridge was not installed with $BRIDGE_APPS: is it auto_install?"
    done
    say "bridges installed by auto_install in $((SECONDS - started)) s: ${BRIDGES[*]}"
    BRIDGE_TAGS="$(printf '/%s,' "${BRIDGES[@]}")"
    started=$SECONDS
    BRIDGE_COUNT="$(odoo_tests "${BRIDGE_TAGS%,}" "$LOGS/bridges-tests.log" "$BRIDGE_DB")"
    say "odoo-bin ran $BRIDGE_COUNT tests of the bridges in $((SECONDS - started)) s, all passed"
    if [ "$TF_CORE_SUITES" = 1 ]; then
        started=$SECONDS
        BRIDGE_CORE_COUNT="$(odoo_tests "$BRIDGE_CORE_SUITES" "$LOGS/bridges-core-tests.log" "$BRIDGE_DB")"
        say "odoo-bin ran $BRIDGE_CORE_COUNT post_install tests of $BRIDGE_CORE_SUITES with the bridges installed in $((SECONDS - started)) s, all passed"
    fi
fi

say "training_followup: $ADDON_COUNT tests; core suites ($CORE_SUITES): $CORE_COUNT tests"
say "bridges (${BRIDGES[*]:-none}): $BRIDGE_COUNT tests; their core suites: $BRIDGE_CORE_COUNT tests"
echo "$((ADDON_COUNT + CORE_COUNT + BRIDGE_COUNT + BRIDGE_CORE_COUNT)) passed, 0 failed"
