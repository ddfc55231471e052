"""19.0.1.3.0: questionnaire results are released, not shown live (P3.1.4).

- Each questionnaire keeps the minimum group of the settings of today, frozen.
- Questionnaires whose date has passed, or whose plan is closed, are closed;
  the others keep collecting.
- The answers already shown before (questionnaires with at least the minimum
  group of answers) stay shown: they are released as one group, their
  departments decided by the respondents of that group.
"""

from odoo import SUPERUSER_ID, api, fields


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    Questionnaire = env["training.satisfaction.questionnaire"].with_context(
        active_test=False
    )
    questionnaires = Questionnaire.search([])
    for company in questionnaires.company_id:
        questionnaires.filtered(lambda q, c=company: q.company_id == c).write(
            {"min_group_size": max(company.training_anonymity_min_group, 2)}
        )
    today = fields.Date.context_today(Questionnaire)
    questionnaires.filtered(
        lambda q: q.plan_id.state == "closed" or (q.date_due and q.date_due < today)
    ).write({"collection_state": "closed"})
    shown = questionnaires.filtered(lambda q: q.answer_count >= q.min_group_size)
    shown.filtered(lambda q: q.collection_state == "collecting").write(
        {"collection_state": "closed"}
    )
    questionnaires._release_answers()

    # personal links (P2.3.1, P3.1.4): a token of its own for every
    # completion and evaluation response made before
    for model in ("training.satisfaction.completion", "training.evaluation.response"):
        records = env[model].search([("access_token", "=", False)])
        for record in records:
            record.access_token = records._new_token()
