#!/usr/bin/env bash
# Start or stop the private PostgreSQL cluster kept inside the checkout
# (.pgdata). Does nothing when TF_DB_HOST names an existing server.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

action="${1:-start}"
if [ -n "$TF_DB_HOST" ]; then
    say "using the PostgreSQL server at $TF_DB_HOST:$TF_DB_PORT"
    exit 0
fi

case "$action" in
start)
    if [ ! -f "$PGDATA_DIR/PG_VERSION" ]; then
        say "creating the PostgreSQL cluster $PGDATA_DIR"
        mkdir -p "$PGDATA_DIR"
        if [ "$(id -u)" = 0 ]; then
            chown postgres: "$PGDATA_DIR"
            # the postgres user must be able to reach the checkout: grant the
            # traverse bit (not listing) on the folders above it when missing
            dir="$(dirname "$PGDATA_DIR")"
            while ! runuser -u postgres -- test -x "$PGDATA_DIR" && [ "$dir" != / ]; do
                chmod o+x "$dir"
                dir="$(dirname "$dir")"
            done
        fi
        chmod 700 "$PGDATA_DIR"
        as_pg_owner "$PG_BIN/initdb" -D "$PGDATA_DIR" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
        echo "$TF_DB_PORT" >"$PG_PORT_FILE"
    fi
    if ! as_pg_owner "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" status >/dev/null 2>&1; then
        if [ "$(free_port "$TF_DB_PORT")" != "$TF_DB_PORT" ]; then
            die "port $TF_DB_PORT of the cluster $PGDATA_DIR is taken by another program: stop it, or move this cluster with 'echo PORT > $PG_PORT_FILE' and run scripts/setup.sh again"
        fi
        as_pg_owner "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -w -l "$PGDATA_DIR/server.log" \
            -o "-p $TF_DB_PORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off" start >/dev/null
    fi
    as_pg_owner "$PG_BIN/psql" -h 127.0.0.1 -p "$TF_DB_PORT" -U postgres -d postgres -qtAc \
        "SELECT 1 FROM pg_roles WHERE rolname = '$TF_DB_USER'" | grep -q 1 ||
        as_pg_owner "$PG_BIN/psql" -h 127.0.0.1 -p "$TF_DB_PORT" -U postgres -d postgres -qc \
            "CREATE ROLE \"$TF_DB_USER\" LOGIN CREATEDB PASSWORD '$TF_DB_PASSWORD'"
    say "PostgreSQL running on 127.0.0.1:$TF_DB_PORT (role $TF_DB_USER)"
    ;;
stop)
    if [ -f "$PGDATA_DIR/PG_VERSION" ]; then
        as_pg_owner "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -m fast stop >/dev/null 2>&1 || true
    fi
    ;;
*)
    die "usage: scripts/pg.sh start|stop"
    ;;
esac
