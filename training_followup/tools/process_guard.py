"""The one guard of what only the follow-up's process writes.

States, decisions and their authors, done / on-time / late flags, counters,
frozen statistics and scores are what supervision inspects and the appraisal
counts (P5.1, P5.2): they change only inside a model's own actions, which
check the role and the current state first. An action runs its writes
``in_process``: its environment carries a module-private token in the
context. A client sends JSON, never a Python object, so no RPC call, no
context key and no default can stand for the token; ``env.su`` is no
exception either (sudo reads org data, it does not move a process).

Data files loaded while the registry is being built (install, upgrade) are
trusted like the code: nothing else runs then.
"""

import functools

_CONTEXT_KEY = "training_process"
# what a record whose content is frozen still accepts: its chatter
CHATTER_PREFIXES = ("message_", "activity_", "website_message")
_TOKEN = object()


def in_process(records):
    """`records` in an environment allowed to write the process fields."""
    if records.env.context.get(_CONTEXT_KEY) is _TOKEN:
        return records
    return records.with_context(**{_CONTEXT_KEY: _TOKEN})


def is_in_process(env):
    """Whether `env` runs inside a model's own action (or a data file)."""
    return env.context.get(_CONTEXT_KEY) is _TOKEN or not env.registry.ready


def process_action(method):
    """Run a model's action (or the private step of one) in process: its
    writes of the process fields are allowed. The method checks who acts and
    the current state itself, before it writes."""

    @functools.wraps(method)
    def run(self, *args, **kwargs):
        return method(in_process(self), *args, **kwargs)

    return run
