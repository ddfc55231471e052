"""19.0.1.5.0 (data fixes after the update): the questions a questionnaire
asks carry the company of its follow-up plan (P2, P3.1.4).

Each plan copies the default question set at kick-off; the copies used to be
made without a company, so every company's officers read the questions of
every other company's questionnaires. The copies made before this version
take the company of their questionnaire; the multi-company rule then keeps
them apart. The default question set (no questionnaire) is left alone: a
question without a company is asked in every company.
"""


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        UPDATE training_satisfaction_question question
           SET company_id = questionnaire.company_id
          FROM training_satisfaction_questionnaire questionnaire
         WHERE question.questionnaire_id = questionnaire.id
           AND question.company_id IS DISTINCT FROM questionnaire.company_id
        """
    )
