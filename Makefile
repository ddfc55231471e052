# Entry points; see README.md.
.PHONY: demo test pot lint

demo:
	scripts/demo.sh

test:
	scripts/test.sh

lint:
	.venv/bin/ruff check training_followup scripts
	.venv/bin/ruff format --check training_followup scripts
	.venv/bin/pylint --rcfile=.pylintrc training_followup

# Regenerate i18n/training_followup.pot from a real install of the addon.
pot:
	scripts/pot.sh
