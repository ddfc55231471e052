from . import test_elearning_followup
from . import test_elearning_tour
