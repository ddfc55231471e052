from odoo import Command, api, fields, models
from odoo.exceptions import ValidationError

MEMBER_ROLES = [
    ("leader", "Leader (Head of HR)"),
    ("training_head", "Head of the Training Department"),
    ("department_rep", "Employing Department Representative"),
    ("employee_rep", "Employee Representative"),
]


class TrainingSupervisionMember(models.Model):
    """A member of the supervision group (P5.1) and their role in it. Adding a
    member puts their user in the Supervision Group, so the records and the
    access rights always agree."""

    _name = "training.supervision.member"
    _description = "Supervision Group Member"
    _inherit = ["mail.thread"]
    _order = "company_id, role_sequence, id"
    _rec_name = "user_id"
    _check_company_auto = True

    user_id = fields.Many2one(
        "res.users",
        string="Member",
        required=True,
        check_company=True,
        domain=[("share", "=", False)],
        tracking=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    role = fields.Selection(MEMBER_ROLES, required=True, tracking=True)
    role_sequence = fields.Integer(compute="_compute_role_sequence", store=True)
    department_id = fields.Many2one(
        "hr.department",
        string="Represented Department",
        check_company=True,
        help="The employing department a department representative speaks for.",
    )
    date_start = fields.Date(string="Member Since", default=fields.Date.context_today)
    active = fields.Boolean(default=True, tracking=True)

    _user_unique = models.Constraint(
        "unique(user_id, company_id)",
        "A user is a member of the supervision group once.",
    )

    @api.depends("role")
    def _compute_role_sequence(self):
        order = [role for role, _label in MEMBER_ROLES]
        for member in self:
            member.role_sequence = order.index(member.role) if member.role else 99

    @api.constrains("role", "active", "company_id")
    def _check_one_leader(self):
        counts = self._read_group(
            [("role", "=", "leader"), ("company_id", "in", self.company_id.ids)],
            ["company_id"],
            ["__count"],
        )
        if any(count > 1 for _company, count in counts):
            raise ValidationError(
                self.env._("The supervision group has one leader: the head of HR.")
            )

    @api.model_create_multi
    def create(self, vals_list):
        members = super().create(vals_list)
        members._grant_group()
        return members

    def write(self, vals):
        # P5.1: whoever leaves the group (archived, or replaced by another
        # user) loses its rights, unless something else still grants them
        leaving = self.env["res.users"]
        if "user_id" in vals:
            leaving = self.user_id.filtered(lambda u: u.id != vals["user_id"])
        if "active" in vals and not vals["active"]:
            leaving |= self.user_id
        result = super().write(vals)
        if "user_id" in vals or vals.get("active"):
            self._grant_group()
        self._withdraw_group(leaving)
        return result

    def unlink(self):
        # work after the deletion, not a check: the users without an active
        # membership left lose the Supervision Group right
        leaving = self.user_id
        result = super().unlink()
        self._withdraw_group(leaving)
        return result

    def _grant_group(self):
        group = self.env.ref("training_followup.group_training_supervisor")
        users = self.filtered("active").user_id - group.sudo().all_user_ids
        if users:
            group.sudo().write({"user_ids": [Command.link(user.id) for user in users]})

    @api.model
    def _withdraw_group(self, users):
        """P5.1: the Supervision Group right follows the membership: a user
        without an active membership left loses it. The Training
        Administrator group still implies it for the head of HR."""
        if not users:
            return users
        still_members = (
            self.sudo()
            .search([("user_id", "in", users.ids), ("active", "=", True)])
            .user_id
        )
        group = self.env.ref("training_followup.group_training_supervisor").sudo()
        leaving = (users - still_members) & group.user_ids
        if leaving:
            group.write({"user_ids": [Command.unlink(user.id) for user in leaving]})
        return leaving

    @api.model
    def _get_leader(self, company):
        """The leader of the company's supervision group (P5.1: the head of
        HR); without one, the training administrators stand in."""
        leader = self.sudo().search(
            [("role", "=", "leader"), ("company_id", "=", company.id)], limit=1
        )
        if leader:
            return leader.user_id
        return company._training_admin_users()
