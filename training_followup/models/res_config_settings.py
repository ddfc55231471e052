from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    training_kickoff_days = fields.Integer(
        related="company_id.training_kickoff_days", readonly=False
    )
    training_skill_evaluation_threshold = fields.Float(
        related="company_id.training_skill_evaluation_threshold", readonly=False
    )
    training_test_weeks = fields.Integer(
        related="company_id.training_test_weeks", readonly=False
    )
    training_questionnaire_weeks = fields.Integer(
        related="company_id.training_questionnaire_weeks", readonly=False
    )
    training_evaluation_months = fields.Integer(
        related="company_id.training_evaluation_months", readonly=False
    )
    training_report_frequency = fields.Selection(
        related="company_id.training_report_frequency", readonly=False
    )
    training_meeting_frequency = fields.Selection(
        related="company_id.training_meeting_frequency", readonly=False
    )
    training_career_review_months = fields.Integer(
        related="company_id.training_career_review_months", readonly=False
    )
    training_rectification_days = fields.Integer(
        related="company_id.training_rectification_days", readonly=False
    )
    training_inspection_months = fields.Integer(
        related="company_id.training_inspection_months", readonly=False
    )
    training_progress_review_days = fields.Integer(
        related="company_id.training_progress_review_days", readonly=False
    )
    training_record_update_months = fields.Integer(
        related="company_id.training_record_update_months", readonly=False
    )
    training_weight_supervisor = fields.Integer(
        related="company_id.training_weight_supervisor", readonly=False
    )
    training_weight_peer = fields.Integer(
        related="company_id.training_weight_peer", readonly=False
    )
    training_weight_self = fields.Integer(
        related="company_id.training_weight_self", readonly=False
    )
    training_anonymity_min_group = fields.Integer(
        related="company_id.training_anonymity_min_group", readonly=False
    )
    training_reminder_days = fields.Integer(
        related="company_id.training_reminder_days", readonly=False
    )
    training_escalation_days = fields.Integer(
        related="company_id.training_escalation_days", readonly=False
    )
    training_kpi_weight_plan_completion = fields.Integer(
        related="company_id.training_kpi_weight_plan_completion", readonly=False
    )
    training_kpi_weight_report_quality = fields.Integer(
        related="company_id.training_kpi_weight_report_quality", readonly=False
    )
    training_kpi_weight_improvement_effect = fields.Integer(
        related="company_id.training_kpi_weight_improvement_effect", readonly=False
    )
    training_kpi_weight_timeliness = fields.Integer(
        related="company_id.training_kpi_weight_timeliness", readonly=False
    )
    training_kpi_weight_accuracy = fields.Integer(
        related="company_id.training_kpi_weight_accuracy", readonly=False
    )
    training_kpi_weight_guidance = fields.Integer(
        related="company_id.training_kpi_weight_guidance", readonly=False
    )
    training_kpi_weight_devplan_completion = fields.Integer(
        related="company_id.training_kpi_weight_devplan_completion", readonly=False
    )
    training_kpi_weight_application_effect = fields.Integer(
        related="company_id.training_kpi_weight_application_effect", readonly=False
    )
    training_kpi_weight_steps_on_time = fields.Integer(
        related="company_id.training_kpi_weight_steps_on_time", readonly=False
    )
    training_kpi_rectification_penalty = fields.Integer(
        related="company_id.training_kpi_rectification_penalty", readonly=False
    )
    training_department_id = fields.Many2one(
        related="company_id.training_department_id", readonly=False
    )
