"""19.0.1.4.0 (before the ORM updates the schema): Odoo's names, data kept.

Each stored column of a renamed field is renamed in place (its values and
index kept), and the field's ir.model.fields row, its xmlid and those of its
selection values follow, so that nothing pointing to the field is lost; the
users' saved filters of the model read the new name. The addon's mail
templates are noupdate (the update does not rewrite them): those reading the
old deadline name are rewritten.
"""

from odoo.tools import sql

# (model, old name, new name)
RENAMED_FIELDS = [
    # development goals and actions have a state, like every other model
    ("training.development.goal", "status", "state"),
    ("training.development.action", "status", "state"),
    # one deadline name across the steps and what makes or reads them
    ("training.followup.step", "date_due", "date_deadline"),
    ("training.development.action", "date_due", "date_deadline"),
    ("training.satisfaction.questionnaire", "date_due", "date_deadline"),
    ("training.satisfaction.completion", "date_due", "date_deadline"),
    ("training.followup.step.analysis", "date_due", "date_deadline"),
    # one lateness name: a demand is late like a step or an improvement action
    ("training.rectification", "is_overdue", "is_late"),
]
MODULE = "training_followup"


def migrate(cr, version):
    if not version:
        return
    for model, old, new in RENAMED_FIELDS:
        _rename_field(cr, model, old, new)
    _rewrite_mail_templates(cr)


def _rename_field(cr, model, old, new):
    table = model.replace(".", "_")
    if sql.column_exists(cr, table, old) and not sql.column_exists(cr, table, new):
        # a SQL view (the step analysis) has no table: its view is made again
        if sql.table_kind(cr, table) == sql.TableKind.Regular:
            sql.rename_column(cr, table, old, new)
            old_index = sql.make_index_name(table, old)
            if sql.index_exists(cr, old_index):
                cr.execute(
                    f'ALTER INDEX "{old_index}" RENAME TO '
                    f'"{sql.make_index_name(table, new)}"'
                )
    cr.execute(
        "UPDATE ir_model_fields SET name = %s WHERE model = %s AND name = %s "
        "AND NOT EXISTS (SELECT 1 FROM ir_model_fields WHERE model = %s AND name = %s)",
        [new, model, old, model, new],
    )
    cr.execute(
        "UPDATE ir_model_data SET name = %s "
        "WHERE module = %s AND model = 'ir.model.fields' AND name = %s",
        [f"field_{table}__{new}", MODULE, f"field_{table}__{old}"],
    )
    # selection__<model>__<field>__<value>
    old_prefix, new_prefix = (
        f"selection__{table}__{old}__",
        f"selection__{table}__{new}__",
    )
    cr.execute(
        "UPDATE ir_model_data SET name = %s || substr(name, %s) "
        "WHERE module = %s AND model = 'ir.model.fields.selection' "
        "AND left(name, %s) = %s",
        [new_prefix, len(old_prefix) + 1, MODULE, len(old_prefix), old_prefix],
    )
    # the users' saved filters of the model
    for quote in ("'", '"'):
        for column in ("domain", "context", "sort"):
            cr.execute(
                f"UPDATE ir_filters SET {column} = replace({column}, %s, %s) "  # noqa: S608
                f"WHERE model_id = %s AND {column} LIKE %s",
                [
                    f"{quote}{old}",
                    f"{quote}{new}",
                    model,
                    f"%{quote}{old}%",
                ],
            )


def _rewrite_mail_templates(cr):
    """The bodies (every language) of the addon's mail templates that read
    the old deadline name read the new one."""
    cr.execute(
        """
        UPDATE mail_template t
           SET body_html = replace(t.body_html::text, 'object.date_due',
                                   'object.date_deadline')::jsonb
          FROM ir_model_data d
         WHERE d.module = %s AND d.model = 'mail.template' AND d.res_id = t.id
           AND t.body_html::text LIKE %s
        """,
        [MODULE, "%object.date_due%"],
    )
