"""19.0.1.5.0 (data fixes after the update).

1. The shipped follow-up templates' note no longer names a rule id (P1.3:
   the reader's words, never the policy's numbering). The templates are
   `noupdate` data: the update does not rewrite them. The exact mention the
   shipped note carried, " (P3)" in English and the same in full-width
   brackets in Chinese, is removed from every language of the note of the
   four shipped templates; the rest of a note the company rewrote stays.
2. The questions a questionnaire asks carry the company of its follow-up
   plan (P2, P3.1.4). Each plan copies the default question set at
   kick-off; the copies used to be made without a company, so every
   company's officers read the questions of every other company's
   questionnaires. The copies made before this version take the company of
   their questionnaire; the multi-company rule then keeps them apart. The
   default question set (no questionnaire) is left alone.
3. Who rates an application case (P2.2.3, P3.2.1) is one truth, the case's
   `can_evaluate`: the employee's manager or their department's manager (or
   a training officer), never the employee. The rule letting managers write
   a case named the follow-up's manager only, so a department manager saw
   *Evaluate* and was refused on save. The rule is `noupdate`: the update
   keeps its old domain, so it gets the domain the security file now gives.
"""

import json

from odoo import SUPERUSER_ID, api

TEMPLATES = (
    "template_onboarding",
    "template_job_skill",
    "template_management",
    "template_professional",
)
# " (P3)" and the Chinese full-width "\uff08P3\uff09"
MENTIONS = (" (P3)", "\uff08P3\uff09")


def migrate(cr, version):
    if not version:
        return
    _questions_carry_their_company(cr)
    _templates_name_no_rule_id(cr)
    _case_rule_names_who_rates(cr)


def _questions_carry_their_company(cr):
    cr.execute(
        """
        UPDATE training_satisfaction_question question
           SET company_id = questionnaire.company_id
          FROM training_satisfaction_questionnaire questionnaire
         WHERE question.questionnaire_id = questionnaire.id
           AND question.company_id IS DISTINCT FROM questionnaire.company_id
        """
    )


def _templates_name_no_rule_id(cr):
    env = api.Environment(cr, SUPERUSER_ID, {})
    ids = [
        template.id
        for xmlid in TEMPLATES
        if (template := env.ref(f"training_followup.{xmlid}", False))
    ]
    if not ids:
        return
    cr.execute(
        "SELECT id, note FROM training_followup_template WHERE id = ANY(%s)", (ids,)
    )
    for template_id, notes in cr.fetchall():
        cleaned = {}
        for lang, note in (notes or {}).items():
            text = note
            for mention in MENTIONS:
                text = text.replace(mention, "")
            cleaned[lang] = text
        if cleaned != (notes or {}):
            cr.execute(
                "UPDATE training_followup_template SET note = %s::jsonb WHERE id = %s",
                (json.dumps(cleaned), template_id),
            )
    env["training.followup.template"].invalidate_model(["note"])


CASE_WRITE_RULE = "training_followup.training_application_case_rule_employee_write"
CASE_WRITE_DOMAIN = (
    "['|', ('followup_id.employee_user_id', '=', user.id), ('can_evaluate', '=', True)]"
)


def _case_rule_names_who_rates(cr):
    env = api.Environment(cr, SUPERUSER_ID, {})
    rule = env.ref(CASE_WRITE_RULE, raise_if_not_found=False)
    if rule:
        rule.domain_force = CASE_WRITE_DOMAIN
