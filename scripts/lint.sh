#!/usr/bin/env bash
# The project's lint, in one place: ruff (checks and formatting) on the addon
# and the scripts, then pylint-odoo on the addon. Run by `make lint` and by
# scripts/test.sh; the tools come from $VENV (default .venv).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$REPO"

say "lint: ruff"
"$VENV/bin/ruff" check training_followup scripts
"$VENV/bin/ruff" format --check training_followup scripts
say "lint: pylint-odoo"
"$VENV/bin/pylint" --rcfile="$REPO/.pylintrc" training_followup
