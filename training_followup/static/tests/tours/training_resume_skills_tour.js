import { registry } from "@web/core/registry";

// P3.1.1: an HR user opens the employee form: the Resume holds the line of
// the follow-up with its grade, the Skills the raised level and its timeline.
registry.category("web_tour.tours").add("training_followup_resume_skills_tour", {
    steps: () => [
        {
            content: "Open the Resume tab",
            trigger: ".o_notebook .nav-link:contains('Resume')",
            run: "click",
        },
        {
            content: "The Resume shows the training of the follow-up",
            trigger: ".o_field_resume_one2many .o_resume_line_title:contains('TF Complaint Handling')",
        },
        {
            content: "Its description gives the knowledge grade",
            trigger: ".o_field_resume_one2many .o_resume_line_desc:contains('Knowledge test: Good (80.0 %)')",
        },
        {
            content: "The skill shows the level the pass gave",
            trigger: ".o_field_skills_one2many .o_data_row:contains('TF 5S'):contains('TF Practitioner')",
        },
        {
            content: "Open the skills' timeline",
            trigger: ".o_field_skills_one2many a:contains('Timeline')",
            run: "click",
        },
        {
            content: "The timeline of the employee's skills opens",
            trigger: ".o_graph_view .o_graph_renderer",
        },
    ],
});
