from . import test_event_sync
from . import test_event_refusals
from . import test_event_tour
