from . import event_type
from . import event_event
from . import event_registration
from . import training_session
from . import training_followup
from . import training_followup_plan
