#!/usr/bin/env bash
# Set everything up, create the demo database with the addon and its demo
# data (once), and serve Odoo on http://localhost:$HTTP_PORT.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

DEMO_DB="${DEMO_DB:-training_demo}"
"$REPO/scripts/setup.sh"

if ! db_exists "$DEMO_DB"; then
    say "creating the demo database $DEMO_DB (about three minutes)"
    # Chinese first, so that the demo's follow-ups are born in the language of
    # each of their readers (zh_CN for the demo's people, English for tf_admin)
    odoo_bin -d "$DEMO_DB" -i base --with-demo --load-language=zh_CN \
        --stop-after-init --log-level=warn
    odoo_bin -d "$DEMO_DB" -i training_followup --with-demo \
        --stop-after-init --log-level=warn
fi
# Odoo's training stack beside the addon: Events, eLearning and Dashboards,
# whose installation brings the bridges (auto_install), with their demo data
mapfile -t BRIDGES < <(bridge_addons)
for bridge in "${BRIDGES[@]}"; do
    if ! module_installed "$DEMO_DB" "$bridge"; then
        say "installing $BRIDGE_APPS and the bridges into $DEMO_DB"
        odoo_bin -d "$DEMO_DB" -i "$BRIDGE_APPS,$(IFS=,; echo "${BRIDGES[*]}")" --with-demo \
            --stop-after-init --log-level=warn
        break
    fi
done

cat <<LOGINS
[training_followup] Odoo serves the demo on http://localhost:$HTTP_PORT (database $DEMO_DB).
Logins (the password is the login):
  tf_admin        Training Administrator, head of HR, leads the supervision group (Li Na)
  tf_officer      Training Officer, head of the training department (Wang Fang)
  tf_supervisor   Supervision Group member, employee representative (Zhao Lei)
  tf_manager      Manager of the Sales department (Chen Jie), no group
  tf_manager_production  Manager of Production: an improvement action and a
                  rectification demand to answer (Sun Qiang)
  tf_employee     Employee in Sales (Liu Yang)
  tf_emp01..16    more employees; admin / admin is Odoo's administrator
Stop with Ctrl+C; 'scripts/pg.sh stop' stops PostgreSQL.
LOGINS
exec "$PY" "$ODOO_SRC/odoo-bin" -c "$ODOO_CONF" -d "$DEMO_DB" --db-filter="^$DEMO_DB\$"
