from . import report_training_record
