import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

// P1.2: a training officer records a session with its participants.
registry.category("web_tour.tours").add("training_followup_session_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Training Follow-up app",
            trigger: ".o_app[data-menu-xmlid='training_followup.training_followup_menu_root']",
            run: "click",
        },
        {
            content: "Open the Follow-up menu (its Trainings section)",
            trigger: ".o_menu_sections [data-menu-xmlid='training_followup.training_followup_menu_followup']",
            run: "click",
        },
        {
            content: "Open the sessions",
            trigger: ".dropdown-item[data-menu-xmlid='training_followup.training_session_menu']",
            run: "click",
        },
        {
            content: "Create a session",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Choose the course",
            trigger: ".o_field_widget[name='course_id'] input",
            run: "edit TF Complaint",
        },
        {
            trigger: ".o-autocomplete--dropdown-item .dropdown-item:contains(TF Complaint Handling)",
            run: "click",
        },
        {
            content: "Add a participant",
            trigger: ".o_field_widget[name='participant_ids'] input",
            run: "edit TF Employee",
        },
        {
            trigger: ".o-autocomplete--dropdown-item .dropdown-item:contains(TF Employee)",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name='participant_ids'] .o_tag:contains(TF Employee)",
        },
        {
            content: "Save the session",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_form_saved",
        },
    ],
});

// The participant finds the session under My Trainings.
registry.category("web_tour.tours").add("training_followup_my_trainings_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Training Follow-up app",
            trigger: ".o_app[data-menu-xmlid='training_followup.training_followup_menu_root']",
            run: "click",
        },
        {
            content: "Open My Work",
            trigger: ".o_menu_sections [data-menu-xmlid='training_followup.training_followup_menu_my_work']",
            run: "click",
        },
        {
            content: "Open My Trainings",
            trigger: ".dropdown-item[data-menu-xmlid='training_followup.training_session_menu_my']",
            run: "click",
        },
        {
            content: "The session is listed",
            trigger: ".o_data_row .o_data_cell:contains(TF Complaint Handling)",
            run: "click",
        },
        {
            content: "Its form shows the course",
            trigger: ".o_form_view .o_field_widget[name='course_id']:contains(TF Complaint Handling)",
        },
    ],
});
