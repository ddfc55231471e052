#!/usr/bin/env bash
# Serve a database the way production runs Odoo (issue 27, P3.1.4): nginx in
# front (the Debian package, installed when root and missing), Odoo behind it
# in proxy mode with WORKERS prefork workers, the websocket route to Odoo's
# gevent port, X-Forwarded-For set (not appended) to the address nginx sees.
#   scripts/proxy.sh start      (DB=tf_bench WORKERS=4 PROXY_PORT=18080 ...)
#   scripts/proxy.sh stop       scripts/proxy.sh status
# Everything of a running instance is in its private run directory
# ($REPO/.run/$NAME: nginx.conf, odoo.conf, logs, pid files); nothing is
# written to /etc. Settings (environment):
#   NAME          the instance (default proxy; scripts/nodes.sh runs node1, node2)
#   DB            the database served (only it: dbfilter)
#   WORKERS       Odoo's HTTP workers (default 4; 0: threaded server, no nginx
#                 needed but started all the same)
#   CRON_THREADS  Odoo's cron workers (default 2, Odoo's default)
#   PROXY_PORT    nginx's port (default: the first free from 18080)
#   ODOO_PORT, GEVENT_PORT   Odoo's ports (default: the first free from 18180)
#   EXTRA_CONF    a file of [options] lines added to Odoo's configuration
#                 (scripts/replica.sh writes db_replica_host/db_replica_port)
#   LOG_LEVEL     Odoo's log level (default info: the serialization retries
#                 and "retrying with a read/write cursor" are logged)
#   NO_NGINX=1    start Odoo only (scripts/nodes.sh)
# Run it under `nice -n 15` on a shared machine: the servers inherit it.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

NAME="${NAME:-proxy}"
RUN_DIR="${RUN_DIR:-$REPO/.run/$NAME}"
DB="${DB:-tf_bench}"
WORKERS="${WORKERS:-4}"
CRON_THREADS="${CRON_THREADS:-2}"
LOG_LEVEL="${LOG_LEVEL:-info}"
EXTRA_CONF="${EXTRA_CONF:-}"
NGINX_BIN="${NGINX_BIN:-/usr/sbin/nginx}"

install_nginx() {
    [ -x "$NGINX_BIN" ] && return 0
    if [ "$(id -u)" != 0 ]; then
        die "nginx is missing: install the Debian package nginx as root"
    fi
    say "installing the system package nginx"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null
    # the package starts its own server on port 80: this script runs its own
    if command -v systemctl >/dev/null && systemctl is-active -q nginx 2>/dev/null; then
        systemctl stop nginx || true
    elif [ -f /run/nginx.pid ]; then
        "$NGINX_BIN" -s stop 2>/dev/null || true
    fi
}

pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

wait_http() {
    local url="$1" tries=120
    while [ "$tries" -gt 0 ]; do
        if python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=5)' "$url" 2>/dev/null; then
            return 0
        fi
        sleep 1
        tries=$((tries - 1))
    done
    die "nothing answers on $url (see $RUN_DIR/odoo.log)"
}

write_odoo_conf() {
    # the project's configuration (addons path, database server, data_dir:
    # one filestore for every instance), then this instance's own options
    grep -v -E '^(http_port|http_interface|gevent_port|workers|max_cron_threads|proxy_mode|logfile|log_level|pidfile|dbfilter|db_name|list_db|db_replica_host|db_replica_port) *=' "$ODOO_CONF" >"$RUN_DIR/odoo.conf"
    cat >>"$RUN_DIR/odoo.conf" <<CONF
http_port = $HTTP_PORT
http_interface = 127.0.0.1
gevent_port = $GEVENT_PORT
workers = $WORKERS
max_cron_threads = $CRON_THREADS
proxy_mode = True
db_name = $DB
dbfilter = ^$DB\$
list_db = False
logfile = $RUN_DIR/odoo.log
log_level = $LOG_LEVEL
pidfile = $RUN_DIR/odoo.pid
limit_time_cpu = 600
limit_time_real = 1200
CONF
    if [ -n "$EXTRA_CONF" ]; then
        grep -v '^\[options\]' "$EXTRA_CONF" >>"$RUN_DIR/odoo.conf"
    fi
}

write_nginx_conf() {
    mkdir -p "$RUN_DIR/tmp"
    cat >"$RUN_DIR/nginx.conf" <<CONF
# written by scripts/proxy.sh for the instance $NAME; do not edit
user $(id -un);
worker_processes 2;
pid $RUN_DIR/nginx.pid;
error_log $RUN_DIR/nginx-error.log warn;
events { worker_connections 4096; }
http {
    access_log $RUN_DIR/nginx-access.log;
    client_body_temp_path $RUN_DIR/tmp/body;
    proxy_temp_path $RUN_DIR/tmp/proxy;
    fastcgi_temp_path $RUN_DIR/tmp/fastcgi;
    uwsgi_temp_path $RUN_DIR/tmp/uwsgi;
    scgi_temp_path $RUN_DIR/tmp/scgi;
    client_max_body_size 100m;
    upstream odoo { server 127.0.0.1:$HTTP_PORT; keepalive 64; }
    upstream odoochat { server 127.0.0.1:$GEVENT_PORT; }
    map \$http_upgrade \$connection_upgrade { default upgrade; '' close; }
    server {
        listen 127.0.0.1:$PROXY_PORT backlog=4096;
        proxy_read_timeout 720s;
        proxy_connect_timeout 720s;
        proxy_send_timeout 720s;
        location /websocket {
            proxy_pass http://odoochat;
            # Odoo's proxy mode reads these (werkzeug's ProxyFix, one proxy;
            # only with X-Forwarded-Host): the client's address is the one
            # nginx sees; a X-Forwarded-For sent by the client is replaced,
            # never passed on. Repeated in each location: nginx inherits no
            # proxy_set_header into a location that sets one of its own.
            proxy_set_header X-Forwarded-For \$remote_addr;
            proxy_set_header X-Real-IP \$remote_addr;
            proxy_set_header X-Forwarded-Host \$http_host;
            proxy_set_header X-Forwarded-Proto \$scheme;
            proxy_http_version 1.1;
            proxy_set_header Upgrade \$http_upgrade;
            proxy_set_header Connection \$connection_upgrade;
        }
        location / {
            proxy_pass http://odoo;
            proxy_set_header X-Forwarded-For \$remote_addr;
            proxy_set_header X-Real-IP \$remote_addr;
            proxy_set_header X-Forwarded-Host \$http_host;
            proxy_set_header X-Forwarded-Proto \$scheme;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_redirect off;
        }
    }
}
CONF
}

start() {
    mkdir -p "$RUN_DIR"
    if pid_alive "$RUN_DIR/odoo.pid"; then
        say "$NAME already running: $(cat "$RUN_DIR/ports")"
        return 0
    fi
    db_exists "$DB" || die "no database $DB (make it first, e.g. scripts/bench.sh)"
    # not common.sh's HTTP_PORT (8069, the project's own server)
    HTTP_PORT="${ODOO_PORT:-$(free_port 18180)}"
    GEVENT_PORT="${GEVENT_PORT:-$(free_port $((HTTP_PORT + 1)))}"
    write_odoo_conf
    : >"$RUN_DIR/odoo.log"
    setsid "$PY" "$ODOO_SRC/odoo-bin" -c "$RUN_DIR/odoo.conf" </dev/null >>"$RUN_DIR/odoo.log" 2>&1 &
    echo "http=$HTTP_PORT gevent=$GEVENT_PORT" >"$RUN_DIR/ports"
    wait_http "http://127.0.0.1:$HTTP_PORT/web/login"
    pid_alive "$RUN_DIR/odoo.pid" || die "Odoo of $NAME did not start (see $RUN_DIR/odoo.log)"
    if [ "${NO_NGINX:-}" != 1 ]; then
        install_nginx
        PROXY_PORT="${PROXY_PORT:-$(free_port 18080)}"
        write_nginx_conf
        "$NGINX_BIN" -p "$RUN_DIR" -e "$RUN_DIR/nginx-error.log" -c "$RUN_DIR/nginx.conf"
        echo "http=$HTTP_PORT gevent=$GEVENT_PORT proxy=$PROXY_PORT" >"$RUN_DIR/ports"
        wait_http "http://127.0.0.1:$PROXY_PORT/web/login"
        echo "http://127.0.0.1:$PROXY_PORT" >"$RUN_DIR/url"
    else
        echo "http://127.0.0.1:$HTTP_PORT" >"$RUN_DIR/url"
    fi
    say "$NAME: $DB on $(cat "$RUN_DIR/url") ($WORKERS workers, $CRON_THREADS cron threads; $(cat "$RUN_DIR/ports")); logs in $RUN_DIR"
}

stop() {
    if pid_alive "$RUN_DIR/nginx.pid"; then
        "$NGINX_BIN" -p "$RUN_DIR" -e "$RUN_DIR/nginx-error.log" -c "$RUN_DIR/nginx.conf" -s quit || true
    fi
    if pid_alive "$RUN_DIR/odoo.pid"; then
        local pid
        pid="$(cat "$RUN_DIR/odoo.pid")"
        kill "$pid"
        for _ in $(seq 1 30); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 1
        done
        kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
    fi
    rm -f "$RUN_DIR/odoo.pid" "$RUN_DIR/url"
    say "$NAME stopped"
}

case "${1:-}" in
start) start ;;
stop) stop ;;
status)
    if pid_alive "$RUN_DIR/odoo.pid"; then
        say "$NAME running: $(cat "$RUN_DIR/url") ($(cat "$RUN_DIR/ports"))"
    else
        say "$NAME not running"
    fi
    ;;
*) die "usage: scripts/proxy.sh start|stop|status (see the header of the script)" ;;
esac
