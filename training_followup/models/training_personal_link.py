import re
import secrets

from odoo import api, fields, models
from odoo.tools import consteq

# the kinds of form a personal link opens, by the letter the link starts with
LINK_MODELS = {
    "q": "training.satisfaction.completion",
    "e": "training.evaluation.response",
}

# the whole shape of a link, ASCII only: `<letter><id>.<token>`; the id has at
# most 9 digits (a PostgreSQL integer holds them all) and the token is made of
# the URL-safe characters of `secrets.token_urlsafe`, 32 to 128 of them
LINK_SHAPE = re.compile(r"([qe])([1-9][0-9]{0,8})\.([A-Za-z0-9_-]{32,128})")


class TrainingPersonalLink(models.AbstractModel):
    """A personal link to one form, for the people who have no Odoo login
    (P2.3.1, P3.1.2, P3.1.4): the self-evaluation or the anonymous
    questionnaire of one participant.

    The link is `<base>/training/answer#<letter><id>.<token>`: the token is
    long and random, compared in constant time, and travels after the `#`,
    which browsers never send in a request line, so that no access log of
    Odoo or of a proxy in front of it records it. It opens one form, once,
    until the form's step ends (the record says when)."""

    _name = "training.personal.link"
    _description = "Personal Answer Link"
    _link_letter = ""

    access_token = fields.Char(
        copy=False,
        readonly=True,
        groups="training_followup.group_training_officer",
    )
    link_url = fields.Char(
        string="Personal Link",
        compute="_compute_link_url",
        groups="training_followup.group_training_officer",
        help="Opens this person's form without a login, once, until its step "
        "ends. Give it only to this person.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            vals.setdefault("access_token", self._new_token())
        return super().create(vals_list)

    @api.model
    def _new_token(self):
        return secrets.token_urlsafe(32)

    def _compute_link_url(self):
        for record in self:
            record.link_url = record.sudo()._get_link_url()

    def _get_link_url(self):
        self.ensure_one()
        return (
            f"{self.get_base_url()}/training/answer"
            f"#{self._link_letter}{self.id}.{self.sudo().access_token}"
        )

    @api.model
    def _find_by_link(self, link):
        """The record a link opens, or None: wrong shape, unknown record and
        wrong token all look the same to the caller (P3.1.4). The shape is
        checked before anything is read: a letter, an id of ASCII digits
        without a leading zero that fits a database id, one dot, and a token
        of the characters a token is made of; anything else (other scripts'
        digits, superscripts, empty parts, extra dots, a huge number) is
        simply not a link."""
        if not isinstance(link, str):
            return None
        match = LINK_SHAPE.fullmatch(link.strip().lstrip("#"))
        if not match:
            return None
        letter, record_id, token = match.groups()
        record = self.env[LINK_MODELS[letter]].sudo().browse(int(record_id)).exists()
        if not record or not record.access_token:
            return None
        return record if consteq(record.access_token, token) else None

    def _get_email_to(self):
        """The address of the person without a login (work, else private);
        read with sudo: the private address is HR's, used only to send the
        person their own link."""
        self.ensure_one()
        employee = self.sudo().employee_id
        return employee.work_email or employee.private_email or ""

    def _get_reader_lang(self):
        self.ensure_one()
        employee = self.sudo().employee_id
        return (
            employee.lang
            or employee.work_contact_id.lang
            or self.company_id.partner_id.lang
            or "en_US"
        )

    def action_answer(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "url": self.answer_url,
            "target": "self",
        }

    def _get_link_state(self):
        """'open', 'used' (answered already) or 'expired' (the step ended)."""
        raise NotImplementedError
