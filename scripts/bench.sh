#!/usr/bin/env bash
# Run a benchmark script inside `odoo-bin shell` on a benchmark database that
# has the addon installed (created once: $BENCH_DB, default tf_bench).
#   scripts/bench.sh deadlines        (N, DUE from the environment)
#   scripts/bench.sh kickoff          (N)
#   scripts/bench.sh answers          (N, INFLIGHT, WORKERS: a multi-worker server)
#   scripts/bench.sh path/to/script.py   (e.g. the shared seed and anchor scripts)
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

BENCH_DB="${BENCH_DB:-tf_bench}"
"$REPO/scripts/setup.sh" >/dev/null
if ! db_exists "$BENCH_DB"; then
    say "creating the benchmark database $BENCH_DB"
    odoo_bin -d "$BENCH_DB" -i training_followup --stop-after-init --log-level=warn
fi
if [ "$1" = answers ]; then
    # a driver of its own: it starts a multi-worker Odoo and real HTTP clients
    export BENCH_DB PY ODOO_SRC ODOO_CONF
    exec "$PY" "$REPO/scripts/bench_answers.py"
fi
script="$1"
[ -f "$script" ] || script="$REPO/scripts/bench_$1.py"
# the script is the shell's input (`env` is given there); scripts/ is on the
# path, so that it imports its helpers (`from bench_common import ...`)
PYTHONPATH="$REPO/scripts${PYTHONPATH:+:$PYTHONPATH}" \
    odoo_cmd shell -d "$BENCH_DB" --log-level=warn <"$script"
