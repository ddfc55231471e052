from . import report_training_record
from . import report_feedback_sheet
