from odoo import api, models
from odoo.exceptions import UserError

from ..tools.process_guard import is_in_process

DEFAULT_PREFIX = "default_"


class TrainingProcessGuard(models.AbstractModel):
    """The fields of a model that record its process (P5.1, P5.2: what
    supervision inspects and the appraisal counts) are declared once, in
    `_process_fields`; outside the model's own actions (tools.process_guard)
    a create or a write that would change one is refused and changes
    nothing. Records that only the process makes (scorecards, frozen
    statistics) declare `_process_records`: nobody creates or deletes them
    by hand. A copy starts the process anew."""

    _name = "training.process.guard"
    _description = "Fields Moved Only by Their Actions"

    # the fields the model's actions alone set
    _process_fields = ()
    # records made, rewritten and deleted by the process only
    _process_records = False
    # fields final once a record reached one of these states (a score given,
    # a rating decided): from then on only the process changes them
    _process_locked_states = ()
    _process_locked_fields = ()

    @api.model_create_multi
    def create(self, vals_list):
        if is_in_process(self.env):
            return super().create(vals_list)
        self._check_process_create(vals_list)
        # a default sent in the context is a value like any other
        process_fields = self._get_process_fields()
        guarded = self._without_defaults(
            lambda key: key[len(DEFAULT_PREFIX) :] in process_fields
        )
        return super(TrainingProcessGuard, guarded).create(vals_list)

    def write(self, vals):
        if not is_in_process(self.env):
            self._check_process_write(vals)
        return super().write(vals)

    def copy_data(self, default=None):
        vals_list = super().copy_data(default=default)
        default = default or {}
        process_fields = self._get_process_fields()
        for vals in vals_list:
            for name in process_fields:
                if name not in default:
                    vals.pop(name, None)
        return vals_list

    @api.ondelete(at_uninstall=False)
    def _unlink_except_written_by_the_process(self):
        if self._process_records and not is_in_process(self.env):
            raise UserError(
                self.env._(
                    "%(model)s are made by the follow-up itself and cannot be "
                    "deleted by hand.",
                    model=self._description_label(),
                )
            )

    # ------------------------------------------------------------------
    # The checks
    # ------------------------------------------------------------------
    def _without_defaults(self, dropped):
        """These records in an environment without the context's `default_`
        keys that `dropped` names (a context is replaced, never merged)."""
        context = {
            key: value
            for key, value in self.env.context.items()
            if not (key.startswith(DEFAULT_PREFIX) and dropped(key))
        }
        return self.with_env(self.env(context=context))

    def _get_process_fields(self):
        """The declared process fields and every stored field the model
        computes itself (a rate, a flag, a deadline): a computed value is
        never typed."""
        cls = type(self)
        # read once per model class of the registry: the fields do not change
        if "_process_field_names" not in cls.__dict__:
            cls._process_field_names = frozenset(self._process_fields) | {
                name
                for name, field in self._fields.items()
                if field.store
                and field.compute
                and field.readonly
                and not field.related
            }
        return cls._process_field_names

    def _description_label(self):
        return self.env["ir.model"].sudo()._get(self._name).name or self._description

    def _check_process_create(self, vals_list):
        if self._process_records:
            raise UserError(
                self.env._(
                    "%(model)s are made by the follow-up itself and cannot be "
                    "created by hand.",
                    model=self._description_label(),
                )
            )
        process_fields = self._get_process_fields()
        names = {name for vals in vals_list for name in vals if name in process_fields}
        if not names:
            return
        defaults = self._without_defaults(lambda key: True).default_get(list(names))
        empty = self.browse()
        for vals in vals_list:
            for name in names & set(vals):
                field = self._fields[name]
                if (
                    field.compute
                    or field.type in ("one2many", "many2many")
                    or not _same(field, empty, vals[name], defaults.get(name))
                ):
                    self._raise_process_field(name, empty)

    def _check_process_write(self, vals):
        if self._process_records:
            self._raise_process_field(next(iter(vals), None), self)
        process_fields = self._get_process_fields()
        names = [name for name in vals if name in process_fields]
        locked = [name for name in vals if name in self._process_locked_fields]
        if locked:
            final = self.filtered(lambda r: r.state in self._process_locked_states)
            for name in locked:
                for record in final:
                    if not _same(self._fields[name], record, vals[name], record[name]):
                        self._raise_final_field(name, record)
        for name in names:
            field = self._fields[name]
            if field.type in ("one2many", "many2many"):
                self._raise_process_field(name, self)
            for record in self:
                if not _same(field, record, vals[name], record[name]):
                    self._raise_process_field(name, record)

    def _raise_final_field(self, name, record):
        raise UserError(
            self.env._(
                "“%(field)s” of %(record)s can no longer change: its status is "
                "%(state)s.",
                field=self._fields[name]._description_string(self.env),
                record=record.display_name,
                state=dict(self._fields["state"]._description_selection(self.env)).get(
                    record.state, record.state
                ),
            )
        )

    def _raise_process_field(self, name, record):
        if name and name in self._fields:
            label = self._fields[name]._description_string(self.env)
        else:
            label = self._description_label()
        raise UserError(
            self.env._(
                "“%(field)s” of %(record)s is set by the follow-up itself, "
                "through its buttons; it cannot be entered or changed by hand.",
                field=label,
                record=record.display_name
                if len(record) == 1
                else (self._description_label()),
            )
        )


def _same(field, record, value, current):
    """Whether writing `value` leaves the field's `current` value as it is."""
    new = field.convert_to_cache(value, record, validate=False)
    old = field.convert_to_cache(current, record, validate=False)
    if not new and not old:
        return True
    return new == old
