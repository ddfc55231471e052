from odoo import api, fields, models


class TrainingSession(models.Model):
    """A session made from a training event (P4.1): its event, its dates
    and its participants come from the event's attendance, through the
    event's sync only."""

    _inherit = "training.session"

    event_id = fields.Many2one(
        "event.event",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="restrict",
        help="The training event whose attended registrations make this session.",
    )
    from_event = fields.Boolean(
        compute="_compute_from_event",
        help="Its participants and dates come from the event's attendance.",
    )

    _event_unique = models.Constraint(
        "unique(event_id)", "An event has one training session only."
    )

    @api.depends("event_id")
    def _compute_from_event(self):
        for session in self:
            session.from_event = bool(session.sudo().event_id)

    def _get_process_fields(self):
        # P4.1: the link to the event is made by the event's sync only
        return super()._get_process_fields() | {"event_id"}

    def _get_day_zero(self, employees):
        """P4.1: on a multi-slot event, each attendee's day 0 is the day of
        their own slot (the latest one if they attended several); the others
        keep the session's end."""
        days = super()._get_day_zero(employees)
        event = self.sudo().event_id
        if not event.is_multi_slots:
            return days
        registrations = (
            self.env["event.registration"]
            .sudo()
            .search(
                [
                    ("event_id", "=", event.id),
                    ("state", "=", "done"),
                    ("event_slot_id", "!=", False),
                ]
            )
        )
        slot_days = {}
        attendees = event._training_attendees(registrations, strict=False)
        for registration, employee in attendees.items():
            if employee.id in days:
                slot_day = registration.event_slot_id.date
                slot_days[employee.id] = max(
                    slot_days.get(employee.id, slot_day), slot_day
                )
        days.update(slot_days)
        return days

    def action_view_event(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "event.event",
            "res_id": self.event_id.id,
            "view_mode": "form",
        }
