from . import training_followup_report_acknowledge
from . import training_followup_export
from . import training_followup_reason
