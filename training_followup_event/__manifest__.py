{
    "name": "Training Follow-up: Events",
    "summary": "The attendance of a training event in Events becomes a training "
    "session and its follow-up plan",
    "version": "19.0.1.0.0",
    "category": "Human Resources/Training",
    "license": "LGPL-3",
    "author": "training_followup developers",
    "website": "https://example.com/training_followup",
    "depends": ["training_followup", "hr_skills_event"],
    "data": [
        "data/ir_cron_data.xml",
        "views/event_type_views.xml",
        "views/event_event_views.xml",
        "views/training_session_views.xml",
        "views/training_followup_plan_views.xml",
    ],
    "demo": [
        "demo/training_followup_event_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "training_followup_event/static/tests/tours/*.js",
        ],
    },
    "auto_install": True,
    "installable": True,
}
