from odoo import api, fields, models

from ..tools.domains import boolean_search, set_from_search


class TrainingTeamScope(models.AbstractModel):
    """What a person reads without a training role (P2.2): their own
    records and those of their team and department. The record rules of the
    big tables (steps, sessions, plans) are `[('in_my_scope', '=', True)]`;
    each model says what that means in `_get_my_scope_domain()`, naming the
    user's follow-ups and people by their ids, which PostgreSQL serves from
    its indexes where the same conditions written as joins inside an OR make
    it read the whole table."""

    _name = "training.team.scope"
    _description = "Own, Team and Department Records"

    in_my_scope = fields.Boolean(
        string="Mine or My People's",
        compute="_compute_in_my_scope",
        search="_search_in_my_scope",
    )

    def _compute_in_my_scope(self):
        set_from_search(self, "in_my_scope")

    def _search_in_my_scope(self, operator, value):
        return boolean_search(operator, value, self._get_my_scope_domain())

    @api.model
    def _get_my_scope_domain(self):
        """The domain of the current user's own, team and department records
        (ids computed now, never joins)."""
        raise NotImplementedError
