from odoo import fields, models
from odoo.tools import SQL

from ..models.training_course import COURSE_TYPES
from .training_followup_analysis import effect_score_sql

TREND_KINDS = [("case", "Application Case"), ("evaluation", "Evaluation")]


def months_after(date_sql):
    """Whole months elapsed from the training's end to `date_sql` (0 within
    the first month after the training); a date before the end counts 0."""
    return SQL(
        "GREATEST(0, (EXTRACT(YEAR FROM AGE(%(date)s, f.date_end)) * 12"
        " + EXTRACT(MONTH FROM AGE(%(date)s, f.date_end)))::int)",
        date=date_sql,
    )


class TrainingApplicationTrendAnalysis(models.Model):
    """The trend of application (P4.3): the evaluated application cases with
    their effect and the closed evaluations with their result, by month after
    the training (0, 1, 2...), so a growing or fading application shows.
    One row per evaluated case or closed evaluation."""

    _name = "training.application.trend.analysis"
    _description = "Application Trend Analysis"
    _auto = False
    _order = "date desc, id desc"
    _depends = {
        "training.application.case": ["followup_id", "date", "effect", "state"],
        "training.evaluation": ["followup_id", "state", "result", "date_closed"],
        "training.followup": [
            "plan_id",
            "session_id",
            "course_id",
            "employee_id",
            "department_id",
            "company_id",
            "date_end",
        ],
        "training.session": ["course_type"],
    }

    kind = fields.Selection(TREND_KINDS, string="Evidence", readonly=True)
    followup_id = fields.Many2one("training.followup", readonly=True)
    plan_id = fields.Many2one(
        "training.followup.plan", string="Follow-up Plan", readonly=True
    )
    session_id = fields.Many2one("training.session", readonly=True)
    course_id = fields.Many2one("training.course", readonly=True)
    course_type = fields.Selection(COURSE_TYPES, string="Training Type", readonly=True)
    employee_id = fields.Many2one("hr.employee", readonly=True)
    department_id = fields.Many2one(
        "hr.department", string="Employing Department", readonly=True
    )
    company_id = fields.Many2one("res.company", readonly=True)
    date_end = fields.Date(string="Training End Date", readonly=True)
    date = fields.Date(readonly=True)
    month_after = fields.Integer(
        string="Month after Training",
        readonly=True,
        aggregator=None,
        help="Whole months from the end of the training to the case or the "
        "evaluation: 0 is the first month after the training.",
    )
    case_count = fields.Integer(string="Application Cases", readonly=True)
    case_effect = fields.Float(
        string="Application Effect (0-3)",
        readonly=True,
        aggregator="avg",
        help="Average effect of the evaluated application cases: none 0, low 1, "
        "medium 2, high 3.",
    )
    evaluation_count = fields.Integer(string="Evaluations Closed", readonly=True)
    evaluation_result = fields.Float(
        readonly=True,
        aggregator="avg",
        help="Average weighted result of the closed performance evaluations.",
    )

    @property
    def _table_query(self):
        effect = effect_score_sql(SQL("c.effect"))
        case_date = SQL("COALESCE(c.date, c.create_date::date)")
        evaluation_date = SQL("COALESCE(e.date_closed, e.write_date::date)")
        followup_columns = SQL(
            "f.plan_id, f.session_id, f.course_id, s.course_type, f.employee_id,"
            " f.department_id, f.company_id, f.date_end"
        )
        # even ids for the cases, odd ids for the evaluations
        return SQL(
            """
            SELECT c.id * 2 AS id, 'case' AS kind, f.id AS followup_id,
                   %(followup_columns)s, %(case_date)s AS date,
                   %(case_months)s AS month_after,
                   1 AS case_count, (%(effect)s)::float AS case_effect,
                   0 AS evaluation_count, NULL::float AS evaluation_result
              FROM training_application_case c
              JOIN training_followup f ON f.id = c.followup_id
              JOIN training_session s ON s.id = f.session_id
             WHERE c.state = 'evaluated'
         UNION ALL
            SELECT e.id * 2 + 1 AS id, 'evaluation' AS kind, f.id AS followup_id,
                   %(followup_columns)s, %(evaluation_date)s AS date,
                   %(evaluation_months)s AS month_after,
                   0 AS case_count, NULL::float AS case_effect,
                   1 AS evaluation_count, e.result AS evaluation_result
              FROM training_evaluation e
              JOIN training_followup f ON f.id = e.followup_id
              JOIN training_session s ON s.id = f.session_id
             WHERE e.state = 'closed'
            """,
            followup_columns=followup_columns,
            case_date=case_date,
            case_months=months_after(case_date),
            effect=effect,
            evaluation_date=evaluation_date,
            evaluation_months=months_after(evaluation_date),
        )
