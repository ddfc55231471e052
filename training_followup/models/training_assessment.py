from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import html2plaintext

from ..tools.process_guard import process_action
from ..tools.reader_language import for_document
from .training_grade_scale import GRADES

METHODS = [
    ("written", "Written Exam"),
    ("practical", "Practical Operation"),
    ("case", "Case Analysis"),
]


class TrainingAssessment(models.Model):
    """Knowledge/skill test result (知识技能考核, P3.1.1), recorded in the
    employee's training record; a written exam can be a scored Odoo survey."""

    _name = "training.assessment"
    _description = "Knowledge and Skill Test"
    # P4.6: archived with the yearly cycle (training.followup.archivable)
    _archive_sequence = 60
    _archive_date_field = "date"
    _archive_report = "training_followup.action_report_assessment_year"
    _archive_per_year = True
    _inherit = [
        "training.followup.record",
        "training.followup.archivable",
        "training.process.guard",
    ]
    # P3.1.1: a test result is recorded with its button; once recorded,
    # its score is final
    _process_fields = ("state", "user_input_id")
    _process_locked_states = ("done",)
    _process_locked_fields = ("method", "score", "max_score")

    method = fields.Selection(METHODS, required=True, default="written", tracking=True)
    score = fields.Float(tracking=True)
    max_score = fields.Float(default=100.0)
    percentage = fields.Float(compute="_compute_grade", store=True, aggregator="avg")
    grade = fields.Selection(GRADES, compute="_compute_grade", store=True)
    state = fields.Selection(
        [("draft", "Draft"), ("done", "Recorded")], default="draft", tracking=True
    )
    survey_id = fields.Many2one(
        "survey.survey",
        string="Test Survey",
        domain=[("scoring_type", "!=", "no_scoring")],
        help="A scored survey: the participant's finished attempt fills the score.",
    )
    user_input_id = fields.Many2one("survey.user_input", readonly=True, copy=False)
    note = fields.Text()

    @api.depends("score", "max_score", "company_id")
    def _compute_grade(self):
        Scale = self.env["training.grade.scale"]
        for assessment in self:
            if not assessment.max_score:
                assessment.percentage = assessment.grade = False
                continue
            assessment.percentage = 100.0 * assessment.score / assessment.max_score
            scale = Scale._get_company_scale(assessment.company_id or self.env.company)
            assessment.grade = (
                scale._get_grade(assessment.percentage) if scale else False
            )

    @api.constrains("score", "max_score")
    def _check_score(self):
        for assessment in self:
            if (
                assessment.max_score <= 0
                or not 0 <= assessment.score <= assessment.max_score
            ):
                raise ValidationError(
                    self.env._(
                        "A test score must lie between 0 and the maximum score, which "
                        "must be positive."
                    )
                )

    @process_action
    def action_record(self):
        """P3.1.1: record the result; the knowledge test step is done."""
        for assessment in self:
            if assessment.state != "draft":
                raise UserError(self.env._("This test result is already recorded."))
            # P3.1.1, P5.1: nobody records their own test result
            if assessment.followup_id.employee_user_id == self.env.user:
                raise UserError(
                    self.env._(
                        "You cannot record your own test result: another training "
                        "officer records it."
                    )
                )
        self.state = "done"
        for assessment in self:
            assessment.followup_id._done_steps("knowledge_test", record=assessment)
        # P3.1.1: the grade reaches the employee's resume and skills
        self.followup_id._results_changed()
        return True

    @process_action
    def action_send_survey(self):
        """Invite the participant to the scored survey of a written exam."""
        self.ensure_one()
        if not self.survey_id:
            raise UserError(self.env._("Choose the test survey first."))
        partner = (
            self.employee_id.user_id.partner_id or self.employee_id.work_contact_id
        )
        if not partner:
            raise UserError(self.env._("The participant has no contact to invite."))
        answer = self.survey_id.sudo()._create_answer(
            partner=partner, check_attempts=False
        )
        self.user_input_id = answer
        # P1.3: the employee's test speaks the employee's language
        local = for_document(self)
        local.message_post(
            body=local.env._("Test survey sent to %(name)s.", name=partner.name)
        )
        return True

    def _give_certification_lines(self):
        """P3.1.1: a test passed as a certification survey gives Odoo's
        certification line on the Resume (hr_skills_survey). Odoo finds the
        employee by their user; an employee without one answers as their work
        contact (action_send_survey), so the addon writes their line itself,
        with the values Odoo gives, once per survey."""
        # sudo: the attempt is finished on the survey's public page; the
        # line is the certification's, computed here, never typed
        todo = self.sudo().filtered(
            lambda a: (
                a.user_input_id.survey_id.certification
                and a.user_input_id.scoring_success
                and not a.employee_id.user_id
                and a.user_input_id.partner_id == a.employee_id.work_contact_id
            )
        )
        if not todo:
            return self.env["hr.resume.line"]
        Line = self.env["hr.resume.line"].sudo()
        held = Line.search(
            [
                ("employee_id", "in", todo.employee_id.ids),
                ("survey_id", "in", todo.user_input_id.survey_id.ids),
            ]
        ).mapped(lambda line: (line.employee_id, line.survey_id))
        line_type = self.env.ref("hr_skills_survey.resume_type_certification", False)
        today = fields.Date.context_today(self)
        vals_list = []
        for assessment in todo:
            survey = assessment.user_input_id.survey_id
            key = (assessment.employee_id, survey)
            if key in held:
                continue
            held.append(key)
            months = survey.certification_validity_months
            vals_list.append(
                {
                    "employee_id": assessment.employee_id.id,
                    "name": survey.title,
                    "date_start": today,
                    "date_end": today + relativedelta(months=months)
                    if months
                    else False,
                    "description": html2plaintext(survey.description or ""),
                    "line_type_id": line_type.id if line_type else False,
                    "survey_id": survey.id,
                }
            )
        return Line.create(vals_list)

    @process_action
    def _fill_from_survey(self, user_input):
        self.write(
            {
                "score": user_input.scoring_percentage,
                "max_score": 100.0,
                "user_input_id": user_input.id,
            }
        )
        self.filtered(lambda a: a.state == "draft").action_record()
