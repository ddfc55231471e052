from odoo import api, models


class TrainingFollowupDemo(models.AbstractModel):
    """The helpers of the demo data (demo/training_followup_demo.xml), kept
    out of the business models: no record, no field, nothing the follow-up
    itself calls."""

    _name = "training.followup.demo"
    _description = "Training Follow-up Demo Data"

    @api.model
    def _answer_questionnaire(self, plan_id, answers):
        """[(user id, rating, suggestion)] answer the questionnaire of the
        plan, each as that user, as the answer page does (P3.1.4)."""
        questionnaire = self.env["training.satisfaction.questionnaire"].search(
            [("plan_id", "=", plan_id)]
        )
        for user_id, rating, suggestion in answers:
            # as that user, in their language (P1.3)
            user = self.env["res.users"].browse(user_id)
            questionnaire.with_user(user).with_context(lang=user.lang).sudo()._submit(
                {
                    question.id: suggestion
                    if question.question_type == "text"
                    else rating
                    for question in questionnaire.question_ids
                }
            )
        return questionnaire
