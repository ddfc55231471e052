from odoo import fields, models
from odoo.tools import SQL

from ..models.training_course import COURSE_TYPES
from ..models.training_followup_step import LOOP_STEP_TYPES, RESPONSIBLES, STEP_TYPES
from ..models.training_satisfaction_completion import REACH


class TrainingFollowupStepAnalysis(models.Model):
    """The steps for pivot and graph analysis (P1.3, P5.2): the on-time rate
    of every step type per responsible party, course, trainer, department and
    month of the deadline."""

    _name = "training.followup.step.analysis"
    _description = "Step Analysis"
    _auto = False
    _order = "date_deadline desc"
    _depends = {
        "training.followup.step": [
            "plan_id",
            "step_type",
            "responsible",
            "user_id",
            "department_id",
            "company_id",
            "date_deadline",
            "state",
            "is_late",
            "on_time",
        ],
        "training.followup.plan": ["course_id", "session_id"],
        "training.session": ["course_type", "trainer_employee_id"],
        "training.satisfaction.completion": ["step_id", "reach"],
    }

    step_id = fields.Many2one("training.followup.step", readonly=True)
    plan_id = fields.Many2one("training.followup.plan", readonly=True)
    course_id = fields.Many2one("training.course", readonly=True)
    course_type = fields.Selection(COURSE_TYPES, string="Training Type", readonly=True)
    trainer_employee_id = fields.Many2one(
        "hr.employee", string="Internal Trainer", readonly=True
    )
    # every type a step can have: a graph or pivot grouped by type labels each
    # group from this list (the improvement action's and the settings' steps too)
    step_type = fields.Selection(STEP_TYPES + LOOP_STEP_TYPES, readonly=True)
    responsible = fields.Selection(RESPONSIBLES, readonly=True)
    user_id = fields.Many2one("res.users", string="Responsible User", readonly=True)
    department_id = fields.Many2one(
        "hr.department", string="Employing Department", readonly=True
    )
    company_id = fields.Many2one("res.company", readonly=True)
    date_deadline = fields.Date(string="Deadline", readonly=True)
    reach = fields.Selection(
        REACH,
        string="How Reached",
        readonly=True,
        help="For the questionnaire steps: whether the participant had a way to "
        "answer (a login, a link by e-mail, a printed sheet) or none yet.",
    )
    state = fields.Selection([("todo", "To Do"), ("done", "Done")], readonly=True)
    done_count = fields.Integer(string="Done", readonly=True)
    late_count = fields.Integer(string="Late", readonly=True)
    on_time_count = fields.Integer(string="On Time", readonly=True)
    on_time_rate = fields.Float(
        string="On-time Rate (%)",
        readonly=True,
        aggregator="avg",
        help="Steps done on time among the steps done or already late; steps "
        "still to do before their deadline do not count.",
    )

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT st.id, st.id AS step_id, st.plan_id, p.course_id,
                   s.course_type, s.trainer_employee_id, st.step_type,
                   st.responsible, st.user_id, st.department_id, st.company_id,
                   st.date_deadline, completion.reach, st.state,
                   (st.state = 'done')::int AS done_count,
                   st.is_late::int AS late_count,
                   (st.state = 'done' AND st.on_time)::int AS on_time_count,
                   CASE WHEN st.state = 'done' AND st.on_time THEN 100.0
                        WHEN st.state = 'done' OR st.is_late THEN 0.0 END
                       AS on_time_rate
              FROM training_followup_step st
         LEFT JOIN training_followup_plan p ON p.id = st.plan_id
         LEFT JOIN training_session s ON s.id = p.session_id
         LEFT JOIN training_satisfaction_completion completion
                ON completion.step_id = st.id
             WHERE st.state != 'cancelled'
            """
        )
