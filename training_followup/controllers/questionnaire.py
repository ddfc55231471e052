from odoo import http
from odoo.http import request

from .questionnaire_flow import answer_questionnaire, render_questionnaire


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
            return render_questionnaire(
                error=request.env._("This questionnaire is not addressed to you.")
            )
        if completion.state == "answered":
            return render_questionnaire(
                completion=completion,
                questionnaire=completion.questionnaire_id,
                done=True,
                already=request.env._(
                    "You have already answered this questionnaire: it is answered once."
                ),
            )
        return answer_questionnaire(
            completion, post, submit=request.httprequest.method == "POST"
        )
