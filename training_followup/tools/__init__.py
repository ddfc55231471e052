from . import process_guard
