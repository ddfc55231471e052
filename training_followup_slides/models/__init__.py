from . import slide_channel
from . import slide_channel_partner
from . import training_followup
from . import training_session
