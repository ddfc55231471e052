from . import questionnaire
from . import answer_link
