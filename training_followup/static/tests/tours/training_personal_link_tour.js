import { registry } from "@web/core/registry";

// P3.1.4: a participant without a login answers the anonymous questionnaire
// from their personal link, on a phone (375 px wide).
registry.category("web_tour.tours").add("training_followup_questionnaire_phone_tour", {
    steps: () => [
        {
            content: "Start from the personal link",
            trigger: ".o_training_answer_link_start",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The questionnaire fits the phone's width",
            trigger: ".o_training_questionnaire_form",
            run() {
                const width = window.innerWidth;
                if (width > 400) {
                    throw new Error(`Not a phone: ${width} px wide`);
                }
                if (document.documentElement.scrollWidth > width) {
                    throw new Error("The page scrolls sideways on a phone");
                }
            },
        },
        ...["content", "method", "trainer", "schedule", "application"].map((dimension) => ({
            content: `Rate the ${dimension}`,
            trigger: `.o_tf_question[data-dimension='${dimension}'] input[value='5']`,
            run: "click",
        })),
        {
            content: "Write a suggestion",
            trigger: ".o_tf_question[data-dimension='suggestion'] textarea",
            run: "edit More practice on the line",
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
