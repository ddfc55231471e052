{
    "name": "Training Follow-up: Dashboard",
    "summary": "The training-effect dashboard in Dashboards > Human Resources: "
    "response rate, on-time rate, Kirkpatrick levels, open and late steps, "
    "open improvement actions",
    "version": "19.0.1.0.0",
    "category": "Human Resources/Training",
    "license": "LGPL-3",
    "author": "training_followup developers",
    "website": "https://example.com/training_followup",
    "depends": ["training_followup", "spreadsheet_dashboard"],
    "data": [
        "data/spreadsheet_dashboard_data.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "training_followup_dashboard/static/tests/tours/*.js",
        ],
    },
    "auto_install": True,
    "installable": True,
}
