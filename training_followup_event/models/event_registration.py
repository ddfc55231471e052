from odoo import api, models

# what a registration changes that can change who attended a training
ATTENDANCE_FIELDS = {"state", "active", "partner_id", "event_id", "event_slot_id"}


class EventRegistration(models.Model):
    """P4.1: marking an attendee Attended (or cancelling or resetting an
    attended registration) on a training event updates its training session
    at once: one sync for all the events of the batch."""

    _inherit = "event.registration"

    @api.model_create_multi
    def create(self, vals_list):
        registrations = super().create(vals_list)
        registrations.filtered(
            lambda r: r.state == "done"
        ).event_id.sudo()._training_sync_attendance()
        return registrations

    def write(self, vals):
        if not ATTENDANCE_FIELDS & set(vals):
            return super().write(vals)
        # read in one query whatever the records' origin
        registrations = self.with_prefetch()
        events = registrations.filtered(lambda r: r.state == "done").event_id
        result = super().write(vals)
        events |= registrations.filtered(lambda r: r.state == "done").event_id
        events.sudo()._training_sync_attendance()
        return result

    def unlink(self):
        events = self.filtered(lambda r: r.state == "done").event_id
        result = super().unlink()
        events.exists().sudo()._training_sync_attendance()
        return result
