import { registry } from "@web/core/registry";

// P4.3: Dashboards > Human Resources > Training Effect renders its pivots.
registry.category("web_tour.tours").add("training_followup_dashboard_tour", {
    steps: () => [
        {
            content: "Open the Training Effect dashboard",
            trigger: ".o_search_panel_category_value[data-name='Training Effect']",
            run: "click",
        },
        {
            content: "The Training Effect dashboard is the one shown",
            trigger: ".o_search_panel_category_value.active[data-name='Training Effect']",
        },
        {
            content: "A pivot cell of the dashboard shows a value",
            trigger: ".o_spreadsheet_dashboard_action .o-dashboard-clickable-cell",
        },
    ],
});
