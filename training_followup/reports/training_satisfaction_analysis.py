from odoo import fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL

from ..models.training_course import COURSE_TYPES
from ..models.training_satisfaction_question import DIMENSIONS
from ..tools.anonymity import hidden_groups


class TrainingSatisfactionAnalysis(models.Model):
    """Statistics of the anonymous questionnaire across plans (P3.1.4): one
    row per rating given, for pivot and graph views only. Every group of
    fewer answers than the minimum group size of the settings is left out,
    and single rows can never be read (docs/anonymity.md)."""

    _name = "training.satisfaction.analysis"
    _description = "Questionnaire Statistics"
    _auto = False
    _order = "date_end desc"
    _depends = {
        "training.satisfaction.answer": ["released", "department_id", "company_id"],
        "training.satisfaction.answer.line": ["rating", "questionnaire_id"],
        "training.satisfaction.questionnaire": [
            "plan_id",
            "session_id",
            "course_id",
            "course_type",
            "trainer_employee_id",
            "trainer_partner_id",
            "date_end",
        ],
        "training.satisfaction.question": ["dimension"],
    }

    questionnaire_id = fields.Many2one(
        "training.satisfaction.questionnaire", readonly=True
    )
    plan_id = fields.Many2one("training.followup.plan", readonly=True)
    session_id = fields.Many2one("training.session", readonly=True)
    course_id = fields.Many2one("training.course", readonly=True)
    course_type = fields.Selection(
        COURSE_TYPES,
        string="Training Type",
        readonly=True,
    )
    trainer_employee_id = fields.Many2one(
        "hr.employee", string="Internal Trainer", readonly=True
    )
    trainer_partner_id = fields.Many2one(
        "res.partner", string="External Trainer", readonly=True
    )
    department_id = fields.Many2one(
        "hr.department", string="Respondents' Department", readonly=True
    )
    company_id = fields.Many2one("res.company", readonly=True)
    date_end = fields.Date(string="Training End Date", readonly=True)
    dimension = fields.Selection(DIMENSIONS, readonly=True)
    question_id = fields.Many2one("training.satisfaction.question", readonly=True)
    answer_id = fields.Many2one("training.satisfaction.answer", readonly=True)
    rating = fields.Float(string="Average Rating", readonly=True, aggregator="avg")
    rating_1 = fields.Integer(string="Rated 1", readonly=True)
    rating_2 = fields.Integer(string="Rated 2", readonly=True)
    rating_3 = fields.Integer(string="Rated 3", readonly=True)
    rating_4 = fields.Integer(string="Rated 4", readonly=True)
    rating_5 = fields.Integer(string="Rated 5", readonly=True)

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT line.id, sheet.id AS answer_id, line.questionnaire_id,
                   questionnaire.plan_id, questionnaire.session_id,
                   questionnaire.course_id, questionnaire.course_type,
                   questionnaire.trainer_employee_id,
                   questionnaire.trainer_partner_id,
                   sheet.department_id, sheet.company_id, questionnaire.date_end,
                   question.dimension, line.question_id, line.rating,
                   (line.rating = 1)::int AS rating_1,
                   (line.rating = 2)::int AS rating_2,
                   (line.rating = 3)::int AS rating_3,
                   (line.rating = 4)::int AS rating_4,
                   (line.rating = 5)::int AS rating_5
              FROM training_satisfaction_answer_line line
              JOIN training_satisfaction_answer sheet ON sheet.id = line.answer_id
              JOIN training_satisfaction_questionnaire questionnaire
                ON questionnaire.id = line.questionnaire_id
              JOIN training_satisfaction_question question
                ON question.id = line.question_id
             WHERE sheet.released AND line.rating IS NOT NULL
            """
        )

    # ------------------------------------------------------------------
    # Anonymity: groups of at least the minimum size, never single rows
    # ------------------------------------------------------------------
    def _read_group(self, domain, groupby=(), aggregates=(), *args, **kwargs):
        rows = super()._read_group(
            domain, groupby, (*aggregates, "answer_id:count_distinct"), *args, **kwargs
        )
        return self._keep_large_groups(rows, len(groupby))

    def _read_grouping_sets(self, domain, grouping_sets, aggregates=(), order=None):
        groups_list = super()._read_grouping_sets(
            domain, grouping_sets, (*aggregates, "answer_id:count_distinct"), order
        )
        return [
            self._keep_large_groups(rows, len(grouping_set))
            for rows, grouping_set in zip(groups_list, grouping_sets, strict=True)
        ]

    def _keep_large_groups(self, rows, width):
        """The rows (their last value, the number of answers, dropped) of the
        groups that may be shown (see `hidden_groups`)."""
        hidden = hidden_groups(rows, width, self._get_min_group_size())
        return [row[:-1] for index, row in enumerate(rows) if index not in hidden]

    def _get_min_group_size(self):
        """The strictest minimum of the companies read: a group may hold the
        answers of every company the user picked."""
        return max([1, *self.env.companies.mapped("training_anonymity_min_group")])

    def fetch(self, field_names=None):
        self._check_no_row_access()
        return super().fetch(field_names)

    def search_fetch(self, domain, field_names=None, offset=0, limit=None, order=None):
        self._check_no_row_access()
        return super().search_fetch(domain, field_names, offset, limit, order)

    def _check_no_row_access(self):
        if not self.env.su:
            raise AccessError(
                self.env._(
                    "The questionnaire is anonymous: its statistics are shown "
                    "grouped, never answer by answer."
                )
            )
