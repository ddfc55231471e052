import json
import logging
from datetime import date, datetime, time, timedelta

import pytz
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import file_open
from odoo.tools.date_utils import float_to_time
from odoo.tools.intervals import Intervals

_logger = logging.getLogger(__name__)

try:  # the well-kept schedule of the State Council, when installed
    from chinese_calendar import constants as china_calendar
except ImportError:
    china_calendar = None

# the schedule shipped with the addon, for when the package is not installed
CHINA_DAYS_FILE = "training_followup/data/china_official_days.json"


def china_holiday_names(env):
    """The holidays of China's official schedule, as the package and the
    shipped file name them, in the reader's language."""
    return {
        "New Year's Day": env._("New Year's Day"),
        "Spring Festival": env._("Spring Festival"),
        "Tomb-sweeping Day": env._("Tomb-sweeping Day"),
        "Labour Day": env._("Labour Day"),
        "Dragon Boat Festival": env._("Dragon Boat Festival"),
        "Mid-autumn Festival": env._("Mid-autumn Festival"),
        "National Day": env._("National Day"),
    }


class ResourceCalendar(models.Model):
    _inherit = "resource.calendar"

    workday_ids = fields.One2many(
        "resource.calendar.workday",
        "calendar_id",
        string="Make-up Working Days",
        help="Days off in the weekly pattern that are worked this year to make up "
        "for public holidays (e.g. the Saturday before the Spring Festival).",
    )

    def _attendance_intervals_batch(  # noqa: PLR0913, PLR0917 (Odoo's signature)
        self, start_dt, end_dt, resources=None, domain=None, tz=None, lunch=False
    ):
        """A make-up working day is worked like the calendar's first working
        day of the week (its hours), so that every computation in working
        days (Odoo's plan_days, the follow-up deadlines) counts it."""
        result = super()._attendance_intervals_batch(
            start_dt, end_dt, resources=resources, domain=domain, tz=tz, lunch=lunch
        )
        if lunch or self.flexible_hours:
            return result
        # a day either side: the bounds are in UTC, the days in local time
        first = start_dt.date() - timedelta(days=1)
        last = end_dt.date() + timedelta(days=1)
        workdays = self.workday_ids.filtered(lambda w: first <= w.date <= last)
        attendances = self.attendance_ids.filtered(
            lambda a: not a.display_type and a.day_period != "lunch"
        )
        if not workdays or not attendances:
            return result
        weekday = min(attendances.mapped("dayofweek"))
        pattern = attendances.filtered(lambda a: a.dayofweek == weekday)
        hours = sorted({(a.hour_from, a.hour_to): a for a in pattern}.items())
        Resource = self.env["resource.resource"]
        for resource_id, intervals in result.items():
            zone = tz or pytz.timezone(
                (Resource.browse(resource_id) or self).tz or "UTC"
            )
            extra = []
            for workday in workdays:
                for (hour_from, hour_to), attendance in hours:
                    start = zone.localize(
                        datetime.combine(workday.date, float_to_time(hour_from))
                    )
                    stop = zone.localize(
                        datetime.combine(workday.date, float_to_time(hour_to))
                    )
                    start, stop = max(start, start_dt), min(stop, end_dt)
                    if start < stop:
                        extra.append((start, stop, attendance))
            if extra:
                result[resource_id] = intervals | Intervals(extra, keep_distinct=True)
        return result

    # ------------------------------------------------------------------
    # Working-day arithmetic of the follow-up deadlines (P1.3): one
    # implementation for every deadline and notice of every company
    # ------------------------------------------------------------------
    def _training_plan_days(self, day, count):
        """The count-th working day of this calendar from the start of `day`
        (Odoo's plan_days: forward with `day` counted when count > 0, back
        with `day` left out when count < 0), public holidays and leaves left
        out, make-up working days counted; None when none is found."""
        self.ensure_one()
        zone = pytz.timezone(self.tz or "UTC")
        found = self.plan_days(
            count, zone.localize(datetime.combine(day, time.min)), compute_leaves=True
        )
        return found.astimezone(zone).date() if found else None

    def _training_due_date(self, start, value, unit):
        """The deadline `value` `unit` after the day `start` (P1.3 timely).

        working_days: the value-th working day after `start` (start excluded).
        weeks / months: the calendar date, moved to the next working day when it
        is not one. Without a calendar (an empty recordset), calendar days.
        """
        if unit == "working_days":
            count, first = value, start + relativedelta(days=1)
        else:
            count, first = 1, start + relativedelta(**{unit: value})
        if count <= 0:
            return start
        if not self:
            return first
        return self._training_plan_days(first, count) or first

    def _training_working_days_before(self, day, count):
        """The count-th working day before `day` (day excluded); `day` itself
        when count is 0. Without a calendar (an empty recordset), calendar
        days."""
        if count <= 0:
            return day
        fallback = day - relativedelta(days=count)
        if not self:
            return fallback
        return self._training_plan_days(day, -count) or fallback

    @api.model
    def _china_official_days(self):
        """{year: {"holidays": {day: holiday}, "workdays": {day: holiday}}}
        of China's official schedule: from the chinese-calendar package when
        installed, else from the file shipped with the addon."""
        if china_calendar:
            schedule = {}
            for kind in ("holidays", "workdays"):
                for day, holiday in getattr(china_calendar, kind).items():
                    year = schedule.setdefault(
                        day.year, {"holidays": {}, "workdays": {}}
                    )
                    year[kind][day] = str(holiday)
            return schedule
        with file_open(CHINA_DAYS_FILE) as shipped:
            data = json.load(shipped)
        return {
            int(year): {
                kind: {date.fromisoformat(day): name for day, name in days.items()}
                for kind, days in kinds.items()
            }
            for year, kinds in data.items()
        }

    def action_load_china_official_days(self, years=None):
        """Load China's official public holidays and make-up working days of
        this year and the next (when published) into the calendar. Loading
        twice adds nothing."""
        user = self.env.user
        # who may load, not a process lock: like the access rights this check
        # stands for, superuser mode (the demo data, the shell) passes
        if not self.env.su and not any(
            user.has_group(group)
            for group in (
                "hr.group_hr_user",
                "base.group_system",
                "training_followup.group_training_admin",
            )
        ):
            raise UserError(
                self.env._(
                    "Only HR officers and the head of HR load the official schedule."
                )
            )
        # sudo: the head of HR keeps the calendars of the follow-up deadlines
        # (P1.3) even without Odoo's HR officer rights
        self = self.sudo()  # noqa: PLW0642
        today = fields.Date.context_today(self)
        years = years or [today.year, today.year + 1]
        schedule = self._china_official_days()
        found = [year for year in years if year in schedule]
        if not found:
            raise UserError(
                self.env._(
                    "China's official schedule of %(years)s is not known yet: "
                    "install or update the chinese-calendar package.",
                    years=", ".join(map(str, years)),
                )
            )
        names = china_holiday_names(self.env)
        Leave = self.env["resource.calendar.leaves"]
        for calendar in self:
            zone = pytz.timezone(calendar.tz or "UTC")
            known_leaves = {
                pytz.utc.localize(leave.date_from).astimezone(zone).date()
                for leave in calendar.global_leave_ids
            }
            known_workdays = set(calendar.workday_ids.mapped("date"))
            leaves, workdays = [], []
            for year in found:
                for day, holiday in sorted(schedule[year]["holidays"].items()):
                    if day in known_leaves:
                        continue
                    leaves.append(
                        {
                            "name": names.get(holiday, holiday),
                            "calendar_id": calendar.id,
                            "date_from": calendar._utc(zone, day, time.min),
                            "date_to": calendar._utc(zone, day, time(23, 59, 59)),
                        }
                    )
                workdays += [
                    {
                        "calendar_id": calendar.id,
                        "date": day,
                        "name": names.get(holiday, holiday),
                    }
                    for day, holiday in sorted(schedule[year]["workdays"].items())
                    if day not in known_workdays
                ]
            Leave.create(leaves)
            self.env["resource.calendar.workday"].create(workdays)
            _logger.info(
                "Calendar %s: China's official schedule of %s loaded (%s public "
                "holidays, %s make-up working days)",
                calendar.id,
                found,
                len(leaves),
                len(workdays),
            )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "China's official schedule of %(years)s is in the calendar.",
                    years=", ".join(map(str, found)),
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    @staticmethod
    def _utc(zone, day, moment):
        return (
            zone.localize(datetime.combine(day, moment))
            .astimezone(pytz.utc)
            .replace(tzinfo=None)
        )
