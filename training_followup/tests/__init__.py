from . import test_access_table
from . import test_training_session
from . import test_settings
from . import test_translations
from . import test_tours
from . import test_followup_plan
from . import test_results
from . import test_deadlines
