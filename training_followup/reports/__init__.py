from . import training_followup_analysis
from . import training_followup_step_analysis
from . import training_satisfaction_analysis
from . import training_career_progress_analysis
from . import training_application_trend_analysis
from . import report_training_record
from . import report_feedback_sheet
