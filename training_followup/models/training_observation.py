from markupsafe import Markup

from odoo import api, fields, models

from ..tools.reader_language import for_document


class TrainingObservation(models.Model):
    """A manager's or officer's behaviour or on-site observation (行为观察,
    P3.1.3; 现场观察与指导, P3.2.3): what changed, what was corrected, and the
    feedback given; the employee is notified."""

    _name = "training.observation"
    _description = "Behaviour Observation"
    # P4.6: archived with the yearly cycle (training.followup.archivable)
    _archive_sequence = 70
    _archive_date_field = "date"
    _archive_report = "training_followup.action_report_observation_year"
    _archive_per_year = True
    _inherit = ["training.followup.record", "training.followup.archivable"]

    observer_id = fields.Many2one(
        "res.users",
        required=True,
        default=lambda self: self.env.user,
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    kind = fields.Selection(
        [("behaviour", "Behaviour Observation"), ("on_site", "On-site Guidance")],
        required=True,
        default="behaviour",
    )
    observed_change = fields.Text(
        required=True,
        help="New methods used, problems solved more efficiently, better cooperation.",
    )
    practice_corrected = fields.Text()
    feedback = fields.Text(
        string="Feedback to the Employee", help="Praise, problems and guidance given."
    )

    @api.model_create_multi
    def create(self, vals_list):
        observations = super().create(vals_list)
        for observation in observations:
            observation.followup_id._done_steps("observation", record=observation)
            observation._notify_employee()
        return observations

    def _notify_employee(self):
        partner = self.employee_id.user_id.partner_id
        if not partner:
            return
        # P1.3: the employee's follow-up speaks the employee's language
        followup = for_document(self.followup_id)
        followup.message_post(
            body=Markup("<p>%s</p><p>%s</p>")
            % (
                followup.env._(
                    "%(observer)s recorded an observation:",
                    observer=self.observer_id.name,
                ),
                self.feedback or self.observed_change,
            ),
            partner_ids=partner.ids,
            subtype_xmlid="mail.mt_comment",
        )
