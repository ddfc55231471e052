import { registry } from "@web/core/registry";

/**
 * P4.1: an employee opens an eLearning course that requires follow-up on the
 * website, joins it and marks its content done; the follow-up it starts is
 * checked in Python after the tour.
 */
registry.category("web_tour.tours").add("training_followup_slides_complete_tour", {
    steps: () => [
        {
            content: "Join the course",
            trigger: 'a:contains("Join this Course")',
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Enrolled",
            trigger: '.o_wslides_js_course_join:contains("You\'re enrolled")',
        },
        {
            content: "Mark the article done",
            trigger:
                '.o_wslides_sidebar_done_button:not([data-completed="True"]) .o_wslides_button_complete',
            run: "click",
        },
        {
            content: "The article is done",
            trigger: ".o_wslides_sidebar_done_button .o_wslides_slide_completed",
        },
    ],
});
