#!/usr/bin/env bash
# Install everything the addon needs: system packages (when root and missing),
# a virtualenv with Odoo 19 and its Python dependencies, the test and lint tools,
# an Odoo configuration file, and a running PostgreSQL.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

require_odoo_src

install_system_packages() {
    local wanted=(chromium wkhtmltopdf fonts-noto-cjk poppler-utils postgresql-15 libpq-dev python3-venv)
    local missing=()
    for package in "${wanted[@]}"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" != 0 ]; then
        say "missing system packages (install them as root): ${missing[*]}"
        return 0
    fi
    say "installing system packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

pip_install() {
    local log="$VENV/pip.log"
    if ! "$PY" -m pip install -q "$@" > "$log" 2>&1; then
        grep -v "is ignored: it is neither a file nor a directory" "$log" >&2
        die "pip install failed (full log: $log)"
    fi
}

install_python() {
    local stamp="$VENV/.training_followup_stamp"
    local want
    want="$(cat "$ODOO_SRC/requirements.txt" "$REPO/requirements-dev.txt" | sha1sum | cut -c1-12):$ODOO_SRC"
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
        return 0
    fi
    say "creating the virtualenv $VENV"
    python3 -m venv "$VENV"
    pip_install --upgrade pip setuptools wheel packaging
    "$PY" "$REPO/scripts/odoo_requirements.py" "$ODOO_SRC/requirements.txt" > "$VENV/odoo-requirements.txt"
    pip_install -r "$VENV/odoo-requirements.txt" -r "$REPO/requirements-dev.txt"
    # Odoo is used straight from its source tree: a .pth file puts it on the path.
    "$PY" -c 'import sys, sysconfig; print(sys.argv[1])' "$ODOO_SRC" \
        > "$("$PY" -c 'import sysconfig; print(sysconfig.get_path("purelib"))')/odoo-src.pth"
    echo "$want" > "$stamp"
}

write_config() {
    cat > "$ODOO_CONF" <<CONF
[options]
addons_path = $ODOO_SRC/odoo/addons,$ODOO_SRC/addons,$REPO
db_host = ${TF_DB_HOST:-127.0.0.1}
db_port = $TF_DB_PORT
db_user = $TF_DB_USER
db_password = $TF_DB_PASSWORD
http_port = $HTTP_PORT
http_interface = 127.0.0.1
data_dir = $REPO/.odoo-data
list_db = True
without_demo = False
CONF
}

install_system_packages
install_python
write_config
"$REPO/scripts/pg.sh" start
say "setup done: Odoo $("$PY" -c 'import odoo.release as r; print(r.version)') in $VENV"
