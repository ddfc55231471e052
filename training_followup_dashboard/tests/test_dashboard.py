import json

from odoo.addons.training_followup.tests.common import (
    TrainingFollowupCase,
    load_chinese,
)
from odoo.addons.training_followup.tests.test_questionnaire import QuestionnaireCase
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tools import file_open
from odoo.tools.translate import code_translations, extract_spreadsheet_terms

DASHBOARD = "training_followup_dashboard.spreadsheet_dashboard_training_effect"
JSON = "training_followup_dashboard/data/files/training_effect_dashboard.json"


def dashboard_data(env):
    return json.loads(env.ref(DASHBOARD).sudo().spreadsheet_data)


def data_sources(data):
    """(model, measures, group-bys, domain, fields matched by the filters)
    of every pivot and chart of the dashboard."""
    sources = []
    for pivot in data["pivots"].values():
        sources.append(
            (
                pivot["model"],
                [measure["fieldName"] for measure in pivot["measures"]],
                [row["fieldName"] for row in pivot["rows"]]
                + [column["fieldName"] for column in pivot["columns"]],
                pivot["domain"],
                [match["chain"] for match in pivot["fieldMatching"].values()],
            )
        )
    for sheet in data["sheets"]:
        for figure in sheet["figures"]:
            chart = figure["data"]
            meta = chart["metaData"]
            sources.append(
                (
                    meta["resModel"],
                    [meta["measure"]],
                    meta["groupBy"],
                    chart["searchParams"]["domain"],
                    [match["chain"] for match in chart["fieldMatching"].values()],
                )
            )
    return sources


def grouping_sets(group_bys):
    """The grouping sets a spreadsheet pivot asks for: every prefix of its
    group-bys, the total included."""
    return [group_bys[:index] for index in range(len(group_bys) + 1)]


def aggregates(model, measures):
    fields = model.fields_get(measures, ["aggregator"])
    return [
        measure
        if measure == "__count"
        else f"{measure}:{fields[measure]['aggregator']}"
        for measure in measures
    ]


@tagged("post_install", "-at_install")
class TestTrainingEffectDashboard(TrainingFollowupCase):
    """P4.3: the training-effect dashboard in Dashboards > Human Resources,
    read from the addon's analysis models with the reader's rights."""

    def test_p4_3_dashboard_in_the_human_resources_group(self):
        dashboard = self.env.ref(DASHBOARD)
        self.assertEqual(
            dashboard.dashboard_group_id,
            self.env.ref("spreadsheet_dashboard.spreadsheet_dashboard_group_hr"),
        )
        self.assertTrue(dashboard.is_published)
        self.assertEqual(dashboard.name, "Training Effect")

    def test_p4_3_every_data_source_exists(self):
        """The JSON parses; every pivot and chart reads a model and fields
        that exist, and runs as a training officer."""
        data = dashboard_data(self.env)
        sources = data_sources(data)
        self.assertEqual(len(data["pivots"]), 8)
        self.assertEqual(
            {model for model, *_rest in sources},
            {
                "training.satisfaction.completion",
                "training.followup.step.analysis",
                "training.followup.analysis",
                "training.satisfaction.analysis",
                "training.improvement.action",
            },
        )
        filters = {f["id"] for f in data["globalFilters"]}
        for model_name, measures, group_bys, domain, matched in sources:
            Model = self.env[model_name].with_user(self.user_officer)
            fields = Model.fields_get()
            used = [m for m in measures if m != "__count"]
            used += [group_by.split(":")[0] for group_by in group_bys]
            used += [leaf[0] for leaf in domain] + matched
            for name in used:
                self.assertIn(name, fields, f"{model_name}.{name}")
            for measure in measures:
                if measure != "__count":
                    self.assertTrue(fields[measure]["aggregator"], measure)
            Model.formatted_read_grouping_sets(
                domain, grouping_sets(group_bys), aggregates(Model, measures)
            )
        for pivot in data["pivots"].values():
            self.assertLessEqual(set(pivot["fieldMatching"]), filters)

    def test_p4_3_dashboard_texts_in_chinese(self):
        """The dashboard's name and every text of the spreadsheet (titles,
        headers, chart titles, filter labels) read in Chinese: the web
        client translates the spreadsheet's terms with the bridge's
        catalogue (its translation namespace)."""
        dashboard = self.env.ref(DASHBOARD)
        self.assertEqual(
            dashboard._get_dashboard_translation_namespace(),
            "training_followup_dashboard",
        )
        with file_open(JSON, "rb") as file:
            terms = {
                term
                for _line, _f, term, _c in extract_spreadsheet_terms(file, [], [], {})
            }
        self.assertIn("Kirkpatrick levels by course", terms)
        messages = code_translations.get_web_translations(
            "training_followup_dashboard", "zh_CN"
        )["messages"]
        translated = {message["id"]: message["string"] for message in messages}
        self.assertEqual(
            {term for term in terms if not translated.get(term)}, set(), "untranslated"
        )
        self.assertEqual(translated["Training Effect"], "培训效果")
        load_chinese(self.env, ("training_followup_dashboard",))
        self.assertEqual(dashboard.with_context(lang="zh_CN").name, "培训效果")

    def test_p4_3_officer_and_head_of_hr_see_the_dashboard(self):
        dashboard = self.env.ref(DASHBOARD)
        Dashboard = self.env["spreadsheet.dashboard"]
        for user in (self.user_officer, self.user_admin):
            self.assertEqual(
                Dashboard.with_user(user).search([("id", "=", dashboard.id)]),
                dashboard,
                user.login,
            )
            data = dashboard.with_user(user)._get_serialized_readonly_dashboard()
            self.assertIn("PIVOT.VALUE", data)

    def test_p4_3_employee_and_manager_do_not_see_the_dashboard(self):
        dashboard = self.env.ref(DASHBOARD)
        Dashboard = self.env["spreadsheet.dashboard"]
        for user in (self.user_employee, self.user_manager):
            self.assertFalse(
                Dashboard.with_user(user).search([("id", "=", dashboard.id)]),
                user.login,
            )
            with self.assertRefused(AccessError, "doesn't have 'read' access"):
                dashboard.with_user(user).read(["spreadsheet_data"])
            # nor the figures behind it
            with self.assertRefused(AccessError, "not allowed to access"):
                self.env["training.followup.analysis"].with_user(
                    user
                ).formatted_read_grouping_sets([], [["course_id"]], ["__count"])


@tagged("post_install", "-at_install")
class TestTrainingEffectDashboardAnonymity(QuestionnaireCase):
    """P3.1.4 through the dashboard: no pivot or chart of it reads a
    released group of the anonymous questionnaire below the minimum."""

    def setUp(self):
        super().setUp()
        # two answers released together under a minimum of 2...
        self.company.training_anonymity_min_group = 2
        plan = self.make_plan(
            self.respondents, date_start="2026-05-04", date_end="2026-05-05"
        )
        plan.action_communicate()
        self.use_plan(plan)
        self.answer(self.respondent_users[0], rating=5)
        self.answer(self.respondent_users[1], rating=3)
        self.close_collection()
        self.assertEqual(self.questionnaire.released_count, 2)

    def dashboard_reads(self):
        """What every questionnaire pivot and chart of the dashboard reads as
        the training officer, with the dashboard's Course filter on this
        plan's course: {group-by: groups of each grouping set}."""
        data = dashboard_data(self.env)
        reads = {}
        for model_name, measures, group_bys, domain, _matched in data_sources(data):
            if model_name != "training.satisfaction.analysis":
                continue
            Model = self.env[model_name].with_user(self.user_officer)
            reads[tuple(group_bys)] = Model.formatted_read_grouping_sets(
                [*domain, ("course_id", "in", self.course.ids)],
                grouping_sets(group_bys),
                aggregates(Model, measures),
            )
        self.assertEqual(
            set(reads), {("course_id",), ("department_id",)}, "by course and dept."
        )
        return reads

    def test_p3_1_4_dashboard_shows_a_released_group_of_the_minimum(self):
        reads = self.dashboard_reads()
        by_course = reads["course_id",][1]
        self.assertEqual(len(by_course), 1)
        self.assertEqual(by_course[0]["course_id"][0], self.course.id)
        self.assertAlmostEqual(by_course[0]["rating:avg"], 4.0)

    def test_p3_1_4_dashboard_reads_no_group_below_the_minimum(self):
        # ...and the minimum raised to 3 since: those 2 are below it now
        self.company.training_anonymity_min_group = 3
        for group_by, groups in self.dashboard_reads().items():
            for grouping_set, rows in zip(
                grouping_sets(list(group_by)), groups, strict=True
            ):
                self.assertEqual(rows, [], f"{grouping_set}: below the minimum")


@tagged("post_install", "-at_install")
class TestTrainingEffectDashboardTour(HttpCase, TrainingFollowupCase):
    def test_p4_3_head_of_hr_opens_the_dashboard(self):
        """The head of HR opens Dashboards > Training Effect: a pivot cell
        of the dashboard shows."""
        plan = self.make_plan(self.employee | self.colleague)
        plan.action_communicate()
        self.start_tour(
            "/odoo/action-spreadsheet_dashboard.ir_actions_dashboard_action",
            "training_followup_dashboard_tour",
            login=self.user_admin.login,
        )
