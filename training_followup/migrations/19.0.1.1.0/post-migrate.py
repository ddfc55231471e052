"""19.0.1.1.0: step, session and plan names speak every language.

The names became translated fields; Odoo moved each old name under en_US.
Where an old name is still the one the addon made (its template line's name,
the course's name and date, the session's name), it takes every language of
its source, so that a Chinese reader of an existing follow-up reads Chinese.
Names typed by hand are left as they are.
"""


def migrate(cr, version):
    if not version:
        return
    # a step named after its template line (a repeated line adds " 2", " 3" ...)
    cr.execute(
        """
        UPDATE training_followup_step step
           SET name = (
                SELECT jsonb_object_agg(
                    t.key,
                    t.value || substr(step.name->>'en_US',
                                      length(line.name->>'en_US') + 1))
                  FROM jsonb_each_text(line.name) t)
          FROM training_followup_template_line line
         WHERE step.template_line_id = line.id
           AND starts_with(step.name->>'en_US', line.name->>'en_US')
           AND substr(step.name->>'en_US', length(line.name->>'en_US') + 1)
               ~ '^( [0-9]+)?$'
        """
    )
    # a session named after its course and start day
    cr.execute(
        """
        UPDATE training_session session
           SET name = (
                SELECT jsonb_object_agg(
                    t.key,
                    t.value || ' ('
                        || to_char(session.date_start, 'YYYY-MM-DD') || ')')
                  FROM jsonb_each_text(course.name) t)
          FROM training_course course
         WHERE session.course_id = course.id
           AND session.name->>'en_US' = (course.name->>'en_US')
               || ' (' || to_char(session.date_start, 'YYYY-MM-DD') || ')'
        """
    )
    # a plan named after its session
    cr.execute(
        """
        UPDATE training_followup_plan plan
           SET name = session.name
          FROM training_session session
         WHERE plan.session_id = session.id
           AND plan.name->>'en_US' = session.name->>'en_US'
        """
    )
