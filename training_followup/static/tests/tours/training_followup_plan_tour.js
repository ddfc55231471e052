import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

const openApp = () => [
    stepUtils.showAppsMenuItem(),
    {
        content: "Open the Training Follow-up app",
        trigger: ".o_app[data-menu-xmlid='training_followup.training_followup_menu_root']",
        run: "click",
    },
];

const openMenu = (xmlid) => ({
    content: `Open the menu ${xmlid}`,
    trigger: `.o_menu_sections [data-menu-xmlid='${xmlid}']`,
    run: "click",
});

const openSubMenu = (parent, child) => [
    openMenu(parent),
    {
        content: `Open the menu ${child}`,
        trigger: `.dropdown-item[data-menu-xmlid='${child}']`,
        run: "click",
    },
];
const MY_WORK = "training_followup.training_followup_menu_my_work";
const MY_TEAM = "training_followup.training_followup_menu_my_team";

// Score every criterion of the evaluation form shown, then submit it.
const fillEvaluationForm = (score) => {
    const steps = [];
    for (let row = 1; row <= 9; row++) {
        steps.push(
            {
                content: `Edit criterion ${row}`,
                trigger: `.o_field_widget[name='line_ids'] .o_data_row:nth-child(${row}) td[name='score']`,
                run: "click",
            },
            {
                content: `Score criterion ${row}`,
                trigger: `.o_field_widget[name='line_ids'] .o_data_row:nth-child(${row}) .o_field_widget[name='score'] span:contains('${score} -')`,
                run: "click",
            }
        );
    }
    steps.push(
        {
            content: "Submit the evaluation form",
            trigger: ".o_form_view button[name='action_submit']",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains(Submitted)",
        }
    );
    return steps;
};

// P4.1: the training officer makes the plan of a done session and communicates it.
registry.category("web_tour.tours").add("training_followup_plan_tour", {
    url: "/odoo",
    steps: () => [
        ...openApp(),
        openMenu("training_followup.training_followup_menu_followup"),
        {
            trigger: ".dropdown-item[data-menu-xmlid='training_followup.training_followup_plan_menu']",
            run: "click",
        },
        {
            content: "Create a plan",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Choose the session",
            trigger: ".o_field_widget[name='session_id'] input",
            run: "edit TF Complaint",
        },
        {
            trigger: ".o-autocomplete--dropdown-item .dropdown-item:contains(TF Complaint Handling)",
            run: "click",
        },
        {
            content: "The template of the training type is proposed",
            trigger: ".o_field_widget[name='template_id'] input:value(Job-skill follow-up)",
        },
        {
            content: "Communicate and start the plan",
            trigger: "button[name='action_communicate']",
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The plan runs",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Running)",
        },
    ],
});

// P3.1.2: the manager starts the evaluation of a team member and submits theirs.
registry.category("web_tour.tours").add("training_followup_manager_evaluation_tour", {
    url: "/odoo",
    steps: () => [
        ...openApp(),
        ...openSubMenu(MY_TEAM, "training_followup.training_followup_menu_team"),
        {
            content: "Open the team member's follow-up",
            trigger: ".o_data_row .o_data_cell:contains(TF Employee)",
            run: "click",
        },
        {
            content: "Start the evaluation",
            trigger: ".o_form_view button[name='action_new_evaluation']",
            run: "click",
        },
        {
            content: "Send the evaluation forms",
            trigger: ".o_form_view button[name='action_open']",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(In Progress)",
        },
        ...openSubMenu(MY_WORK, "training_followup.training_evaluation_response_menu_my"),
        {
            content: "Open my evaluation form",
            trigger: ".o_data_row .o_data_cell:contains(Supervisor)",
            run: "click",
        },
        ...fillEvaluationForm(4),
    ],
});

// P2.3.1: the employee fills in the self-evaluation truthfully.
registry.category("web_tour.tours").add("training_followup_self_evaluation_tour", {
    url: "/odoo",
    steps: () => [
        ...openApp(),
        ...openSubMenu(MY_WORK, "training_followup.training_evaluation_response_menu_my"),
        {
            content: "Open the self-evaluation form",
            trigger: ".o_data_row .o_data_cell:contains(Self)",
            run: "click",
        },
        ...fillEvaluationForm(5),
    ],
});

// The employee sees the closed result in their follow-up.
registry.category("web_tour.tours").add("training_followup_result_tour", {
    url: "/odoo",
    steps: () => [
        ...openApp(),
        ...openSubMenu(MY_WORK, "training_followup.training_followup_menu_my"),
        {
            content: "Open my follow-up",
            trigger: ".o_kanban_record:contains(TF Complaint Handling)",
            run: "click",
        },
        {
            content: "The evaluation result is shown",
            trigger: ".o_form_view .o_field_widget[name='evaluation_result']:contains(85.71)",
        },
        {
            content: "Open the evaluations",
            trigger: ".o_notebook .nav-link:contains(Evaluations)",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name='evaluation_ids'] .o_data_row:contains(Closed)",
        },
    ],
});

// P2.3.3 / P3.3.1: the employee drafts the development plan from the follow-up.
registry.category("web_tour.tours").add("training_followup_development_plan_tour", {
    url: "/odoo",
    steps: () => [
        ...openApp(),
        ...openSubMenu(MY_WORK, "training_followup.training_followup_menu_my"),
        {
            content: "Open my follow-up",
            trigger: ".o_kanban_record:contains(TF Complaint Handling)",
            run: "click",
        },
        {
            content: "Draft the development plan",
            trigger: ".o_form_view button[name='action_development_plan']",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains(Draft)",
        },
        {
            content: "Add a short-term goal",
            trigger: ".o_field_widget[name='goal_ids'] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name='goal_ids'] .o_selected_row .o_field_widget[name='name'] input",
            run: "edit Lead a 5S audit",
        },
        {
            content: "Give its measurable target",
            trigger: ".o_field_widget[name='goal_ids'] .o_selected_row .o_field_widget[name='target'] input",
            run: "edit Two audits a year",
        },
        {
            content: "Add a long-term goal",
            trigger: ".o_field_widget[name='goal_ids'] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name='goal_ids'] .o_data_row:not(.o_selected_row):contains(Lead a 5S audit)",
        },
        {
            trigger: ".o_field_widget[name='goal_ids'] .o_selected_row .o_field_widget[name='name'] input",
            run: "edit Become line supervisor",
        },
        {
            content: "Choose the long term",
            trigger: ".o_field_widget[name='goal_ids'] .o_selected_row .o_field_widget[name='horizon'] .o_select_menu_toggler",
            run: "click",
        },
        {
            trigger: ".o_select_menu_menu .o_select_menu_item:contains(Long Term)",
            run: "click",
        },

        {
            content: "Submit the plan to the manager",
            trigger: ".o_form_view button[name='action_submit']",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains(Submitted)",
        },
    ],
});

// P3.3.2: the manager agrees the plan.
registry.category("web_tour.tours").add("training_followup_development_plan_agree_tour", {
    url: "/odoo",
    steps: () => [
        ...openApp(),
        ...openSubMenu(MY_TEAM, "training_followup.training_development_plan_menu_team"),
        {
            content: "Open the plan to agree",
            trigger: ".o_data_row .o_data_cell:contains(TF Employee)",
            run: "click",
        },
        {
            content: "Agree the plan",
            trigger: ".o_form_view button[name='action_agree']",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains(Agreed)",
        },
    ],
});

// P3.1.4: the employee answers the anonymous questionnaire from the to-do of
// their follow-up.
registry.category("web_tour.tours").add("training_followup_questionnaire_tour", {
    url: "/odoo",
    steps: () => [
        ...openApp(),
        ...openSubMenu(MY_WORK, "training_followup.training_followup_menu_my"),
        {
            content: "My follow-ups are shown",
            trigger: ".o_breadcrumb:contains(My Follow-ups)",
        },
        {
            content: "Open the follow-up (the employee has one)",
            trigger: ".o_kanban_view .o_kanban_record:contains(TF Complaint Handling)",
            run: "click",
        },
        {
            content: "Answer from the questionnaire to-do",
            trigger: ".o-mail-Activity-note a:contains(Answer the anonymous questionnaire)",
            run: "click",
            expectUnloadPage: true,
        },
        ...["content", "method", "trainer", "schedule", "application"].map((dimension) => ({
            content: `Rate the ${dimension}`,
            trigger: `.o_tf_question[data-dimension='${dimension}'] input[value='4']`,
            run: "click",
        })),
        {
            content: "Write a suggestion",
            trigger: ".o_tf_question[data-dimension='suggestion'] textarea",
            run: "edit More practice cases",
        },
        {
            content: "Submit",
            trigger: ".o_training_questionnaire_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Thanked, anonymously",
            trigger: ".o_training_questionnaire_done",
        },
    ],
});

// P3.1.4: the training officer follows the response rate of the questionnaire.
const officerQuestionnaireSteps = (answers) => [
    ...openApp(),
    ...openSubMenu(
        "training_followup.training_followup_menu_evidence",
        "training_followup.training_satisfaction_questionnaire_menu"
    ),
    {
        content: "Open the questionnaire",
        trigger: ".o_data_row td.o_data_cell:contains(TF Complaint Handling)",
        run: "click",
    },
    {
        content: `${answers} answer(s) so far`,
        trigger: `.o_form_view .o_field_widget[name='answer_count']:contains(${answers})`,
    },
    {
        content: "Nothing of the answers is shown while they are collected",
        trigger: ".o_form_view .o_field_widget[name='results_html']:contains(while answers are being collected)",
    },
];

registry.category("web_tour.tours").add("training_followup_questionnaire_rate_0_tour", {
    url: "/odoo",
    steps: () => officerQuestionnaireSteps(0),
});

registry.category("web_tour.tours").add("training_followup_questionnaire_rate_1_tour", {
    url: "/odoo",
    steps: () => [
        ...officerQuestionnaireSteps(1),
        {
            content: "The response rate moved",
            trigger: ".o_form_view .o_field_widget[name='response_rate']:contains(33)",
        },
    ],
});

// P4.3: the training officer writes the follow-up report of a plan, computes
// its statistics and submits it to management.
registry.category("web_tour.tours").add("training_followup_report_tour", {
    url: "/odoo",
    steps: () => [
        ...openApp(),
        ...openSubMenu(
            "training_followup.training_followup_menu_reporting",
            "training_followup.training_followup_report_menu"
        ),
        {
            content: "New report",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Name it",
            trigger: ".o_field_widget[name='name'] input",
            run: "edit Complaint handling: follow-up report",
        },
        {
            content: "Choose the plan",
            trigger: ".o_field_widget[name='plan_id'] input",
            run: "edit TF Complaint",
        },
        {
            trigger: ".o-autocomplete--dropdown-item .dropdown-item:contains(TF Complaint Handling)",
            run: "click",
        },
        {
            content: "Submit it to the manager",
            trigger: ".o_field_widget[name='management_user_id'] input",
            run: "edit tf_test_manager",
        },
        {
            trigger: ".o-autocomplete--dropdown-item .dropdown-item:contains(tf_test_manager)",
            run: "click",
        },
        {
            content: "Compute the statistics",
            trigger: ".o_form_view button[name='action_compute']",
            run: "click",
        },
        {
            content: "Open the statistics",
            trigger: ".o_notebook_headers a:contains(Statistics)",
            run: "click",
        },
        {
            content: "The average test score is frozen into the report",
            trigger: ".o_form_view .o_field_widget[name='test_average']:contains(75)",
        },
        {
            content: "Submit to management",
            trigger: ".o_form_view button[name='action_submit']",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains(Submitted)",
        },
    ],
});

// P4.3: the member of management acknowledges the report with a quality score.
registry.category("web_tour.tours").add("training_followup_report_acknowledge_tour", {
    steps: () => [
        {
            content: "Acknowledge",
            trigger: ".o_form_view button[name='action_open_acknowledge']",
            run: "click",
        },
        {
            content: "Give the report's quality",
            trigger: ".modal .o_field_widget[name='quality_score'] input[data-value='4']",
            run: "click",
        },
        {
            content: "Remarks",
            trigger: ".modal .o_field_widget[name='remarks'] textarea",
            run: "edit Clear and useful",
        },
        {
            trigger: ".modal button[name='action_confirm']",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains(Acknowledged)",
        },
    ],
});

const SUPERVISION = "training_followup.training_followup_menu_supervision";

// P5.1: the leader of the supervision group records an inspection and
// demands a rectification from the sales department by a deadline.
registry.category("web_tour.tours").add("training_followup_inspection_tour", {
    url: "/odoo",
    steps: () => [
        ...openApp(),
        ...openSubMenu(SUPERVISION, "training_followup.training_supervision_inspection_menu"),
        {
            content: "Record an inspection",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Name the inspection",
            trigger: ".o_field_widget[name='name'] input",
            run: "edit TF Quarterly inspection",
        },
        {
            content: "The four points of P5.1 are on the checklist",
            trigger: ".o_field_widget[name='check_ids'] .o_data_row:nth-child(4)",
        },
        {
            content: "Open the finding of the first point",
            trigger: ".o_field_widget[name='check_ids'] .o_data_row:nth-child(1) td[name='finding']",
            run: "click",
        },
        {
            content: "Write the finding",
            trigger: ".o_field_widget[name='check_ids'] .o_data_row:nth-child(1) .o_field_widget[name='finding'] textarea",
            run: "edit Two supervisor evaluations are missing",
        },
        {
            content: "Save the inspection",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Issue a rectification demand",
            trigger: ".o_form_view button[name='action_new_rectification']",
            run: "click",
        },
        {
            content: "Address it to the sales department",
            trigger: ".o_field_widget[name='department_id'] input",
            run: "edit TF Sales",
        },
        {
            trigger: ".o-autocomplete--dropdown-item .dropdown-item:contains(TF Sales)",
            run: "click",
        },
        {
            content: "Write the demand",
            trigger: ".o_field_widget[name='name'] input",
            run: "edit TF Submit the missing evaluations",
        },
        {
            content: "Issue the demand",
            trigger: ".o_form_view button[name='action_issue']",
            run: "click",
        },
        {
            content: "The demand is issued",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains(Issued)",
        },
    ],
});

// P5.1: the department manager answers the demand addressed to them.
registry.category("web_tour.tours").add("training_followup_rectification_answer_tour", {
    url: "/odoo",
    steps: () => [
        ...openApp(),
        ...openSubMenu(MY_WORK, "training_followup.training_rectification_menu_my"),
        {
            content: "Open the demand",
            trigger: ".o_data_row td:contains(TF Submit the missing evaluations)",
            run: "click",
        },
        {
            content: "Write what was done",
            trigger: ".o_field_widget[name='answer'] textarea",
            run: "edit Both evaluations were submitted on Monday",
        },
        {
            content: "Send the answer",
            trigger: ".o_form_view button[name='action_answer']",
            run: "click",
        },
        {
            content: "The demand is answered",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains(Answered)",
        },
    ],
});
