import hashlib
import hmac
from datetime import timedelta

from odoo import api, fields, models

# wrong links accepted from one address in the window, before it must wait
LINK_ATTEMPTS_MAX = 10
LINK_ATTEMPTS_WINDOW = timedelta(minutes=15)


class TrainingLinkAttempt(models.Model):
    """A wrong personal link tried from one address (P3.1.4, P3.1.2): after
    too many, that address must wait before trying again, so that tokens
    cannot be guessed. Only failures are kept, under a keyed hash of the
    address (never the address, never the link, never a successful visit),
    and only for a day. Each failure is its own row: no row is written by
    every visitor."""

    _name = "training.link.attempt"
    _description = "Wrong Personal Link"
    _order = "id desc"

    key = fields.Char(required=True, index=True, readonly=True)

    @api.model
    def _key(self, address):
        secret = self.env["ir.config_parameter"].sudo().get_param("database.secret")
        return hmac.new(
            (secret or "").encode(), (address or "").encode(), hashlib.sha256
        ).hexdigest()

    @api.model
    def _is_blocked(self, address):
        since = fields.Datetime.now() - LINK_ATTEMPTS_WINDOW
        return (
            self.sudo().search_count(
                [("key", "=", self._key(address)), ("create_date", ">=", since)]
            )
            >= LINK_ATTEMPTS_MAX
        )

    @api.model
    def _record_failure(self, address):
        old = fields.Datetime.now() - timedelta(days=1)
        self.sudo().search([("create_date", "<", old)]).unlink()
        self.sudo().create({"key": self._key(address)})
