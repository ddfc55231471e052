from odoo import http
from odoo.exceptions import UserError
from odoo.http import request

from .questionnaire_flow import answer_questionnaire


class TrainingAnswerLinkController(http.Controller):
    """Personal links (P2.3.1, P3.1.2, P3.1.4): the questionnaire and the
    self-evaluation of a participant without an Odoo login. The link's token
    comes in the body of a POST (the page reads it after the "#" of the
    link), never in a URL that a log could keep."""

    @http.route(
        "/training/answer",
        type="http",
        auth="public",
        methods=["GET", "POST"],
        sitemap=False,
    )
    def answer_link(self, link="", submit=None, **post):
        if request.httprequest.method != "POST":
            return request.render(
                "training_followup.answer_link_page", {"error": False}
            )
        record, refusal = self._open_link(link)
        if refusal:
            return self._refuse(*refusal)
        if record._name == "training.satisfaction.completion":
            return answer_questionnaire(record, post, submit, link=link)
        return self._self_evaluation(record, link, submit, post)

    def _open_link(self, link):
        """(the record the link opens, None), or (None, (message, status))
        when it cannot be used: a wrong link (after too many from this
        address, the "too many" page), a form already sent, an expired step.
        A valid link opens whatever others behind the same address tried
        (P3.1.4, see training.link.attempt)."""
        record = request.env["training.personal.link"]._find_by_link(link)
        if not record:
            Attempt = request.env["training.link.attempt"].sudo()
            # the client's address as Odoo gives it (behind a proxy, Odoo's
            # proxy mode sets it from the proxy's header)
            address = request.httprequest.remote_addr
            if Attempt._refuse_wrong_link(address, link):
                return None, (
                    request.env._(
                        "Too many wrong links were tried from this connection. "
                        "Please wait a quarter of an hour, then open your link "
                        "again."
                    ),
                    429,
                )
            return None, (
                request.env._(
                    "This link is not valid. Please open the link you received "
                    "exactly as it is, or ask the training department for a new one."
                ),
                404,
            )
        # the page speaks the language of the person the link was made for
        lang = record._get_reader_lang()
        if lang in dict(request.env["res.lang"].get_installed()):
            request.update_context(lang=lang)
        state = record._get_link_state()
        if state == "used":
            return None, (
                request.env._("This form was already sent: it is answered once."),
                410,
            )
        if state == "expired":
            return None, (
                request.env._(
                    "This link has expired: the time to answer this form is over."
                ),
                410,
            )
        return record, None

    def _self_evaluation(self, response, link, submit, post):
        scores = {line.id: post.get(f"line_{line.id}") for line in response.line_ids}
        values = {
            "response": response.sudo(),
            "link": link,
            "scores": scores,
            "comment": post.get("comment"),
            "error": False,
            "done": False,
        }
        if submit:
            try:
                response._submit_through_link(scores, post.get("comment"))
                values["done"] = True
            except UserError as error:
                request.env.cr.rollback()
                values["error"] = str(error)
        return request.render("training_followup.self_evaluation_page", values)

    def _refuse(self, message, status):
        return request.render(
            "training_followup.answer_link_page", {"error": message}, status=status
        )
