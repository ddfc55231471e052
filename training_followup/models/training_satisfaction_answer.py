import logging

import psycopg2

from odoo import api, fields, models
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

# picks of a blank sheet within one answer before the request fails
SHEET_PICK_TRIES = 10

ANSWER_STATES = [
    ("blank", "Blank"),
    ("submitted", "Submitted"),
]


class TrainingSatisfactionAnswer(models.Model):
    """One anonymous answer sheet of a questionnaire (P3.1.4): WHAT was
    answered, never WHO. Made blank at kick-off and filled in place when
    training.satisfaction.questionnaire._submit() records an answer; it has
    no author, no timestamp and no link to a person, a completion or a step.
    Nobody reads it directly: only statistics of large enough groups are
    shown. Its rows are written only by the statements below (made blank,
    filled, released, sealed, removed), which the questionnaire calls."""

    _name = "training.satisfaction.answer"
    _description = "Anonymous Questionnaire Answer"
    _log_access = False
    _order = "id"

    questionnaire_id = fields.Many2one(
        "training.satisfaction.questionnaire",
        required=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one("res.company", required=True)
    state = fields.Selection(ANSWER_STATES, default="blank", required=True)
    department_id = fields.Many2one(
        "hr.department",
        string="Respondents' Department",
        help="Kept at release only when at least the minimum group of the "
        "answers released together come from this department.",
    )
    released = fields.Boolean(
        help="Counted in the statistics: released with at least the minimum "
        "group of other answers once the collection closed.",
    )
    sealed = fields.Boolean(
        help="Rewritten by the daily sealing with the other answers of the day."
    )
    line_ids = fields.One2many("training.satisfaction.answer.line", "answer_id")

    # the daily release finds the answers waiting for it without reading the
    # blank and the released sheets of every year
    _waiting_release_idx = models.Index(
        "(questionnaire_id) WHERE state = 'submitted' AND released IS NOT TRUE"
    )

    # ------------------------------------------------------------------
    # The storage (P3.1.4): every write of the sheets is one of these
    # statements of the addon's own, called by the questionnaire, never the
    # ORM writing as the respondent (no author, no time, no order).
    # ------------------------------------------------------------------
    @api.model
    def _create_blank_sheets(self, questionnaire, count):
        """`count` blank sheets of `questionnaire` with a blank line per
        question, in one statement: filled later in place, they keep no trace
        of their author. Only the new sheets get lines (a participant who
        joins a running plan adds one sheet, not a line to every sheet
        already there)."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                WITH sheet AS (
                    INSERT INTO training_satisfaction_answer
                        (questionnaire_id, company_id, state)
                    SELECT %(questionnaire)s, %(company)s, 'blank'
                      FROM generate_series(1, %(count)s)
                    RETURNING id, questionnaire_id
                )
                INSERT INTO training_satisfaction_answer_line
                    (answer_id, question_id, questionnaire_id)
                SELECT sheet.id, question.id, sheet.questionnaire_id
                  FROM sheet
                  JOIN training_satisfaction_question question
                    ON question.questionnaire_id = sheet.questionnaire_id
                """,
                questionnaire=questionnaire.id,
                company=questionnaire.company_id.id,
                count=count,
            )
        )
        self.invalidate_model()

    @api.model
    def _delete_blank_sheets(self, questionnaire, count):
        """`count` blank sheets of `questionnaire` go (participants who left
        before answering); an answered sheet always stays."""
        self.env.cr.execute(
            SQL(
                """
                DELETE FROM training_satisfaction_answer
                 WHERE id IN (SELECT id FROM training_satisfaction_answer
                               WHERE questionnaire_id = %s AND state = 'blank'
                               LIMIT %s)
                """,
                questionnaire.id,
                count,
            )
        )
        self.invalidate_model()

    @api.model
    def _pick_blank_sheet(self, questionnaire, tries=SHEET_PICK_TRIES):
        """The id of a blank sheet of `questionnaire` picked at random and
        locked, or None.

        Under Odoo's REPEATABLE READ, a sheet that another participant filled
        and committed after this request began cannot be locked: PostgreSQL
        refuses it with a serialization failure. Rather than failing the whole
        request (Odoo retries it after a back-off of a second or more), the
        pick is retried in a savepoint: at random among the other blank
        sheets, another one is almost always free."""
        for attempt in range(1, tries + 1):
            try:
                with self.env.cr.savepoint(flush=False):
                    self.env.cr.execute(
                        SQL(
                            """
                            SELECT id FROM training_satisfaction_answer
                             WHERE questionnaire_id = %s AND state = 'blank'
                             ORDER BY random() LIMIT 1 FOR UPDATE SKIP LOCKED
                            """,
                            questionnaire.id,
                        ),
                        # the last try fails the request as any other error
                        log_exceptions=attempt == tries,
                    )
                    row = self.env.cr.fetchone()
                    return row and row[0]
            except psycopg2.errors.SerializationFailure:
                if attempt == tries:
                    raise
                _logger.info(
                    "Questionnaire %s: blank sheet picked again (try %s), the one "
                    "drawn was just taken by another answer",
                    questionnaire.id,
                    attempt + 1,
                )
        return None

    @api.model
    def _fill_sheet(self, sheet_id, rows, department):
        """Write the answers `rows` ((question id, rating, text) each) on the
        blank sheet `sheet_id`, in place, with `department` (or none): what
        was answered, nothing about who."""
        self.env.cr.execute(
            SQL(
                """
                UPDATE training_satisfaction_answer_line line
                   SET rating = given.rating, value_text = given.value_text
                  FROM (VALUES %s) AS given(question_id, rating, value_text)
                 WHERE line.answer_id = %s AND line.question_id = given.question_id
                """,
                SQL(", ").join(SQL("(%s, %s::int, %s::text)", *row) for row in rows),
                sheet_id,
            )
        )
        self.env.cr.execute(
            SQL(
                """
                UPDATE training_satisfaction_answer
                   SET state = 'submitted', department_id = %s
                 WHERE id = %s
                """,
                department.id or None,
                sheet_id,
            )
        )
        self.invalidate_model()
        self.env["training.satisfaction.answer.line"].invalidate_model()

    @api.model
    def _lock_waiting_sheets(self, questionnaire):
        """[(sheet id, department id)] of the answered sheets of
        `questionnaire` not released yet, locked until the release ends."""
        self.env.cr.execute(
            SQL(
                """
                SELECT id, department_id FROM training_satisfaction_answer
                 WHERE questionnaire_id = %s AND state = 'submitted'
                   AND released IS NOT TRUE
                 ORDER BY id
                   FOR UPDATE
                """,
                questionnaire.id,
            )
        )
        return self.env.cr.fetchall()

    @api.model
    def _release_sheets(self, sheet_ids, kept_departments):
        """Release the sheets `sheet_ids` together, each keeping its
        department only if it is one of `kept_departments` (ids)."""
        self.env.cr.execute(
            SQL(
                """
                UPDATE training_satisfaction_answer
                   SET released = TRUE,
                       department_id = CASE WHEN department_id = ANY(%s)
                                            THEN department_id END
                 WHERE id = ANY(%s)
                """,
                list(kept_departments),
                sheet_ids,
            )
        )
        self.invalidate_model()

    @api.model
    def _get_questionnaires_waiting_release(self):
        """The ids of the questionnaires holding answered sheets not released
        yet: one indexed read, not one per questionnaire of every year."""
        self.env.flush_all()
        self.env.cr.execute(
            """
            SELECT DISTINCT questionnaire_id FROM training_satisfaction_answer
             WHERE released IS NOT TRUE AND state = 'submitted'
            """
        )
        return [row[0] for row in self.env.cr.fetchall()]

    @api.model
    def _reseal_answered_sheets(self):
        """Rewrite the sheets filled since the last run in one statement: the
        PostgreSQL row versions of every sheet of the day then share one
        transaction, so not even the database's own bookkeeping (xmin) ties
        a sheet to the completion written with it. Returns their number;
        running it twice is harmless."""
        self.env.cr.execute(
            """
            UPDATE training_satisfaction_answer
               SET sealed = TRUE
             WHERE state = 'submitted' AND sealed IS NOT TRUE
            RETURNING id
            """
        )
        sheet_ids = [row[0] for row in self.env.cr.fetchall()]
        if sheet_ids:
            self.env.cr.execute(
                SQL(
                    "UPDATE training_satisfaction_answer_line SET rating = rating "
                    "WHERE answer_id = ANY(%s)",
                    sheet_ids,
                )
            )
        self.invalidate_model()
        return len(sheet_ids)
