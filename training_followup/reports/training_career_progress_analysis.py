from odoo import fields, models
from odoo.tools import SQL

from ..models.training_course import COURSE_TYPES
from ..models.training_development_plan import PLAN_STATES


class TrainingCareerProgressAnalysis(models.Model):
    """Career progress of the development plans (P4.3 with P3.3): one row per
    plan version with its goals achieved among the goals counted, its actions
    done among the actions counted and the career reviews held (of the plan
    and of the versions it replaced); grouped by employing department, the
    course and session the plan follows, and period (training end, plan
    start, last review)."""

    _name = "training.career.progress.analysis"
    _description = "Career Progress Analysis"
    _auto = False
    _order = "date_active desc, id desc"
    _rec_name = "development_plan_id"
    _depends = {
        "training.development.plan": [
            "employee_id",
            "company_id",
            "followup_id",
            "state",
            "version",
            "previous_version_id",
            "date_active",
            "completion",
        ],
        "training.development.goal": ["plan_id", "state"],
        "training.development.action": ["plan_id", "state"],
        "training.career.review": ["plan_id", "state", "date"],
        "training.followup": [
            "plan_id",
            "session_id",
            "course_id",
            "department_id",
            "date_end",
        ],
        "training.session": ["course_type"],
        "hr.employee": ["current_version_id"],
        "hr.version": ["department_id"],
    }

    development_plan_id = fields.Many2one("training.development.plan", readonly=True)
    state = fields.Selection(PLAN_STATES, string="Plan Status", readonly=True)
    employee_id = fields.Many2one("hr.employee", readonly=True)
    department_id = fields.Many2one(
        "hr.department", string="Employing Department", readonly=True
    )
    company_id = fields.Many2one("res.company", readonly=True)
    followup_id = fields.Many2one("training.followup", readonly=True)
    plan_id = fields.Many2one(
        "training.followup.plan", string="Follow-up Plan", readonly=True
    )
    session_id = fields.Many2one("training.session", readonly=True)
    course_id = fields.Many2one("training.course", readonly=True)
    course_type = fields.Selection(COURSE_TYPES, string="Training Type", readonly=True)
    date_end = fields.Date(string="Training End Date", readonly=True)
    date_active = fields.Date(string="Plan Active Since", readonly=True)
    date_last_review = fields.Date(string="Last Career Review", readonly=True)
    goal_count = fields.Integer(
        string="Goals", readonly=True, help="Goals of the plan, dropped goals left out."
    )
    goal_achieved_count = fields.Integer(string="Goals Achieved", readonly=True)
    goal_rate = fields.Float(
        string="Goals Achieved (%)",
        readonly=True,
        aggregator="avg",
        help="Goals achieved among the goals of the plan (dropped goals left out).",
    )
    action_count = fields.Integer(
        string="Actions",
        readonly=True,
        help="Actions of the plan, cancelled actions left out.",
    )
    action_done_count = fields.Integer(string="Actions Done", readonly=True)
    action_rate = fields.Float(
        string="Actions Done (%)",
        readonly=True,
        aggregator="avg",
        help="Actions done among the actions of the plan (cancelled actions left out).",
    )
    review_count = fields.Integer(
        string="Career Reviews Held",
        readonly=True,
        help="Confirmed career reviews of the plan and of the versions it replaced.",
    )
    completion = fields.Float(
        string="Plan Completion (%)",
        readonly=True,
        aggregator="avg",
        help="Average progress of the goals and actions of the plan.",
    )

    @property
    def _table_query(self):
        return SQL(
            """
            WITH RECURSIVE chain AS (
                    SELECT id AS plan_id, id AS version_id
                      FROM training_development_plan
                 UNION ALL
                    SELECT chain.plan_id, p.previous_version_id
                      FROM chain
                      JOIN training_development_plan p ON p.id = chain.version_id
                     WHERE p.previous_version_id IS NOT NULL
            )
            SELECT p.id, p.id AS development_plan_id, p.state, p.employee_id,
                   COALESCE(f.department_id, v.department_id) AS department_id,
                   p.company_id, p.followup_id, f.plan_id, f.session_id,
                   f.course_id, s.course_type, f.date_end, p.date_active,
                   r.last_date AS date_last_review,
                   COALESCE(g.total, 0) AS goal_count,
                   COALESCE(g.achieved, 0) AS goal_achieved_count,
                   CASE WHEN g.total > 0 THEN 100.0 * g.achieved / g.total END
                       AS goal_rate,
                   COALESCE(a.total, 0) AS action_count,
                   COALESCE(a.done, 0) AS action_done_count,
                   CASE WHEN a.total > 0 THEN 100.0 * a.done / a.total END
                       AS action_rate,
                   COALESCE(r.count, 0) AS review_count,
                   p.completion
              FROM training_development_plan p
              LEFT JOIN training_followup f ON f.id = p.followup_id
              LEFT JOIN training_session s ON s.id = f.session_id
              LEFT JOIN hr_employee emp ON emp.id = p.employee_id
              LEFT JOIN hr_version v ON v.id = emp.current_version_id
              LEFT JOIN (
                    SELECT plan_id, COUNT(*) AS total,
                           COUNT(*) FILTER (WHERE state = 'achieved') AS achieved
                      FROM training_development_goal
                     WHERE state != 'dropped'
                     GROUP BY plan_id
              ) g ON g.plan_id = p.id
              LEFT JOIN (
                    SELECT plan_id, COUNT(*) AS total,
                           COUNT(*) FILTER (WHERE state = 'done') AS done
                      FROM training_development_action
                     WHERE state != 'cancelled'
                     GROUP BY plan_id
              ) a ON a.plan_id = p.id
              LEFT JOIN (
                    SELECT chain.plan_id, COUNT(*) AS count, MAX(rv.date) AS last_date
                      FROM chain
                      JOIN training_career_review rv
                        ON rv.plan_id = chain.version_id AND rv.state = 'done'
                     GROUP BY chain.plan_id
              ) r ON r.plan_id = p.id
            """
        )
