{
    "name": "Training Follow-up",
    "summary": "Post-training follow-up policy: courses, sessions, follow-up "
    "deadlines in working days, evaluations and supervision",
    "version": "19.0.1.0.0",
    "category": "Human Resources/Training",
    "license": "LGPL-3",
    "author": "training_followup developers",
    "website": "https://example.com/training_followup",
    "depends": ["hr"],
    "data": [
        "security/training_followup_groups.xml",
        "security/ir.model.access.csv",
        "security/training_followup_security.xml",
        "data/mail_activity_type_data.xml",
        "data/training_followup_template_data.xml",
        "data/ir_cron_data.xml",
        "views/training_course_views.xml",
        "views/training_session_views.xml",
        "views/training_followup_template_views.xml",
        "views/training_followup_step_views.xml",
        "views/training_followup_views.xml",
        "views/training_followup_plan_views.xml",
        "views/hr_employee_views.xml",
        "views/res_config_settings_views.xml",
        "views/training_followup_menus.xml",
    ],
    "demo": [
        "demo/training_followup_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "training_followup/static/tests/tours/*.js",
        ],
    },
    "application": True,
    "installable": True,
}
