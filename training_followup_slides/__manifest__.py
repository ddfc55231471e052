{
    "name": "Training Follow-up: eLearning",
    "summary": "Employees who complete an eLearning course requiring follow-up "
    "join its follow-up plan, their deadlines counted from their completion day",
    "version": "19.0.1.0.0",
    "category": "Human Resources/Training",
    "license": "LGPL-3",
    "author": "training_followup developers",
    "website": "https://example.com/training_followup",
    "depends": ["training_followup", "hr_skills_slides"],
    "data": [
        "views/slide_channel_views.xml",
        "views/training_session_views.xml",
    ],
    "demo": [
        "demo/training_followup_slides_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "training_followup_slides/static/tests/tours/*.js",
        ],
    },
    "auto_install": True,
    "installable": True,
}
