# Shared settings of the project's scripts; sourced, never run.
# Every value can be overridden from the environment.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Odoo 19.0 Community source tree: $ODOO_SRC, else this fixed default place.
ODOO_DEFAULT_SRC=/opt/odoo-19.0
ODOO_SRC="${ODOO_SRC:-$ODOO_DEFAULT_SRC}"
VENV="${VENV:-$REPO/.venv}"
PY="$VENV/bin/python"
ODOO_CONF="${ODOO_CONF:-$REPO/.odoo.conf}"
# PostgreSQL: the embedded cluster inside the checkout, unless TF_DB_HOST names
# an existing server (then TF_DB_PORT, TF_DB_USER, TF_DB_PASSWORD go with it).
PGDATA_DIR="${PGDATA_DIR:-$REPO/.pgdata}"
TF_DB_HOST="${TF_DB_HOST:-}"
# The embedded cluster's port is its own: the first free port from 54329 on,
# remembered in the cluster ($PGDATA_DIR/tf_port), so that two checkouts on one
# machine each run their own cluster.
PG_PORT_FILE="$PGDATA_DIR/tf_port"
TF_DB_USER="${TF_DB_USER:-odoo}"
TF_DB_PASSWORD="${TF_DB_PASSWORD:-odoo}"
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
HTTP_PORT="${HTTP_PORT:-8069}"

# The first TCP port from $1 on that nothing listens on at 127.0.0.1.
free_port() {
    python3 - "$1" <<'PY'
import socket, sys

port = int(sys.argv[1])
while port < 65535:
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            port += 1
            continue
    print(port)
    break
PY
}

if [ -z "${TF_DB_PORT:-}" ]; then
    if [ -n "$TF_DB_HOST" ]; then
        TF_DB_PORT=5432
    elif [ -f "$PG_PORT_FILE" ]; then
        TF_DB_PORT="$(cat "$PG_PORT_FILE")"
    elif [ -f "$PGDATA_DIR/PG_VERSION" ]; then
        TF_DB_PORT=54329 # a cluster made before the port was remembered
    else
        TF_DB_PORT="$(free_port 54329)"
    fi
fi

say() { printf '[training_followup] %s\n' "$*"; }
die() { printf '[training_followup] ERROR: %s\n' "$*" >&2; exit 2; }

require_odoo_src() {
    if [ ! -f "$ODOO_SRC/odoo/release.py" ] || [ ! -d "$ODOO_SRC/addons/hr" ]; then
        die "Odoo 19.0 source not found at '$ODOO_SRC': set ODOO_SRC to an Odoo 19.0 Community tree, or put one at $ODOO_DEFAULT_SRC (see README)."
    fi
    if ! grep -q "version_info = (19, 0" "$ODOO_SRC/odoo/release.py"; then
        die "'$ODOO_SRC' is not Odoo 19.0 (odoo/release.py has another version_info)."
    fi
}

# Run a command as the postgres system user when we are root (PostgreSQL
# refuses to run as root).
as_pg_owner() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

odoo_bin() { "$PY" "$ODOO_SRC/odoo-bin" -c "$ODOO_CONF" "$@"; }
# An odoo-bin subcommand (db, i18n, shell...) with the project's configuration.
odoo_cmd() { local sub="$1"; shift; "$PY" "$ODOO_SRC/odoo-bin" "$sub" -c "$ODOO_CONF" "$@"; }

db_exists() {
    PGPASSWORD="$TF_DB_PASSWORD" "$PG_BIN/psql" -h "${TF_DB_HOST:-127.0.0.1}" -p "$TF_DB_PORT" \
        -U "$TF_DB_USER" -d postgres -qtAc "SELECT 1 FROM pg_database WHERE datname = '$1'" | grep -q 1
}

# The bridge addons of the repository (training_followup_<app>/, each
# auto_install beside an Odoo app), one name per line.
bridge_addons() {
    local manifest
    for manifest in "$REPO"/training_followup_*/__manifest__.py; do
        [ -f "$manifest" ] && basename "$(dirname "$manifest")"
    done
    return 0
}

# The Odoo apps the bridges stand beside (Events, eLearning, Dashboards), as a
# comma-separated list: installing them with training_followup installs the
# bridges (auto_install).
BRIDGE_APPS="${BRIDGE_APPS:-event,website_slides,spreadsheet_dashboard}"

# Whether module $2 is installed in database $1.
module_installed() {
    PGPASSWORD="$TF_DB_PASSWORD" "$PG_BIN/psql" -h "${TF_DB_HOST:-127.0.0.1}" -p "$TF_DB_PORT" \
        -U "$TF_DB_USER" -d "$1" -qtAc \
        "SELECT 1 FROM ir_module_module WHERE name = '$2' AND state = 'installed'" | grep -q 1
}
