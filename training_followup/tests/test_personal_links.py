import re
import shutil
import subprocess
import tempfile

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from ..tools.process_guard import in_process
from .common import TrainingFollowupCase, load_chinese
from .test_questionnaire import QuestionnaireCase


class PersonalLinkMixin:
    """Opens personal links the way a phone does, without a login: the page,
    then its form posted with the part of the link after the "#"."""

    def post_link(self, link, **post):
        self.authenticate(None, None)
        page = self.url_open("/training/answer")
        self.assertEqual(page.status_code, 200)
        self.assertNotIn("token", page.url)
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        return self.url_open(
            "/training/answer", data={"csrf_token": csrf, "link": link, **post}
        )

    @staticmethod
    def fragment(record):
        """What the browser keeps after the "#" of the record's link."""
        url = record.sudo().link_url
        path, _hash, fragment = url.partition("#")
        assert path.endswith("/training/answer") and fragment, url
        return fragment


@tagged("post_install", "-at_install")
class TestPersonalLinks(PersonalLinkMixin, HttpCase, TrainingFollowupCase):
    """P2.3.1, P3.1.2, P3.1.4: a participant without an Odoo login answers
    the questionnaire and evaluates themselves through their personal link;
    every other use of a link is refused with a clear page, writing nothing."""

    def setUp(self):
        super().setUp()
        self.colleague.work_email = "tf.colleague@example.com"
        self.plan = self.make_plan(self.employee | self.colleague | self.outsider)
        self.plan.action_communicate()
        self.send_invitations()
        self.questionnaire = self.plan.questionnaire_ids
        completions = self.questionnaire.completion_ids
        self.mine = completions.filtered(lambda c: c.employee_id == self.colleague)
        self.other = completions.filtered(lambda c: c.employee_id == self.employee)

    def answers(self, rating="4"):
        return {
            f"question_{q.id}": rating if q.question_type == "rating" else "Phone"
            for q in self.questionnaire.question_ids
        }

    def submitted_sheets(self):
        return self.env["training.satisfaction.answer"].search_count(
            [
                ("questionnaire_id", "=", self.questionnaire.id),
                ("state", "=", "submitted"),
            ]
        )

    def assert_nothing_written(self, page, status, message):
        self.assertEqual(page.status_code, status)
        self.assertIn(message, page.text)
        self.assertNotIn("o_training_questionnaire_form", page.text, "no form")
        self.env.invalidate_all()
        self.assertEqual(self.submitted_sheets(), self.sheets_before)
        self.assertEqual(
            self.questionnaire.completion_ids.mapped("state"), self.states_before
        )

    def remember(self):
        self.sheets_before = self.submitted_sheets()
        self.states_before = self.questionnaire.completion_ids.mapped("state")

    def test_p3_1_4_the_link_is_mailed_to_an_employee_without_a_login(self):
        self.assertEqual(self.mine.reach, "email")
        self.assertEqual(self.other.reach, "user")
        mail = self.env["mail.mail"].search(
            [("email_to", "=", "tf.colleague@example.com")]
        )
        self.assertEqual(len(mail), 1)
        self.assertIn(self.fragment(self.mine), mail.body_html)
        self.assertEqual(self.questionnaire.unreachable_count, 0)
        self.assertEqual(
            self.questionnaire.completion_ids.filtered(
                lambda c: c.employee_id == self.outsider
            ).reach,
            "user",
        )

    def test_p3_1_4_employee_without_a_login_answers_through_their_link(self):
        self.remember()
        page = self.post_link(self.fragment(self.mine))
        self.assertIn("o_training_questionnaire_form", page.text)
        page = self.post_link(self.fragment(self.mine), submit="1", **self.answers())
        self.assertIn("o_training_questionnaire_done", page.text)
        self.env.invalidate_all()
        self.assertEqual(self.mine.state, "answered")
        self.assertEqual(self.mine.step_id.state, "done")
        self.assertEqual(self.submitted_sheets(), self.sheets_before + 1)
        self.assertEqual(self.other.state, "pending", "nobody else answered")

        # the same link a second time: refused, nothing written
        self.remember()
        page = self.post_link(self.fragment(self.mine), submit="1", **self.answers("1"))
        self.assert_nothing_written(page, 410, "already sent")

    def test_p3_1_4_wrong_expired_and_someone_elses_links_are_refused(self):
        self.remember()
        link = self.fragment(self.mine)
        letter_id, token = link.split(".", 1)
        wrong = f"{letter_id}.{token[::-1]}"
        page = self.post_link(wrong, submit="1", **self.answers())
        self.assert_nothing_written(page, 404, "This link is not valid")
        # the colleague's token on the employee's completion
        elses = f"q{self.other.id}.{token}"
        page = self.post_link(elses, submit="1", **self.answers())
        self.assert_nothing_written(page, 404, "This link is not valid")
        for bad in (
            "",
            "q",
            "qabc.def",
            f"q{10**12}.{token}",
            f"x{self.mine.id}.{token}",
        ):
            page = self.post_link(bad, submit="1", **self.answers())
            self.assert_nothing_written(page, 404, "This link is not valid")
        # the plan was closed: its steps ended, the link expired
        in_process(self.plan).write({"state": "reported"})
        self.plan.action_close()
        self.remember()
        page = self.post_link(link, submit="1", **self.answers())
        self.assert_nothing_written(page, 410, "expired")

    def test_p3_1_4_a_removed_participants_link_opens_nothing(self):
        link = self.fragment(self.mine)
        self.mine.followup_id._end("participant_removed")
        self.remember()
        page = self.post_link(link, submit="1", **self.answers())
        self.assert_nothing_written(page, 404, "This link is not valid")

    def attempts(self):
        return self.env["training.link.attempt"].sudo().search([])

    def test_p3_1_4_malformed_links_are_unknown_links(self):
        """A link of the wrong shape (a superscript or another script's digit
        for the id, empty parts, a huge id, extra dots, characters a token
        never has) answers like an unknown link, never a server error, and
        counts as a wrong link."""
        link = self.fragment(self.mine)
        letter_id, token = link.split(".", 1)
        record_id = letter_id[1:]
        malformed = [
            f"q\u00b2.{token}",  # q².<token>, the link of the issue
            f"q\u0663.{token}",  # an Arabic-Indic three, which int() reads
            f"q{record_id}\u00b2.{token}",
            f"q{10**30}.{token}",
            f"q.{token}",
            f"{letter_id}.",
            f"{letter_id}..{token}",
            f"{letter_id}.{token}.{token}",
            f"{letter_id}.{token[:-1]}\u00e9",
            f"q0{record_id}.{token}",
        ]
        self.remember()
        for bad in malformed:
            with self.subTest(link=bad):
                page = self.post_link(bad, submit="1", **self.answers())
                self.assertNotEqual(page.status_code, 500)
                self.assert_nothing_written(page, 404, "This link is not valid")
        self.assertEqual(len(self.attempts()), len(malformed), "each one counted")
        # the questionnaire page of a logged-in participant, reached by an id
        self.authenticate(self.user_employee.login, self.user_employee.login)
        for path in ("\u00b2", "\u0663", str(10**30), "-1", "1.5"):
            with self.subTest(path=path):
                page = self.url_open(f"/training/questionnaire/{path}")
                self.assertIn(page.status_code, (200, 404))
                if page.status_code == 200:
                    self.assertIn("not addressed to you", page.text)
        self.env.invalidate_all()
        self.assertEqual(self.submitted_sheets(), self.sheets_before)

    def test_p3_1_4_guessing_links_is_slowed_down(self):
        link = self.fragment(self.mine)
        self.remember()
        letter_id, token = link.split(".", 1)
        # the same wrong link sent twice (a reload) counts once
        for _twice in range(2):
            page = self.post_link(f"{letter_id}.!0{token[2:]}")
            self.assertEqual(page.status_code, 404)
        self.assertEqual(len(self.attempts()), 1)
        for attempt in range(1, 10):
            # "!" is never in a token: always a wrong link
            page = self.post_link(f"{letter_id}.!{attempt}{token[2:]}")
            self.assertEqual(page.status_code, 404)
        self.assertEqual(len(self.attempts()), 10)
        # over the limit: a wrong link is refused with the "too many" page,
        # and running into the limit again writes no row
        for attempt in (10, 11, 11):
            page = self.post_link(f"{letter_id}.!{attempt}{token[2:]}")
            self.assert_nothing_written(page, 429, "Too many wrong links")
        page = self.post_link(f"q\u00b2.{token}")
        self.assert_nothing_written(page, 429, "Too many wrong links")
        attempts = self.attempts()
        self.assertEqual(len(attempts), 10, "no row once over the limit")
        self.assertNotIn("127.0.0.1", "".join(attempts.mapped("key")), "no address")
        self.assertNotIn(token, "".join(attempts.mapped("link_key")), "no link")

    def test_p3_1_4_wrong_links_never_lock_others_out_of_their_own_link(self):
        """One person behind the shop floor's address trying wrong links
        leaves the others' valid links working."""
        link = self.fragment(self.mine)
        token = link.split(".", 1)[1]
        for attempt in range(11):
            self.post_link(f"q{self.other.id}.!{attempt}{token[2:]}")
        self.remember()
        page = self.post_link(f"q{self.other.id}.!x{token[2:]}")
        self.assert_nothing_written(page, 429, "Too many wrong links")
        # the colleague's own link, from the same address, opens and is sent
        page = self.post_link(link)
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_training_questionnaire_form", page.text)
        page = self.post_link(link, submit="1", **self.answers())
        self.assertIn("o_training_questionnaire_done", page.text)
        self.env.invalidate_all()
        self.assertEqual(self.mine.state, "answered")
        self.assertEqual(self.submitted_sheets(), self.sheets_before + 1)
        # an honoured link leaves no trace in the wrong-link count
        self.assertEqual(len(self.attempts()), 10)

    def test_p2_3_1_self_evaluation_through_the_link(self):
        followup = self.mine.followup_id
        evaluation = self.env["training.evaluation"].create(
            {"followup_id": followup.id}
        )
        evaluation.action_open()
        response = evaluation.response_ids.filtered(lambda r: r.role == "self")
        self.assertFalse(response.user_id)
        self.assertTrue(
            self.env["mail.mail"].search(
                [
                    ("email_to", "=", "tf.colleague@example.com"),
                    ("body_html", "like", self.fragment(response)),
                ]
            ),
            "the link is mailed",
        )
        link = self.fragment(response)
        page = self.post_link(link)
        self.assertIn("o_training_self_evaluation_form", page.text)
        scores = {f"line_{line.id}": "4" for line in response.line_ids}
        # one criterion left out: refused, nothing submitted
        partial = dict(list(scores.items())[1:])
        page = self.post_link(link, submit="1", **partial)
        self.assertIn("Score every criterion", page.text)
        self.env.invalidate_all()
        self.assertEqual(response.state, "todo")
        self.assertFalse(any(response.line_ids.mapped("score")))
        page = self.post_link(link, submit="1", comment="I apply it", **scores)
        self.assertIn("o_training_self_evaluation_done", page.text)
        self.env.invalidate_all()
        self.assertEqual(response.state, "submitted")
        self.assertAlmostEqual(response.score, 80.0)
        self.assertEqual(response.comment, "I apply it")
        self.assertEqual(
            followup.step_ids.filtered(
                lambda s: s.step_type == "self_evaluation"
            ).mapped("state")[:1],
            ["done"],
        )
        page = self.post_link(link, submit="1", **scores)
        self.assertEqual(page.status_code, 410)
        self.assertIn("already sent", page.text)

    def test_p3_1_4_only_officers_see_and_print_the_links(self):
        for user in (self.user_employee, self.user_manager, self.user_supervisor):
            with self.subTest(user=user.login):
                completion = self.mine.with_user(user)
                self.assertFalse(
                    "link_url" in completion.fields_get(), "the link is hidden"
                )
        self.assertTrue(self.mine.with_user(self.user_officer).link_url)


@tagged("post_install", "-at_install")
class TestFeedbackSheet(PersonalLinkMixin, TrainingFollowupCase):
    """P2.3.1, P3.1.4: the printed feedback sheet with a QR code of each open
    personal link, for the participants who have no other way to answer."""

    def setUp(self):
        super().setUp()
        self.plan = self.make_plan(self.employee | self.colleague | self.outsider)
        self.plan.action_communicate()
        self.questionnaire = self.plan.questionnaire_ids
        self.mine = self.questionnaire.completion_ids.filtered(
            lambda c: c.employee_id == self.colleague
        )

    def test_p3_1_4_step_lateness_tells_who_could_be_reached(self):
        self.env.flush_all()
        groups = dict(
            self.env["training.followup.step.analysis"]
            .with_user(self.user_officer)
            ._read_group(
                [("plan_id", "=", self.plan.id), ("reach", "!=", False)],
                ["reach"],
                ["__count"],
            )
        )
        self.assertEqual(groups, {"user": 2, "none": 1})

    def test_p3_1_4_printed_feedback_sheet_with_qr_codes(self):
        self.assertEqual(self.mine.reach, "none", "no login, no e-mail")
        self.assertEqual(self.questionnaire.unreachable_count, 1)
        with self.rendering_pdfs():
            action = self.plan.with_user(
                self.user_officer
            ).action_print_feedback_sheets()
            self.assertEqual(
                action["report_name"], "training_followup.report_feedback_sheet"
            )
            self.env.invalidate_all()
            self.assertEqual(self.mine.reach, "sheet")
            self.assertEqual(self.questionnaire.unreachable_count, 0)
            pdf, _type = (
                self.env["ir.actions.report"]
                .with_user(self.user_officer)
                .with_context(force_report_rendering=True)
                ._render_qweb_pdf(
                    "training_followup.action_report_feedback_sheet", self.plan.ids
                )
            )
        self.assertTrue(pdf.startswith(b"%PDF"))
        with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
            file.write(pdf)
            file.flush()
            # Debian poppler-utils
            text = subprocess.run(  # noqa: S603
                [shutil.which("pdftotext"), "-layout", file.name, "-"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            images = subprocess.run(  # noqa: S603
                [shutil.which("pdfimages"), "-list", file.name],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        for employee in (self.employee, self.colleague, self.outsider):
            self.assertIn(employee.name, text)
        self.assertIn("Anonymous questionnaire", text)
        self.assertNotIn(
            self.fragment(self.mine).split(".")[1], text, "no token in text"
        )
        self.assertEqual(
            len(images.strip().splitlines()) - 2, 3, "one QR per open link"
        )
        # nobody else prints them
        with self.assertRefused(AccessError, "Only a training officer"):
            self.plan.with_user(self.user_employee).action_print_feedback_sheets()


@tagged("post_install", "-at_install")
class TestPersonalLinkAnonymity(PersonalLinkMixin, HttpCase, QuestionnaireCase):
    """P3.1.4: answering through a personal link leaves no more trace than
    answering logged in (docs/anonymity.md)."""

    def test_p3_1_4_nothing_ties_an_answer_given_through_a_link(self):
        def answer(user, rating=4, text=None):
            completion = self.completion(user)
            values = {
                f"question_{q.id}": str(rating) if q.question_type == "rating" else text
                for q in self.questionnaire.question_ids
            }
            page = self.post_link(self.fragment(completion), submit="1", **values)
            self.assertIn("o_training_questionnaire_done", page.text)
            self.env.invalidate_all()

        self.check_nothing_ties_an_answer_to_its_author(answer)


@tagged("post_install", "-at_install")
class TestPersonalLinkOnAPhone(PersonalLinkMixin, HttpCase, TrainingFollowupCase):
    """P3.1.4: the questionnaire answered on a 375 px wide screen."""

    browser_size = "375x667"
    touch_enabled = True

    def test_p3_1_4_questionnaire_answered_on_a_phone(self):
        plan = self.make_plan(self.colleague | self.employee)
        plan.action_communicate()
        completion = plan.questionnaire_ids.completion_ids.filtered(
            lambda c: c.employee_id == self.colleague
        )
        self.start_tour(
            f"/training/answer#{self.fragment(completion)}",
            "training_followup_questionnaire_phone_tour",
        )
        self.assertEqual(completion.state, "answered")


@tagged("post_install", "-at_install")
class TestPersonalLinkLanguage(PersonalLinkMixin, HttpCase, TrainingFollowupCase):
    """The person without a login reads their mail and their page in their
    own language, whoever started the plan."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_chinese(cls.env)
        cls.colleague.write({"work_email": "tf.colleague@example.com", "lang": "zh_CN"})
        cls.user_officer.lang = "en_US"

    def test_p3_1_4_link_mail_and_page_in_the_persons_language(self):
        plan = self.make_plan(self.employee | self.colleague)
        plan.with_user(self.user_officer).action_communicate()
        self.send_invitations()
        completion = plan.questionnaire_ids.completion_ids.filtered(
            lambda c: c.employee_id == self.colleague
        )
        mail = self.env["mail.mail"].search(
            [("email_to", "=", "tf.colleague@example.com")]
        )
        self.assertIn("请评价培训", mail.subject)
        page = self.post_link(self.fragment(completion))
        self.assertIn("培训效果调查问卷", page.text)
        self.assertNotIn("Training-effect Questionnaire", page.text)
