# Entry points; see README.md.
.PHONY: demo test pot lint

demo:
	scripts/demo.sh

test:
	scripts/test.sh

# ruff and pylint-odoo, as scripts/test.sh runs them first.
lint:
	scripts/lint.sh

# Regenerate i18n/training_followup.pot from a real install of the addon.
pot:
	scripts/pot.sh
