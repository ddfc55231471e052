from odoo import fields, models
from odoo.tools import SQL

from ..models.training_application_case import EFFECT_SCORES
from ..models.training_course import COURSE_TYPES
from ..models.training_grade_scale import GRADES


def effect_score_sql(column):
    """SQL of the 0-3 score of an application case's effect in `column`."""
    return SQL(
        "CASE %s %s END",
        column,
        SQL(" ").join(
            SQL("WHEN %s THEN %s", key, value) for key, value in EFFECT_SCORES.items()
        ),
    )


class TrainingFollowupAnalysis(models.Model):
    """One row per follow-up for pivot and graph analysis (P4.3): the latest
    test grade and score, the latest closed evaluation result, observations,
    application cases and their effect, and the steps done on time; grouped
    by course, trainer, training type, department and period."""

    _name = "training.followup.analysis"
    _description = "Follow-up Analysis"
    _auto = False
    _order = "date_end desc"
    _rec_name = "followup_id"
    # what the view reads: pending ORM writes are flushed before it is queried
    _depends = {
        "training.followup": [
            "plan_id",
            "session_id",
            "course_id",
            "employee_id",
            "department_id",
            "company_id",
            "date_end",
            "assessment_id",
        ],
        "training.session": [
            "course_type",
            "trainer_employee_id",
            "trainer_partner_id",
        ],
        "training.assessment": ["grade", "percentage"],
        "training.evaluation": ["followup_id", "state", "result"],
        "training.observation": ["followup_id"],
        "training.application.case": ["followup_id", "effect", "state"],
        "training.followup.step": ["followup_id", "state", "is_late", "on_time"],
    }

    followup_id = fields.Many2one("training.followup", readonly=True)
    plan_id = fields.Many2one("training.followup.plan", readonly=True)
    session_id = fields.Many2one("training.session", readonly=True)
    course_id = fields.Many2one("training.course", readonly=True)
    course_type = fields.Selection(COURSE_TYPES, string="Training Type", readonly=True)
    trainer_employee_id = fields.Many2one(
        "hr.employee", string="Internal Trainer", readonly=True
    )
    trainer_partner_id = fields.Many2one(
        "res.partner", string="External Trainer", readonly=True
    )
    employee_id = fields.Many2one("hr.employee", readonly=True)
    department_id = fields.Many2one(
        "hr.department", string="Employing Department", readonly=True
    )
    company_id = fields.Many2one("res.company", readonly=True)
    date_end = fields.Date(string="Training End Date", readonly=True)
    grade = fields.Selection(GRADES, string="Knowledge Grade", readonly=True)
    test_score = fields.Float(string="Test Score (%)", readonly=True, aggregator="avg")
    pass_rate = fields.Float(
        string="Pass Rate (%)",
        readonly=True,
        aggregator="avg",
        help="Share of the tested participants whose grade is not Fail.",
    )
    evaluation_result = fields.Float(
        readonly=True,
        aggregator="avg",
        help="Weighted result of the latest closed performance evaluation.",
    )
    observation_count = fields.Integer(string="Observations", readonly=True)
    # P3.2.1, P2.2.3: only the cases the manager evaluated count
    case_count = fields.Integer(
        string="Application Cases",
        readonly=True,
        help="Application cases whose effect the manager evaluated.",
    )
    case_effect = fields.Float(
        string="Application Effect (0-3)",
        readonly=True,
        aggregator="avg",
        help="Average effect of the evaluated application cases: none 0, low 1, "
        "medium 2, high 3.",
    )
    step_count = fields.Integer(string="Steps Due", readonly=True)
    step_on_time_count = fields.Integer(string="Steps On Time", readonly=True)
    on_time_rate = fields.Float(
        string="On-time Rate (%)",
        readonly=True,
        aggregator="avg",
        help="Steps done on time among the steps done or already late.",
    )

    @property
    def _table_query(self):
        effect = effect_score_sql(SQL("c.effect"))
        return SQL(
            """
            SELECT f.id, f.id AS followup_id, f.plan_id, f.session_id, f.course_id,
                   s.course_type, s.trainer_employee_id, s.trainer_partner_id,
                   f.employee_id, f.department_id, f.company_id, f.date_end,
                   a.grade, a.percentage AS test_score,
                   CASE WHEN a.grade IS NULL THEN NULL
                        WHEN a.grade = 'fail' THEN 0.0 ELSE 100.0 END AS pass_rate,
                   e.result AS evaluation_result,
                   COALESCE(o.count, 0) AS observation_count,
                   COALESCE(c.count, 0) AS case_count, c.effect AS case_effect,
                   COALESCE(st.due, 0) AS step_count,
                   COALESCE(st.on_time, 0) AS step_on_time_count,
                   CASE WHEN st.due > 0 THEN 100.0 * st.on_time / st.due END
                       AS on_time_rate
              FROM training_followup f
              JOIN training_session s ON s.id = f.session_id
              LEFT JOIN training_assessment a ON a.id = f.assessment_id
              LEFT JOIN LATERAL (
                    SELECT result FROM training_evaluation
                     WHERE followup_id = f.id AND state = 'closed'
                     ORDER BY id DESC LIMIT 1
              ) e ON TRUE
              LEFT JOIN (
                    SELECT followup_id, COUNT(*) AS count
                      FROM training_observation GROUP BY followup_id
              ) o ON o.followup_id = f.id
              LEFT JOIN (
                    SELECT c.followup_id, COUNT(*) AS count, AVG(%(effect)s) AS effect
                      FROM training_application_case c
                     WHERE c.state = 'evaluated'
                     GROUP BY c.followup_id
              ) c ON c.followup_id = f.id
              LEFT JOIN (
                    SELECT followup_id,
                           COUNT(*) FILTER (WHERE state = 'done' OR is_late) AS due,
                           COUNT(*) FILTER (WHERE state = 'done' AND on_time)
                               AS on_time
                      FROM training_followup_step
                     WHERE followup_id IS NOT NULL AND state != 'cancelled'
                     GROUP BY followup_id
              ) st ON st.followup_id = f.id
            """,
            effect=effect,
        )
