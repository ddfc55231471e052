from odoo import Command
from odoo.addons.training_followup.tests.common import TrainingFollowupCase
from odoo.tests import new_test_user


class ElearningFollowupCase(TrainingFollowupCase):
    """An eLearning course that requires follow-up (its training course is
    the base case's), with one article to complete; its responsible is the
    training officer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_officer.group_ids = [
            Command.link(cls.env.ref("website_slides.group_website_slides_officer").id)
        ]
        cls.user_elearning = new_test_user(
            cls.env,
            login="tf_test_elearning",
            groups="base.group_user,website_slides.group_website_slides_officer",
            name="tf_test_elearning",
        )
        cls.channel = cls.create_channel(cls.course)
        cls.slide = cls.channel.slide_ids

    @classmethod
    def create_channel(cls, course, **values):
        return cls.env["slide.channel"].create(
            {
                "name": f"TF eLearning {course.name}",
                "channel_type": "training",
                "visibility": "connected",
                "enroll": "public",
                "is_published": True,
                "user_id": cls.user_officer.id,
                "training_course_id": course.id,
                "slide_ids": [
                    Command.create(
                        {
                            "name": "TF Handling a complaint",
                            "slide_category": "article",
                            "html_content": "<p>Listen, restate, act.</p>",
                            "is_published": True,
                        }
                    )
                ],
                **values,
            }
        )

    def complete(self, partner, channel=None):
        """`partner` joins the course and completes its content (eLearning's
        own path: its completion hook runs); their attendance."""
        channel = channel or self.channel
        channel.sudo()._action_add_members(partner)
        self.env["slide.slide.partner"].create(
            [
                {"slide_id": slide.id, "partner_id": partner.id, "completed": True}
                for slide in channel.slide_ids
            ]
        )
        return self.env["slide.channel.partner"].search(
            [("channel_id", "=", channel.id), ("partner_id", "=", partner.id)]
        )

    def first_employee_line(self, template):
        """The template's first step of the employee (P4.1)."""
        return template.line_ids.filtered(
            lambda line: (
                line.responsible == "employee"
                and line.step_type not in ("kickoff", "meeting", "followup_report")
            )
        ).sorted(lambda line: (line.sequence, line.id))[:1]

    def expected_first_deadline(self, template, day):
        line = self.first_employee_line(template)
        value, unit = line._get_offset(self.company)
        return line, self.company._training_due_date(day, value, unit)
