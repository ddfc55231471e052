from odoo import http
from odoo.exceptions import UserError
from odoo.http import request


class TrainingQuestionnaireController(http.Controller):
    """The page where a participant answers the anonymous questionnaire
    (P3.1.4), reached from the to-do of their questionnaire step or the
    invitation mail."""

    @http.route(
        "/training/questionnaire/<int:completion_id>",
        type="http",
        auth="user",
        methods=["GET", "POST"],
    )
    def questionnaire(self, completion_id, **post):
        completion = (
            request.env["training.satisfaction.completion"]
            .sudo()
            .browse(completion_id)
            .exists()
        )
        if not completion or completion.user_id != request.env.user:
            return self._render(
                error=request.env._("This questionnaire is not addressed to you.")
            )
        questionnaire = completion.questionnaire_id
        values = {"completion": completion, "questionnaire": questionnaire}
        if completion.state == "answered":
            already = request.env._(
                "You have already answered this questionnaire: it is answered once."
            )
            return self._render(done=True, already=already, **values)
        if request.httprequest.method != "POST":
            return self._render(**values)
        answers = {
            question.id: post.get(f"question_{question.id}")
            for question in questionnaire.question_ids
        }
        try:
            questionnaire._submit(answers)
        except UserError as error:
            request.env.cr.rollback()
            return self._render(error=str(error), answers=answers, **values)
        return self._render(done=True, **values)

    def _render(self, **values):
        return request.render(
            "training_followup.questionnaire_page",
            {
                "completion": False,
                "questionnaire": False,
                "answers": {},
                "already": False,
                **values,
            },
        )
