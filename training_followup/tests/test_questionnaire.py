from collections import Counter

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time, tagged
from odoo.tools import SQL

from ..tools.process_guard import in_process
from .common import TrainingFollowupCase

# the tables holding WHAT was answered (never WHO)
ANSWER_TABLES = {"training_satisfaction_answer", "training_satisfaction_answer_line"}
# what an answer sheet may point to: nothing that names or dates a person
ANSWER_FK_TARGETS = ANSWER_TABLES | {
    "training_satisfaction_questionnaire",
    "training_satisfaction_question",
    "res_company",
    "hr_department",
}


class QuestionnaireCase(TrainingFollowupCase):
    """A communicated plan of four participants who log in, its anonymous
    questionnaire, and helpers to answer it the way the answer page does."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        users, employees = cls.create_team_members("tf_test_respondent", 3)
        cls.respondent_users = cls.user_employee | users
        cls.respondents = cls.employee | employees

    def setUp(self):
        super().setUp()
        plan = self.make_plan(self.respondents)
        plan.action_communicate()
        self.use_plan(plan)

    def use_plan(self, plan):
        """The helpers answer and read the questionnaire of this plan."""
        self.plan = plan
        self.questionnaire = plan.questionnaire_ids
        self.rating_questions = self.questionnaire.question_ids.filtered(
            lambda q: q.question_type == "rating"
        )
        self.text_question = self.questionnaire.question_ids - self.rating_questions

    def answer(self, user, rating=4, text=None, overrides=None):
        """Submit as `user`, the way the questionnaire page does."""
        answers = dict.fromkeys(self.rating_questions.ids, str(rating))
        answers[self.text_question.id] = text
        answers.update(overrides or {})
        return self.questionnaire.with_user(user).sudo()._submit(answers)

    def completion(self, user):
        return self.questionnaire.completion_ids.filtered(lambda c: c.user_id == user)

    def sheets(self):
        return self.env["training.satisfaction.answer"].search(
            [("questionnaire_id", "=", self.questionnaire.id)]
        )

    def report_groups(self, user, groupby=("plan_id",)):
        return (
            self.env["training.satisfaction.analysis"]
            .with_user(user)
            ._read_group(
                [("plan_id", "=", self.plan.id)],
                list(groupby),
                ["rating:avg", "rating_5:sum", "__count"],
            )
        )

    def close_collection(self):
        """The officer closes the collection: the answers are released."""
        return self.questionnaire.with_user(self.user_officer).action_close_collection()

    def _table_names(self):
        self.env.cr.execute(
            """
            SELECT c.relname FROM pg_class c
              JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE c.relkind = 'r' AND n.nspname = current_schema()
            """
        )
        return [row[0] for row in self.env.cr.fetchall()]

    def _snapshot(self):
        """Every row of every table of the database, as a multiset of hashes."""
        self.env.flush_all()
        snapshot = {}
        for table in self._table_names():
            self.env.cr.execute(
                SQL("SELECT md5(t::text) FROM %s t", SQL.identifier(table))
            )
            snapshot[table] = Counter(row[0] for row in self.env.cr.fetchall())
        return snapshot

    def _written_rows(self, before, after):
        """{table: [row as a dict]} of the rows inserted or updated between
        two snapshots."""
        written = {}
        for table, hashes in after.items():
            new = list((hashes - before.get(table, Counter())).keys())
            if new:
                self.env.cr.execute(
                    SQL(
                        "SELECT to_jsonb(t) FROM %s t WHERE md5(t::text) = ANY(%s)",
                        SQL.identifier(table),
                        new,
                    )
                )
                written[table] = [row[0] for row in self.env.cr.fetchall()]
        return written

    def _foreign_keys(self):
        """[(table, column, referenced table)] of the whole database."""
        self.env.cr.execute(
            """
            SELECT src.relname, att.attname, dst.relname
              FROM pg_constraint con
              JOIN pg_class src ON src.oid = con.conrelid
              JOIN pg_class dst ON dst.oid = con.confrelid
              JOIN pg_attribute att
                ON att.attrelid = con.conrelid AND att.attnum = ANY(con.conkey)
             WHERE con.contype = 'f'
            """
        )
        return self.env.cr.fetchall()

    def check_nothing_ties_an_answer_to_its_author(self, answer):
        """Submit answers for several employees with `answer(user, rating,
        text)`, then inspect every row every table received in that
        transaction: no answer can be tied to its author. Fails if someone
        later adds such a link."""
        foreign_keys = self._foreign_keys()
        self._assert_answer_tables_name_nobody(foreign_keys)
        sheets_before = set(self.sheets().ids)
        Attachment = self.env["ir.attachment"].sudo()
        attachments_before = Attachment.search([]).ids
        for index, user in enumerate(self.respondent_users):
            marker = f"CANDID-SUGGESTION-{index}-{user.login}"
            before = self._snapshot()
            with self.assertNoLogs("odoo.addons.training_followup", "DEBUG"):
                answer(user, rating=index % 5 + 1, text=marker)
            written = self._written_rows(before, self._snapshot())
            self.assertTrue(ANSWER_TABLES <= set(written), "answers were written")
            self.assertIn("training_satisfaction_completion", written, "who: yes")
            self._assert_answer_rows_name_nobody(
                written, foreign_keys, user, sheets_before
            )
            self._assert_other_rows_know_no_answer(written, foreign_keys, marker)
        # no attachment owned by a respondent
        self.assertFalse(
            Attachment.search(
                [
                    ("id", "not in", attachments_before),
                    ("create_uid", "in", self.respondent_users.ids),
                ]
            )
        )
        self.assertEqual(self.questionnaire.answer_count, 4)

    def _assert_answer_tables_name_nobody(self, foreign_keys):
        """The answer tables point to nothing that names a person, nothing
        points to them, and they hold no time at all."""
        for table, column, target in foreign_keys:
            if table in ANSWER_TABLES:
                self.assertIn(target, ANSWER_FK_TARGETS, f"{table}.{column}")
            else:
                self.assertNotIn(target, ANSWER_TABLES, f"{table}.{column}")
        self.env.cr.execute(
            """
            SELECT table_name, column_name FROM information_schema.columns
             WHERE table_schema = current_schema() AND table_name = ANY(%s)
               AND (data_type LIKE 'timestamp%%' OR data_type IN ('date', 'time'))
            """,
            [list(ANSWER_TABLES)],
        )
        self.assertEqual(self.env.cr.fetchall(), [], "no time on an answer")

    def _assert_answer_rows_name_nobody(self, written, foreign_keys, user, sheets):
        """The answer rows just written: filled sheets made at kick-off (their
        ids carry no order of answering), no author, no link to the person."""
        completion = self.completion(user)
        identities = {
            ("res_users", user.id),
            ("res_partner", user.partner_id.id),
            ("hr_employee", user.employee_ids.id),
            ("training_satisfaction_completion", completion.id),
            ("training_followup_step", completion.step_id.id),
            ("training_followup", completion.followup_id.id),
        }
        links = [(t, c, target) for t, c, target in foreign_keys if t in ANSWER_TABLES]
        for table in ANSWER_TABLES:
            for row in written[table]:
                if table == "training_satisfaction_answer":
                    self.assertIn(row["id"], sheets, "filled, not created")
                for _table, column, target in filter(lambda k: k[0] == table, links):
                    self.assertNotIn((target, row.get(column)), identities)
                self.assertFalse(
                    {"create_uid", "write_uid", "create_date", "write_date"} & set(row)
                )

    def _assert_other_rows_know_no_answer(self, written, foreign_keys, marker):
        """Every other row written (completion, step, activity, messages,
        mails, logs...) holds neither the answer nor a link to it."""
        answer_side = ANSWER_TABLES | {"training_satisfaction_question"}
        links = {(t, c) for t, c, target in foreign_keys if target in answer_side}
        for table, rows in written.items():
            if table in ANSWER_TABLES:
                continue
            for row in rows:
                text = str(row)
                self.assertNotIn(marker, text, f"the answer leaked into {table}")
                self.assertNotIn("training.satisfaction.answer", text, table)
                for column in row:
                    if (
                        table,
                        column,
                    ) in links and table != "training_satisfaction_question":
                        self.assertFalse(row[column], f"{table}.{column}")


@tagged("post_install", "-at_install")
class TestQuestionnaire(QuestionnaireCase):
    """P3.1.4: the anonymous training-effect questionnaire."""

    # ------------------------------------------------------------------
    # Kick-off
    # ------------------------------------------------------------------
    def test_p3_1_4_kickoff_sends_questionnaire_with_copied_questions(self):
        self.assertEqual(len(self.questionnaire), 1)
        self.assertEqual(self.questionnaire.participant_count, 4)
        self.assertEqual(self.questionnaire.date_deadline.isoformat(), "2026-04-10")
        self.assertEqual(
            set(self.questionnaire.question_ids.mapped("dimension")),
            {"content", "method", "trainer", "schedule", "application", "suggestion"},
        )
        self.assertEqual(
            self.questionnaire.completion_ids.user_id, self.respondent_users
        )
        self.assertEqual(
            set(self.questionnaire.completion_ids.mapped("state")), {"pending"}
        )
        sheets = self.sheets()
        self.assertEqual(len(sheets), 4, "one blank sheet per participant")
        self.assertEqual(set(sheets.mapped("state")), {"blank"})
        self.assertEqual(len(sheets.line_ids), 4 * 6)
        # the invitations go out from their batched job, once
        self.assertFalse(self.questionnaire.completion_ids.filtered("invitation_sent"))
        self.send_invitations()
        self.send_invitations()
        invitations = self.env["mail.mail"].search(
            [
                ("model", "=", "training.satisfaction.completion"),
                ("res_id", "in", self.questionnaire.completion_ids.ids),
            ]
        )
        self.assertEqual(
            invitations.recipient_ids, self.respondent_users.partner_id, "invited"
        )
        completion = self.completion(self.user_employee)
        invitation = invitations.filtered(lambda m: m.res_id == completion.id)
        self.assertIn(completion.answer_url, invitation.body_html)
        # the employee's to-do links to the page
        followup = completion.followup_id
        activity = followup.activity_ids.filtered(
            lambda a: a.user_id == self.user_employee
        )
        self.assertIn(completion.answer_url, str(activity.note))

    def test_p3_1_4_a_joining_participant_adds_one_blank_sheet_only(self):
        """A participant who joins the running plan brings one blank sheet
        with a line per question; the sheets already there stay as they
        were (one line per question, no second set)."""
        lines_before = self.sheets().line_ids
        self.plan.session_id.participant_ids = [Command.link(self.colleague.id)]
        self.assertEqual(self.questionnaire.participant_count, 5)
        self.env.invalidate_all()  # read what the database holds
        sheets = self.sheets()
        self.assertEqual(len(sheets), 5)
        for sheet in sheets:
            self.assertEqual(
                sorted(sheet.line_ids.question_id.ids),
                sorted(self.questionnaire.question_ids.ids),
            )
            self.assertEqual(len(sheet.line_ids), 6)
        self.assertEqual(len(sheets.line_ids - lines_before), 6)

    def test_p3_1_4_employee_without_user(self):
        """An employee who cannot log in has a completion (counted as not
        answered); the officer holding their step gets no answer link."""
        plan = self.make_plan(
            self.colleague, date_start="2026-05-04", date_end="2026-05-05"
        )
        plan.action_communicate()
        completion = plan.questionnaire_ids.completion_ids
        self.assertFalse(completion.user_id)
        self.assertEqual(completion.step_id.user_id, self.user_officer)
        self.assertNotIn(
            "/training/questionnaire/", str(completion.step_id.activity_id.note)
        )
        self.assertEqual(
            plan.action_view_questionnaire()["res_id"], plan.questionnaire_ids.id
        )

    def test_p3_1_4_running_questionnaire_keeps_its_questions(self):
        default = self.env.ref("training_followup.satisfaction_question_content")
        copy = self.questionnaire.question_ids.filtered(
            lambda q: q.dimension == "content"
        )
        # P2.1.2: the training officer designs the questionnaire
        default.with_user(self.user_officer).name = "Was the content relevant?"
        self.assertNotEqual(copy.name, "Was the content relevant?")
        for user in (self.user_officer, self.user_admin):
            with self.assertRefused(UserError, "already sent cannot be changed"):
                copy.with_user(user).name = "Changed"
        with self.assertRefused(AccessError, ""):
            default.with_user(self.user_supervisor).name = "Supervisors do not edit"

    # ------------------------------------------------------------------
    # Answering
    # ------------------------------------------------------------------
    def test_p3_1_4_answer_once_and_step_done(self):
        with freeze_time("2026-04-08"):
            self.answer(self.user_employee, text="More exercises")
        completion = self.completion(self.user_employee)
        self.assertEqual(completion.state, "answered")
        self.assertEqual(completion.date_answered.isoformat(), "2026-04-08")
        step = completion.step_id
        self.assertEqual(step.state, "done")
        self.assertTrue(step.on_time)
        self.assertEqual(step.res_model, "training.satisfaction.completion")
        self.assertEqual(step.res_id, completion.id)
        self.assertEqual(self.questionnaire.answer_count, 1)
        self.assertEqual(self.questionnaire.response_rate, 25.0)
        self.assertEqual(
            self.sheets()
            .filtered(lambda s: s.state == "submitted")
            .line_ids.filtered("value_text")
            .value_text,
            "More exercises",
        )
        with self.assertRefused(UserError, "already answered"):
            self.answer(self.user_employee, rating=1)
        self.assertEqual(self.questionnaire.answer_count, 1, "nothing changed")
        self.assertEqual(
            len(self.sheets().filtered(lambda s: s.state == "submitted")), 1
        )

    def test_p3_1_4_answers_write_no_row_shared_by_the_participants(self):
        """Several workers answer at once: each answer writes its respondent's
        own completion, step and follow-up and one sheet, never a row every
        respondent writes (the questionnaire, the plan, the session), so that
        no answer waits for another or fails to serialize. Counts are derived
        from the completions."""
        shared = {
            "training_satisfaction_questionnaire": self.questionnaire.id,
            "training_followup_plan": self.plan.id,
            "training_session": self.plan.session_id.id,
        }

        def versions():
            self.env.flush_all()
            found = {}
            for table, row_id in shared.items():
                self.env.cr.execute(
                    f"SELECT ctid::text FROM {table} WHERE id = %s",  # noqa: S608
                    [row_id],
                )
                found[table] = self.env.cr.fetchone()[0]
            return found

        before = versions()
        for user, rating in zip(self.respondent_users, (5, 4, 3), strict=False):
            self.answer(user, rating=rating)
            self.assertEqual(versions(), before, f"{user.login} wrote a shared row")
        self.env.invalidate_all()
        self.assertEqual(self.questionnaire.answer_count, 3)
        self.assertEqual(self.questionnaire.missing_count, 1)
        self.assertEqual(self.questionnaire.response_rate, 75.0)
        questionnaires = self.env["training.satisfaction.questionnaire"]
        self.assertIn(
            self.questionnaire, questionnaires.search([("answer_count", "=", 3)])
        )
        self.assertNotIn(
            self.questionnaire, questionnaires.search([("answer_count", "<", 1)])
        )
        # the response-rate pivot reads the completions' own measures
        [(count, answered, rate)] = self.env[
            "training.satisfaction.completion"
        ]._read_group(
            [("questionnaire_id", "=", self.questionnaire.id)],
            [],
            ["__count", "answered_count:sum", "response_rate:avg"],
        )
        self.assertEqual((count, answered, rate), (4, 3, 75.0))

    def test_p3_1_4_non_participant_and_bad_answers_refused(self):
        with self.assertRefused(UserError, "Only the participants"):
            self.answer(self.user_outsider)
        with self.assertRefused(UserError, "Only the participants"):
            self.answer(self.user_officer)
        for bad in ("0", "6", "", None, "four"):
            with self.assertRefused(UserError, "from 1 to 5"):
                self.answer(
                    self.user_employee, overrides={self.rating_questions[0].id: bad}
                )
        with self.assertRefused(UserError, "under 4000 characters"):
            self.answer(self.user_employee, text="x" * 4001)
        self.assertEqual(self.questionnaire.answer_count, 0)
        self.assertEqual(self.completion(self.user_employee).state, "pending")
        self.assertEqual(set(self.sheets().mapped("state")), {"blank"})
        self.assertFalse(self.sheets().line_ids.filtered("rating"))

    def test_p3_1_4_closed_plan_takes_no_answer(self):
        in_process(self.plan).write({"state": "reported"})
        self.plan.action_close()
        with self.assertRefused(UserError, "closed"):
            self.answer(self.user_employee)

    # ------------------------------------------------------------------
    # Reminders: the completions' steps, to non-respondents only
    # ------------------------------------------------------------------
    def test_p3_1_4_reminders_reach_exactly_the_non_respondents(self):
        respondent = self.respondent_users[1]
        with freeze_time("2026-04-07"):
            self.answer(respondent)
        cron = self.env.ref("training_followup.ir_cron_process_deadlines")
        with freeze_time("2026-04-08"), self.enter_registry_test_mode():
            cron.method_direct_trigger()
        self.env.invalidate_all()
        reminded = self.questionnaire.completion_ids.step_id.filtered(
            "reminder_sent_date"
        )
        self.assertEqual(
            reminded.user_id, self.respondent_users - respondent, "non-respondents"
        )
        template = self.env.ref("training_followup.mail_template_step_reminder")
        mails = self.env["mail.mail"].search(
            [
                ("subject", "=", template.subject),
                ("body_html", "ilike", "Training-effect questionnaire"),
            ]
        )
        self.assertEqual(
            mails.recipient_ids, (self.respondent_users - respondent).partner_id
        )
        # the officer sees who is missing, never what was answered
        missing = (
            self.env["training.satisfaction.completion"]
            .with_user(self.user_officer)
            .search(
                self.questionnaire.action_view_missing()["domain"]
                + [("state", "=", "pending")]
            )
        )
        self.assertEqual(missing.user_id, self.respondent_users - respondent)

    # ------------------------------------------------------------------
    # Statistics and the minimum group size
    # ------------------------------------------------------------------
    def test_p3_1_4_statistics_hidden_below_minimum_group(self):
        self.assertEqual(self.company.training_anonymity_min_group, 3)
        self.answer(self.respondent_users[0], rating=5, text="Zebra crossing examples")
        self.answer(self.respondent_users[1], rating=3, text="apples")
        questionnaire = self.questionnaire.with_user(self.user_officer)
        self.close_collection()
        questionnaire.invalidate_recordset()
        self.assertFalse(questionnaire.results_visible)
        self.assertIn("Fewer than 3 participants answered", questionnaire.results_html)
        self.assertNotIn("apples", questionnaire.suggestions_html)
        self.assertEqual(self.report_groups(self.user_officer), [], "2 < 3: hidden")
        self.answer(self.respondent_users[2], rating=4)
        self.env["training.satisfaction.questionnaire"]._cron_release_answers()
        questionnaire.invalidate_recordset()
        self.assertTrue(questionnaire.results_visible)
        self.assertIn("4.00", questionnaire.results_html, "(5 + 3 + 4) / 3")
        suggestions = str(questionnaire.suggestions_html)
        self.assertIn("apples", suggestions)
        self.assertIn("Zebra", suggestions)
        [(plan, average, fives, count)] = self.report_groups(self.user_officer)
        self.assertEqual(plan, self.plan)
        self.assertAlmostEqual(average, 4.0)
        self.assertEqual(fives, 5, "five rating questions rated 5 once")
        self.assertEqual(count, 15)
        # a grouping that splits the respondents below the minimum disappears
        by_rating_five = self.report_groups(
            self.user_supervisor, ("plan_id", "rating_5")
        )
        self.assertEqual(by_rating_five, [], "groups of 1 and 2 answers are hidden")
        # pivot views read through formatted_read_group / grouping sets
        pivot = (
            self.env["training.satisfaction.analysis"]
            .with_user(self.user_officer)
            .formatted_read_grouping_sets(
                [("plan_id", "=", self.plan.id)],
                [["dimension"], ["dimension", "rating_5"]],
                ["rating:avg"],
            )
        )
        self.assertEqual(len(pivot[0]), 5, "one group per rated dimension")
        self.assertEqual(pivot[1], [], "1 or 2 answers per cell: hidden")

    def test_p3_1_4_minimum_group_size_from_settings(self):
        """The settings' minimum is copied when the questionnaire is sent."""
        self.company.training_anonymity_min_group = 2
        plan = self.make_plan(
            self.respondents, date_start="2026-05-04", date_end="2026-05-05"
        )
        plan.action_communicate()
        self.use_plan(plan)
        self.assertEqual(self.questionnaire.min_group_size, 2)
        self.answer(self.respondent_users[0])
        self.close_collection()
        self.assertFalse(self.report_groups(self.user_officer))
        self.answer(self.respondent_users[1])
        self.env["training.satisfaction.questionnaire"]._cron_release_answers()
        self.assertTrue(self.report_groups(self.user_officer))
        self.assertTrue(self.questionnaire.results_visible)

    def test_p3_1_4_department_kept_only_for_large_groups(self):
        self.answer(self.respondent_users[0])
        sheet = self.sheets().filtered(lambda s: s.state == "submitted")
        self.assertEqual(sheet.department_id, self.department, "4 participants")
        # a plan where the outsider is alone from the plant
        other = self.make_plan(
            self.outsider | self.employee,
            date_start="2026-05-04",
            date_end="2026-05-05",
        )
        other.action_communicate()
        other.questionnaire_ids.with_user(self.user_outsider).sudo()._submit(
            {
                question.id: "2" if question.question_type == "rating" else ""
                for question in other.questionnaire_ids.question_ids
            }
        )
        lone = self.env["training.satisfaction.answer"].search(
            [
                ("questionnaire_id", "=", other.questionnaire_ids.id),
                ("state", "=", "submitted"),
            ]
        )
        self.assertFalse(lone.department_id, "a department of one would name them")

    # ------------------------------------------------------------------
    # Access: statistics for officers, no single answer for anybody
    # ------------------------------------------------------------------
    def test_p3_1_4_no_role_reads_a_single_answer(self):
        for _n in range(3):
            self.answer(self.respondent_users[_n])
        self.close_collection()
        for role, user in self.role_users.items():
            for model in (
                "training.satisfaction.answer",
                "training.satisfaction.answer.line",
            ):
                with self.subTest(role=role, model=model):
                    self.assertFalse(
                        self.env[model].with_user(user).has_access("read"),
                        f"{role} must not read {model}",
                    )
            Report = self.env["training.satisfaction.analysis"].with_user(user)
            with self.subTest(role=role, model="report rows"):
                with self.assertRaises(AccessError):
                    Report.search_read([], ["rating", "answer_id"])
        for user in (self.user_officer, self.user_supervisor, self.user_admin):
            self.assertTrue(self.report_groups(user), "officers read statistics")
        for user in (self.user_employee, self.user_manager):
            with self.assertRaises(AccessError):
                self.report_groups(user)
        # the employee sees their own completion only; nobody else's
        Completion = self.env["training.satisfaction.completion"]
        self.assertEqual(
            Completion.with_user(self.user_employee).search([]).user_id,
            self.user_employee,
        )
        self.assertFalse(Completion.with_user(self.user_manager).search([]))
        self.assertEqual(
            len(
                Completion.with_user(self.user_officer).search(
                    [("questionnaire_id", "=", self.questionnaire.id)]
                )
            ),
            4,
        )

    # ------------------------------------------------------------------
    # The anonymity guarantee (docs/anonymity.md)
    # ------------------------------------------------------------------

    def test_p3_1_4_nothing_ties_an_answer_to_its_author(self):
        self.check_nothing_ties_an_answer_to_its_author(self.answer)

    def test_p3_1_4_daily_sealing_is_idempotent(self):
        Questionnaire = self.env["training.satisfaction.questionnaire"]
        Questionnaire._cron_reseal_answers()  # the answers of other plans
        self.answer(self.user_employee)
        self.answer(self.respondent_users[1])
        self.assertEqual(Questionnaire._cron_reseal_answers(), 2)
        self.assertEqual(Questionnaire._cron_reseal_answers(), 0, "nothing twice")
        self.assertEqual(
            self.sheets().filtered("sealed").mapped("state"), ["submitted"] * 2
        )
