from . import res_company
from . import res_config_settings
from . import training_course
from . import training_session
from . import hr_employee
