"""Domains shared by the addon's searchable computed booleans."""

from odoo.fields import Domain


def boolean_search(operator, value, domain):
    """The search of a computed boolean that is True on `domain`. The ORM
    gives a boolean condition as `in` / `not in` a set of values; any other
    operator is left to the ORM (NotImplemented)."""
    if operator not in ("in", "not in"):
        return NotImplemented
    wanted = {bool(v) for v in value}
    if operator == "not in":
        wanted = {True, False} - wanted
    if len(wanted) != 1:
        return Domain.TRUE if wanted else Domain.FALSE
    domain = Domain(domain)
    return domain if True in wanted else ~domain


def set_from_search(records, fname):
    """Compute the boolean `fname` of `records` from its own search (one
    query, as superuser: the domain itself names the current user); a record
    not saved yet is False."""
    saved = [record_id for record_id in records.ids if isinstance(record_id, int)]
    matching = set(records.sudo().search([("id", "in", saved), (fname, "=", True)]).ids)
    for record in records:
        record[fname] = record.id in matching
