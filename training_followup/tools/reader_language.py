"""Texts in the language of the person who reads them.

A to-do is read by its assignee, a mail or a chatter notification by its
recipients, a step name by whoever opens the step: what the addon writes for
them is rendered in their language, not in the language of the user (or the
cron) that triggered it. Stored names of steps, sessions and plans keep every
installed language (translated fields), so each reader sees their own.
"""

import json
from collections import defaultdict

from odoo.tools import SQL


def reader_lang(env, reader):
    """The language code of `reader` (a user or a partner), else of `env`."""
    return (reader and reader.lang) or env.lang or "en_US"


def for_reader(records, reader):
    """`records` in the language of `reader`: `for_reader(x, user).env._()`
    translates for them, and translated fields read in their language."""
    return records.with_context(lang=reader_lang(records.env, reader))


def company_lang(env, company=None):
    """The language of `company` (its partner's), else of `env`: what is
    written on a company document for nobody in particular."""
    company = (company or env.company).sudo()
    return company.partner_id.lang or env.lang or "en_US"


def employee_lang(env, employee):
    """The language of `employee`: their user's, else their work contact's,
    else their company's."""
    employee = employee.sudo()
    return (
        employee.user_id.lang
        or employee.work_contact_id.lang
        or company_lang(env, employee.company_id)
    )


def document_lang(record, reader=None):
    """The language of what is written on `record` (a chatter message, the
    feedback of one of its to-dos). An employee's document (a follow-up, a
    test, an evaluation, a development plan...: its model names the field of
    its employee in `_training_reader_employee`) is written in the language of
    its employee, whoever acts on it; any other document in the language of
    `reader`, the person the text is for, else of the record's company."""
    env = record.env
    employee_field = getattr(record, "_training_reader_employee", None)
    if employee_field:
        employee = record[:1].sudo()[employee_field]
        if employee:
            return employee_lang(env, employee)
    if reader and reader.lang:
        return reader.lang
    company = "company_id" in record._fields and record[:1].sudo().company_id
    return company_lang(env, company or None)


def for_document(record, reader=None):
    """`record` in the language of what is written on it (document_lang):
    `for_document(x).message_post(body=for_document(x).env._(...))`."""
    return record.with_context(lang=document_lang(record, reader))


def feedback_by_language(activities, render):
    """Mark `activities` done, the message of each (Odoo's "done" note and
    the feedback `render(env in that language)`, None for none) written in
    the language of its document for its holder (document_lang)."""
    groups = defaultdict(activities.browse)
    for activity in activities:
        if activity.res_model:
            record = activity.env[activity.res_model].browse(activity.res_id)
            lang = document_lang(record, activity.user_id)
        else:
            lang = reader_lang(activity.env, activity.user_id)
        groups[lang] |= activity
    for lang, group in groups.items():
        local = group.with_context(lang=lang)
        local.action_feedback(feedback=render(local.env) or False)
    return True


def post_by_language(record, partners, render, **post_values):
    """Post on `record` one message per language of `partners`, each
    addressed to the partners of that language and rendered by
    `render(record_in_that_language)` -> {"body": ..., "subject": ...}.
    Without partners, one message in the language of the document
    (document_lang)."""
    groups = defaultdict(partners.browse)
    for partner in partners:
        groups[reader_lang(record.env, partner)] |= partner
    if not groups:
        groups[document_lang(record)] = partners.browse()
    messages = record.env["mail.message"]
    for lang, group in groups.items():
        local = record.with_context(lang=lang)
        messages |= local.message_post(
            partner_ids=group.ids, **post_values, **render(local)
        )
    return messages


def installed_langs(env):
    return [code for code, _name in env["res.lang"].get_installed()]


def in_every_language(env, render):
    """{lang: render(env in that language)} for every installed language:
    the value of a translated field written by code (e.g. a step name)."""
    return {
        lang: render(env(context=dict(env.context, lang=lang)))
        for lang in installed_langs(env)
    }


def stored_translations(records, fname):
    """{record id: {lang: value}} of the translated field `fname`, read in
    one query."""
    if not records:
        return {}
    records.flush_recordset([fname])
    records.env.cr.execute(
        SQL(
            "SELECT id, %s FROM %s WHERE id = ANY(%s)",
            SQL.identifier(fname),
            SQL.identifier(records._table),
            list(records.ids),
        )
    )
    return {row_id: value or {} for row_id, value in records.env.cr.fetchall()}


def write_translations(model, fname, values):
    """Store every language of the translated field `fname` at once:
    `values` is {record id: {lang: value}}; one UPDATE for all records."""
    values = {row_id: value for row_id, value in values.items() if value}
    if not values:
        return
    model.flush_model([fname])
    for value in values.values():
        value.setdefault("en_US", next(iter(value.values())))
    model.env.cr.execute(
        SQL(
            """
            UPDATE %(table)s AS target
               SET %(column)s = given.value
              FROM (VALUES %(rows)s) AS given(id, value)
             WHERE target.id = given.id
            """,
            table=SQL.identifier(model._table),
            column=SQL.identifier(fname),
            rows=SQL(", ").join(
                SQL("(%s, %s::jsonb)", row_id, json.dumps(value))
                for row_id, value in values.items()
            ),
        )
    )
    model.invalidate_model([fname])
