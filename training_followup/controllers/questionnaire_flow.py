"""The one answer flow of the anonymous questionnaire (P3.1.4), shared by the
page of a logged-in participant (controllers/questionnaire.py) and the page of
a personal link (controllers/answer_link.py): the answers read from the
posted form, submitted on the participant's completion, everything rolled
back on a refusal and the page rendered again with the message and the
answers given, or the thanks."""

from odoo.exceptions import UserError
from odoo.http import request


def answer_questionnaire(completion, post, submit, **values):
    """The questionnaire page of `completion` (a participant's, read as
    superuser by the caller, who checked that the person may answer it):
    the form, or, when `submit`, the answers of `post` recorded (fields
    `question_<id>`). `values` go to the page (e.g. the personal link)."""
    questionnaire = completion.questionnaire_id.sudo()
    values = {"completion": completion, "questionnaire": questionnaire, **values}
    if not submit:
        return render_questionnaire(**values)
    answers = {
        question.id: post.get(f"question_{question.id}")
        for question in questionnaire.question_ids
    }
    try:
        questionnaire._submit(answers, completion=completion)
    except UserError as error:
        request.env.cr.rollback()
        return render_questionnaire(error=str(error), answers=answers, **values)
    return render_questionnaire(done=True, **values)


def render_questionnaire(**values):
    """The questionnaire page with `values` (a refusal: `error` alone)."""
    return request.render(
        "training_followup.questionnaire_page",
        {
            "completion": False,
            "questionnaire": False,
            "link": False,
            "answers": {},
            "already": False,
            "error": False,
            "done": False,
            **values,
        },
    )
