import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

// P4.1: the training officer marks an attendee Attended in Events and opens
// the follow-up plan that attendance drafted.
registry.category("web_tour.tours").add("training_followup_event_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Events app",
            trigger: ".o_app[data-menu-xmlid='event.event_main_menu']",
            run: "click",
        },
        {
            content: "Open the training event",
            trigger: ".o_kanban_record:contains(TF Tour Workshop)",
            run: "click",
        },
        {
            content: "Open its attendees",
            trigger: ".o_form_view button.oe_stat_button:contains(Attendees)",
            run: "click",
        },
        {
            content: "Mark the employee as attending",
            trigger: ".o_list_view .o_data_row:contains(TF Colleague) button[name='action_set_done']",
            run: "click",
        },
        {
            trigger: ".o_list_view .o_data_row:contains(TF Colleague) .o_field_badge:contains(Attended)",
        },
        {
            content: "Back to the event",
            trigger: ".o_breadcrumb .o_back_button, .o_breadcrumb a:contains(TF Tour Workshop)",
            run: "click",
        },
        {
            content: "Open the follow-up plan from the smart button",
            trigger: ".o_form_view button[name='action_view_training_plan']",
            run: "click",
        },
        {
            content: "The drafted plan lists the attendee",
            trigger: ".o_form_view .o_field_widget[name='participant_ids'] .o_tag:contains(TF Colleague)",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='course_id']:contains(TF Complaint Handling)",
        },
    ],
});
