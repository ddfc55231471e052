from odoo import api, fields, models

# what the return on investment of a session is computed from
ROI_INPUTS = (
    "other_cost",
    "benefit_amount",
    "participant_ids",
    "course_id.cost_per_participant",
)


class TrainingEffectMixin(models.AbstractModel):
    """The effect of a session (P4.3): Kirkpatrick's four levels and the
    return on investment, declared and computed once for the session and
    for the records that show it (its follow-up plan). A model other than
    the session names its Many2one to the session in `_effect_session_field`
    and its `currency_id` is the session's."""

    _name = "training.effect.mixin"
    _description = "Training Effect (Kirkpatrick Levels and ROI)"
    # the Many2one to the session; None on the session itself
    _effect_session_field = None

    # the session's currency: each model says where it comes from
    currency_id = fields.Many2one("res.currency")
    # computed as superuser like a related field: whoever sees the plan sees
    # its session's figures, as before they were computed here
    total_cost = fields.Monetary(
        compute="_compute_roi",
        compute_sudo=True,
        help="Course cost per participant x participants + other costs.",
    )
    roi = fields.Float(
        string="Return on Investment (%)",
        compute="_compute_roi",
        compute_sudo=True,
        help="(Recorded benefit - total cost) / total cost.",
    )
    kp_reaction = fields.Float(
        string="Level 1: Reaction (1-5)",
        compute="_compute_kirkpatrick",
        help="Average rating of the anonymous questionnaire, shown once "
        "the minimum anonymous group has answered.",
    )
    kp_learning = fields.Float(
        string="Level 2: Learning (%)",
        compute="_compute_kirkpatrick",
        help="Average knowledge and skill test score.",
    )
    kp_pass_rate = fields.Float(string="Pass Rate (%)", compute="_compute_kirkpatrick")
    kp_behaviour = fields.Float(
        string="Level 3: Behaviour (%)",
        compute="_compute_kirkpatrick",
        help="Average result of the closed work-performance evaluations.",
    )
    kp_observation_count = fields.Integer(
        string="Observations", compute="_compute_kirkpatrick"
    )
    kp_results = fields.Float(
        string="Level 4: Results (0-3)",
        compute="_compute_kirkpatrick",
        help="Average effect of the evaluated application cases: none 0, "
        "low 1, medium 2, high 3.",
    )
    kp_case_count = fields.Integer(
        string="Application Cases",
        compute="_compute_kirkpatrick",
        help="Application cases whose effect the manager evaluated.",
    )

    def _get_effect_session(self):
        """The session (or sessions) whose effect these records show."""
        if self._effect_session_field:
            return self[self._effect_session_field]
        return self

    @api.depends(
        lambda self: [
            f"{self._effect_session_field}.{name}"
            if self._effect_session_field
            else name
            for name in ROI_INPUTS
        ]
    )
    def _compute_roi(self):
        for record in self:
            session = record._get_effect_session()
            total_cost = (
                session.course_id.cost_per_participant * len(session.participant_ids)
                + session.other_cost
            )
            record.total_cost = total_cost
            record.roi = (
                (session.benefit_amount - total_cost) / total_cost * 100
                if session.benefit_amount and total_cost
                else 0.0
            )

    def _compute_kirkpatrick(self):
        """The four levels of every session in two grouped queries: the
        follow-up analysis (levels 2 to 4) and the anonymous questionnaire's
        statistics, which leave out groups below the minimum size (level 1)."""
        ids = self._get_effect_session().ids
        reaction = dict(
            self.env["training.satisfaction.analysis"]
            .sudo()
            ._read_group([("session_id", "in", ids)], ["session_id"], ["rating:avg"])
        )
        levels = {
            session: values
            for session, *values in self.env["training.followup.analysis"]
            .sudo()
            ._read_group(
                [("session_id", "in", ids)],
                ["session_id"],
                [
                    "test_score:avg",
                    "pass_rate:avg",
                    "evaluation_result:avg",
                    "observation_count:sum",
                    "case_effect:avg",
                    "case_count:sum",
                ],
            )
        }
        for record in self:
            session = record._get_effect_session()
            learning, pass_rate, behaviour, observations, results, cases = levels.get(
                session, (0.0, 0.0, 0.0, 0, 0.0, 0)
            )
            record.kp_reaction = reaction.get(session, 0.0)
            record.kp_learning = learning or 0.0
            record.kp_pass_rate = pass_rate or 0.0
            record.kp_behaviour = behaviour or 0.0
            record.kp_observation_count = observations or 0
            record.kp_results = results or 0.0
            record.kp_case_count = cases or 0
