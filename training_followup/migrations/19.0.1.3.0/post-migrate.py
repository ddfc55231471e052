"""19.0.1.3.0: questionnaire results are released, not shown live (P3.1.4);
personal links; one multi-company rule, the same for every model.

- Each questionnaire keeps the minimum group of the settings of today, frozen.
- Questionnaires whose date has passed, or whose plan is closed, are closed;
  the others keep collecting.
- The answers already shown before (questionnaires with at least the minimum
  group of answers) stay shown: they are released as one group, their
  departments decided by the respondents of that group.
- Every completion and evaluation response gets a personal-link token of its
  own.
- The multi-company rules are `noupdate` records: an update leaves their old
  domains (equivalent for the records they filter, but written three ways).
  Every one of them gets the domain the security file now gives; the rules
  that were missing are created by the update itself.
"""

from odoo import SUPERUSER_ID, api, fields
from odoo.tools import SQL

MULTI_COMPANY_DOMAIN = (
    "['|', ('company_id', '=', False), ('company_id', 'in', company_ids)]"
)


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    _release_questionnaires(env)
    _give_tokens(env)
    # the invitations of existing questionnaires went out at their kick-off
    env.cr.execute("UPDATE training_satisfaction_completion SET invitation_sent = TRUE")
    _rewrite_company_rules(env)


def _release_questionnaires(env):
    Questionnaire = env["training.satisfaction.questionnaire"].with_context(
        active_test=False
    )
    questionnaires = Questionnaire.search([])
    for company in questionnaires.company_id:
        questionnaires.filtered(lambda q, c=company: q.company_id == c).write(
            {"min_group_size": max(company.training_anonymity_min_group, 2)}
        )
    today = fields.Date.context_today(Questionnaire)
    # the ORM of the installed code reads here: since 19.0.1.4.0 the answer-by
    # date is `date_deadline` (its pre-migrate renamed the column)
    questionnaires.filtered(
        lambda q: (
            q.plan_id.state == "closed" or (q.date_deadline and q.date_deadline < today)
        )
    ).write({"collection_state": "closed"})
    shown = questionnaires.filtered(lambda q: q.answer_count >= q.min_group_size)
    shown.filtered(lambda q: q.collection_state == "collecting").write(
        {"collection_state": "closed"}
    )
    questionnaires._release_answers()


def _give_tokens(env):
    """Personal links (P2.3.1, P3.1.4): a token of its own for every
    completion and evaluation response made before, in one statement each."""
    for model in ("training.satisfaction.completion", "training.evaluation.response"):
        Model = env[model]
        records = Model.search([("access_token", "=", False)])
        if not records:
            continue
        rows = SQL(", ").join(
            SQL("(%s, %s)", record_id, Model._new_token()) for record_id in records.ids
        )
        env.cr.execute(
            SQL(
                "UPDATE %s AS target SET access_token = given.token "
                "FROM (VALUES %s) AS given(id, token) WHERE target.id = given.id",
                SQL.identifier(Model._table),
                rows,
            )
        )
    env.invalidate_all()


def _rewrite_company_rules(env):
    data = env["ir.model.data"].search(
        [("module", "=", "training_followup"), ("model", "=", "ir.rule")]
    )
    rules = env["ir.rule"].browse(
        data.filtered(lambda d: d.name.endswith("_rule_company")).mapped("res_id")
    )
    rules.exists().write({"domain_force": MULTI_COMPANY_DOMAIN})
