#!/usr/bin/env bash
# The project's lint, in one place: ruff (checks and formatting) on the addon,
# its bridges and the scripts, then pylint-odoo on the addon and its bridges.
# Run by `make lint` and by scripts/test.sh; the tools come from $VENV
# (default .venv).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$REPO"

say "lint: ruff"
mapfile -t ADDONS < <(echo training_followup; bridge_addons)
"$VENV/bin/ruff" check "${ADDONS[@]}" scripts
"$VENV/bin/ruff" format --check "${ADDONS[@]}" scripts
say "lint: pylint-odoo (${ADDONS[*]})"
"$VENV/bin/pylint" --rcfile="$REPO/.pylintrc" "${ADDONS[@]}"
