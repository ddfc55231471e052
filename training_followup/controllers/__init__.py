from . import questionnaire
