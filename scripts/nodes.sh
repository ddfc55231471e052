#!/usr/bin/env bash
# Two Odoo nodes on one database and one filestore (the project's data_dir),
# each with its own cron threads (issue 27, P1.3, P4.6): the way a large
# company runs two Odoo servers. Each node is an instance of
# scripts/proxy.sh without nginx (.run/node1, .run/node2).
#   DB=tf_scale scripts/nodes.sh start     (WORKERS=2 CRON_THREADS=2 each)
#   scripts/nodes.sh stop | status
# Run it under `nice -n 15` on a shared machine.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

export DB="${DB:-tf_bench}" WORKERS="${WORKERS:-2}" CRON_THREADS="${CRON_THREADS:-2}" NO_NGINX=1
action="${1:-}"
case "$action" in
start | stop | status)
    # each node's HTTP and gevent ports: NODE1_PORT (+1), NODE2_PORT (+1)
    NAME=node1 ODOO_PORT="${NODE1_PORT:-18180}" GEVENT_PORT="$((${NODE1_PORT:-18180} + 1))" \
        "$REPO/scripts/proxy.sh" "$action"
    NAME=node2 ODOO_PORT="${NODE2_PORT:-18190}" GEVENT_PORT="$((${NODE2_PORT:-18190} + 1))" \
        "$REPO/scripts/proxy.sh" "$action"
    ;;
*) die "usage: scripts/nodes.sh start|stop|status" ;;
esac
