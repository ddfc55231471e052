#!/usr/bin/env bash
# The yearly measurements of issue 16 in one run, one after the other on the
# same machine: the daily deadline action and the archive of a year on the
# scale database, then the kick-off of 2,000 participants beside its anchor
# (Odoo's own survey invitation of the same 2,000) on the benchmark database,
# PAIRS times. Prints the benchmarks' own lines.
#   scripts/bench_year.sh        (SCALE_DB=tf_scale BENCH_DB=tf_bench PAIRS=2
#                                 YEAR=2025 BATCHES=5)
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

SCALE_DB="${SCALE_DB:-tf_scale}"
KICKOFF_DB="${BENCH_DB:-tf_bench}"
PAIRS="${PAIRS:-2}"
export YEAR="${YEAR:-2025}" BATCHES="${BATCHES:-5}"
bench() { "$REPO/scripts/bench.sh" "$@" 2>&1 | grep -E "^(DEADLINES|ARCHIVE|KICKOFF|ANCHOR)"; }

say "$(date -u '+%F %T') on $(nproc) cores, commit $(git -C "$REPO" rev-parse --short HEAD)"
say "daily deadline action among the steps of $SCALE_DB"
BENCH_DB="$SCALE_DB" N=2000 DUE=2000 bench deadlines
say "archive of the year $YEAR of $SCALE_DB"
BENCH_DB="$SCALE_DB" bench archive_year
for pair in $(seq 1 "$PAIRS"); do
    say "kick-off and anchor, pair $pair, on $KICKOFF_DB"
    BENCH_DB="$KICKOFF_DB" N=2000 bench kickoff
    BENCH_DB="$KICKOFF_DB" N=2000 bench "$(dirname "$REPO")/shared/bench/anchor_survey_invite.py"
done
