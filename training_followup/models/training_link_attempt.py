import hashlib
import hmac
from datetime import timedelta

from odoo import api, fields, models

# wrong links accepted from one address in the window, before it must wait
LINK_ATTEMPTS_MAX = 10
LINK_ATTEMPTS_WINDOW = timedelta(minutes=15)


class TrainingLinkAttempt(models.Model):
    """A wrong personal link tried from one address (P3.1.4, P3.1.2).

    Only failures are kept, under keyed hashes (of the address, and of the
    address with the wrong link: never the address, never the link, never a
    successful visit), and only for a day. Each distinct wrong link is one
    row: the same wrong link sent again (a reload, a double tap) is not
    counted twice, and no row is written by a visitor whose link is right.

    Why the limit refuses wrong links only, never a right one: many phones
    of a shop floor reach Odoo through one address (a NAT, a proxy), so a
    limit that refused every link from a busy address would let one person
    trying wrong links lock everyone else out of their own valid links. A
    valid link is therefore always honoured, whatever the address has tried:
    its token is a random secret of 256 bits, so accepting the right one
    tells a guesser nothing they could use (guessing one at any rate a web
    server can answer would take longer than the age of the universe).
    What the limit does is refuse wrong links: after LINK_ATTEMPTS_MAX
    distinct wrong links within LINK_ATTEMPTS_WINDOW, every further wrong
    link from that address gets the "too many wrong links" page instead of
    "not valid", and is no longer written down (the count is already over
    the limit; a flood of wrong links adds no row). The person who mistyped
    learns to open their link exactly as received; a guesser gets no more
    than one primary-key read per try, as for any page.

    The address is the one Odoo gives (`request.httprequest.remote_addr`,
    set from the proxy's header by Odoo itself when it runs in proxy mode);
    it is never parsed from the request's headers here."""

    _name = "training.link.attempt"
    _description = "Wrong Personal Link"
    _order = "id desc"

    key = fields.Char(required=True, index=True, readonly=True)
    # the address and the wrong link together, so that one wrong link counts
    # once however often it is sent
    link_key = fields.Char(index=True, readonly=True)

    @api.model
    def _key(self, *parts):
        secret = self.env["ir.config_parameter"].sudo().get_param("database.secret")
        message = "\0".join(part or "" for part in parts)
        return hmac.new(
            (secret or "").encode(), message.encode(), hashlib.sha256
        ).hexdigest()

    @api.model
    def _is_blocked(self, address):
        since = fields.Datetime.now() - LINK_ATTEMPTS_WINDOW
        return (
            self.sudo().search_count(
                [("key", "=", self._key(address)), ("create_date", ">=", since)],
                limit=LINK_ATTEMPTS_MAX,
            )
            >= LINK_ATTEMPTS_MAX
        )

    @api.model
    def _refuse_wrong_link(self, address, link):
        """A wrong link came from `address`: True when the address is over
        the limit (the caller answers "too many wrong links"), else False
        (the caller answers "not valid") once the failure is counted. Over
        the limit, or for a wrong link already counted in the window, no
        row is written."""
        if self._is_blocked(address):
            return True
        Attempt = self.sudo()
        now = fields.Datetime.now()
        Attempt.search([("create_date", "<", now - timedelta(days=1))]).unlink()
        link_key = self._key(address, link if isinstance(link, str) else "")
        if not Attempt.search_count(
            [
                ("link_key", "=", link_key),
                ("create_date", ">=", now - LINK_ATTEMPTS_WINDOW),
            ],
            limit=1,
        ):
            Attempt.create({"key": self._key(address), "link_key": link_key})
        return False
