from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time, tagged

from ..tools.process_guard import in_process
from .test_questionnaire import QuestionnaireCase

# groupings the pivot and graph of the questionnaire statistics offer
GROUPINGS = (
    [],
    ["plan_id"],
    ["dimension"],
    ["department_id"],
    ["plan_id", "department_id"],
    ["course_id", "dimension"],
    ["question_id", "rating_5"],
)


@tagged("post_install", "-at_install")
class TestQuestionnaireRelease(QuestionnaireCase):
    """P3.1.4: results are released in groups, never answer by answer, so
    that a watching officer cannot difference them (docs/anonymity.md)."""

    def officer_view(self):
        """Every statistic of the questionnaire an officer can reach: its
        form, the statistics pivot in each grouping, the session's reaction
        level, the follow-up report's figures and the export's rows."""
        self.env.invalidate_all()
        officer = self.user_officer
        questionnaire = self.questionnaire.with_user(officer)
        Report = self.env["training.satisfaction.analysis"].with_user(officer)
        domain = [("plan_id", "=", self.plan.id)]
        export = (
            self.env["training.followup.export"]
            .with_user(officer)
            .create({"plan_id": self.plan.id})
        )
        return {
            "form": (
                questionnaire.results_visible,
                str(questionnaire.results_html),
                str(questionnaire.suggestions_html),
                questionnaire.released_count,
            ),
            "pivot": [
                Report.formatted_read_group(
                    domain, grouping, ["rating:avg", "rating_1:sum", "rating_5:sum"]
                )
                for grouping in GROUPINGS
            ],
            "reaction": self.plan.session_id.with_user(officer).kp_reaction,
            # the figures of the follow-up report (who answered left out:
            # officers see the completions anyway)
            "report": {
                key: value
                for key, value in self.env["training.followup.report"]
                .with_user(officer)
                ._get_questionnaire_statistics(self.plan)
                .items()
                if key.startswith("questionnaire_")
                and key
                not in (
                    "questionnaire_answer_count",
                    "questionnaire_response_rate",
                    "questionnaire_participant_count",
                )
            },
            "export": [
                row[4:] for row in export._questionnaire_rows(self.plan.followup_ids)
            ],
        }

    def use_plan_with_plant_workers(self, count):
        """A minimum group of 2 and a plan of the four Sales respondents and
        `count` plant workers who log in; returns the workers' users."""
        self.company.training_anonymity_min_group = 2
        plant_users, plant = self.create_team_members("tf_test_plant", count)
        plant.write({"department_id": self.other_department.id})
        plan = self.make_plan(
            self.respondents | plant, date_start="2026-05-04", date_end="2026-05-05"
        )
        plan.action_communicate()
        self.use_plan(plan)
        return plant_users

    def test_p3_1_4_a_watching_officer_learns_nothing_from_one_answer(self):
        """The attack: read every statistic, one named employee answers,
        read again. While collecting, nothing changes; at the release the
        figures appear; one later answer changes nothing until the minimum
        group of later answers has arrived."""
        self.assertEqual(self.questionnaire.min_group_size, 3)
        self.answer(self.respondent_users[1], rating=2, text="Too fast")
        self.answer(self.respondent_users[2], rating=3, text="Good trainer")
        before = self.officer_view()
        self.answer(self.respondent_users[3], rating=5, text="Named by nobody")
        self.assertEqual(self.officer_view(), before, "collecting: nothing moves")
        self.assertNotIn("Named by nobody", before["form"][2])
        self.assertFalse(before["form"][0])
        self.assertEqual(before["reaction"], 0.0)

        self.close_collection()
        released = self.officer_view()
        self.assertTrue(released["form"][0])
        self.assertEqual(released["form"][3], 3)
        self.assertIn("Named by nobody", released["form"][2])
        self.assertAlmostEqual(released["reaction"], (2 + 3 + 5) / 3)

        # the fourth participant answers after the release: nothing moves
        # (with 4 participants and a minimum of 3, never released alone)
        self.answer(self.respondent_users[0], rating=1, text="Late words")
        late = self.officer_view()
        self.assertEqual(late, released, "one later answer stays out")
        self.env["training.satisfaction.questionnaire"]._cron_release_answers()
        self.assertEqual(self.officer_view(), released, "1 < 3: still held back")
        self.assertNotIn("Late words", str(self.questionnaire.suggestions_html))

    def test_p3_1_4_later_answers_released_together_once_enough(self):
        self.company.training_anonymity_min_group = 2
        users, employees = self.create_team_members("tf_test_late", 2)
        plan = self.make_plan(
            self.respondents | employees, date_start="2026-05-04", date_end="2026-05-05"
        )
        plan.action_communicate()
        self.use_plan(plan)
        self.answer(self.respondent_users[0], rating=4)
        self.answer(self.respondent_users[1], rating=4)
        with freeze_time(fields.Date.add(self.questionnaire.date_deadline, days=1)):
            Questionnaire = self.env["training.satisfaction.questionnaire"]
            self.assertEqual(Questionnaire._cron_release_answers(), 2, "date passed")
            self.assertEqual(Questionnaire._cron_release_answers(), 0, "once")
            self.assertEqual(self.questionnaire.collection_state, "closed")
            shown = self.officer_view()
            self.answer(users[0], rating=1)
            self.assertEqual(Questionnaire._cron_release_answers(), 0)
            self.assertEqual(self.officer_view(), shown)
            self.answer(users[1], rating=1)
            self.assertEqual(Questionnaire._cron_release_answers(), 2, "together")
            self.env.invalidate_all()
            self.assertEqual(self.questionnaire.released_count, 4)
            self.assertIn("2.50", str(self.questionnaire.results_html), "(4+4+1+1)/4")

    def test_p3_1_4_only_an_officer_closes_the_collection(self):
        for user in (self.user_employee, self.user_manager, self.user_supervisor):
            with self.assertRefused(AccessError, "Only a training officer"):
                self.questionnaire.with_user(user).action_close_collection()
        self.assertEqual(self.questionnaire.collection_state, "collecting")
        self.close_collection()
        self.assertEqual(self.questionnaire.collection_state, "closed")
        self.assertFalse(self.questionnaire.results_visible, "nobody answered")

    def test_p3_1_4_department_counts_respondents_not_participants(self):
        """Four participants from Sales, the plan's department: one Sales
        respondent among three answers from elsewhere would name its author
        if the sheet kept the department."""
        plant_users = self.use_plan_with_plant_workers(3)
        for user in plant_users:
            self.answer(user)
        self.answer(self.user_employee)
        submitted = self.sheets().filtered(lambda s: s.state == "submitted")
        self.close_collection()
        self.assertEqual(len(submitted.filtered("released")), 4)
        # the lone Sales respondent's sheet keeps no department; the Plant
        # sheets would then name it as the one left: they keep none either
        # (complementary suppression, decided at release)
        self.assertFalse(submitted.department_id)
        groups = (
            self.env["training.satisfaction.analysis"]
            .with_user(self.user_officer)
            ._read_group(
                [("plan_id", "=", self.plan.id)], ["department_id"], ["__count"]
            )
        )
        self.assertEqual(groups, [(self.env["hr.department"], 20)], "4 sheets x 5")

    def test_p3_1_4_department_kept_when_enough_of_it_answered(self):
        plant_users = self.use_plan_with_plant_workers(2)
        for user in plant_users | self.respondent_users[:2]:
            self.answer(user)
        self.close_collection()
        self.assertEqual(
            sorted(self.sheets().filtered("released").mapped("department_id.name")),
            ["TF Plant", "TF Sales"],
        )

    def test_p3_1_4_complementary_suppression(self):
        """No total minus the groups shown equals 1 to N-1 answers."""
        Report = self.env["training.satisfaction.analysis"].with_user(self.user_officer)
        sales, plant, nobody = (
            self.department,
            self.other_department,
            self.env["hr.department"],
        )
        # (grouped values..., count of answers), N = 3
        rows = [(sales, 5), (plant, 4), (nobody, 2)]
        self.assertEqual(
            Report._keep_large_groups(rows, 1), [(sales,)], "2 hidden: plant too"
        )
        rows = [(sales, 5), (plant, 4), (nobody, 3)]
        self.assertEqual(Report._keep_large_groups(rows, 1), [r[:-1] for r in rows])
        rows = [(sales, 5), (plant, 4), ("a", 1), ("b", 1)]
        self.assertEqual(
            Report._keep_large_groups(rows, 1), [(sales,)], "1 + 1 hidden: plant too"
        )
        # two dimensions: hiding a cell hides its smallest sibling in each
        rows = [
            (sales, "content", 6),
            (sales, "method", 6),
            (plant, "content", 2),
            (plant, "method", 5),
            (nobody, "content", 4),
        ]
        kept = Report._keep_large_groups(rows, 2)
        self.assertEqual(kept, [(sales, "content"), (sales, "method")])
        # the property itself, on every partition of what is left
        shown = {row[:-1] for row in rows} & set(kept)
        for position in range(2):
            partitions = {}
            for row in rows:
                key = row[:position] + row[position + 1 : 2]
                partitions.setdefault(key, []).append(row)
            for members in partitions.values():
                left_out = sum(r[-1] for r in members if r[:-1] not in shown)
                self.assertFalse(0 < left_out < 3, f"{members}: {left_out} isolated")

    def test_p3_1_4_minimum_group_frozen_at_kickoff(self):
        self.assertEqual(self.questionnaire.min_group_size, 3)
        self.company.training_anonymity_min_group = 2
        self.assertEqual(self.questionnaire.min_group_size, 3, "copied at kick-off")
        self.answer(self.user_employee)
        with self.assertRefused(UserError, "can only be raised"):
            self.questionnaire.sudo().write({"min_group_size": 2})
        self.assertEqual(self.questionnaire.min_group_size, 3)
        self.questionnaire.sudo().write({"min_group_size": 4})
        self.assertEqual(self.questionnaire.min_group_size, 4)
        with self.assertRefused(UserError, "at least 2"):
            self.questionnaire.sudo().write({"min_group_size": 1})
        # nobody but the addon writes it: the officer reads the questionnaire only
        with self.assertRefused(AccessError, ""):
            self.questionnaire.with_user(self.user_officer).write(
                {"min_group_size": 10}
            )

    def test_p3_1_4_closing_the_plan_releases_and_takes_no_more_answers(self):
        for user in self.respondent_users[:3]:
            self.answer(user)
        in_process(self.plan).write({"state": "reported"})
        self.plan.action_close()
        self.assertEqual(self.questionnaire.collection_state, "closed")
        self.assertEqual(self.questionnaire.released_count, 3)
        with self.assertRefused(UserError, "closed"):
            self.answer(self.respondent_users[3])
        self.assertEqual(
            self.questionnaire.completion_ids.filtered(
                lambda c: c.state == "answered"
            ).user_id,
            self.respondent_users[:3],
        )
