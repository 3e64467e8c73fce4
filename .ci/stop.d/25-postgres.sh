#!/usr/bin/env bash
# Stops the PostgreSQL server that .ci/setup.d/25-postgres.sh started from this checkout (if running).
set -uo pipefail
cd "$(dirname "$0")/../.."
data=$(pwd)/.ci/servers/postgres
bin=$(ls -d .ci/.venv/lib/python3*/site-packages/pgserver/pginstall/bin 2>/dev/null | head -n 1)
[ -n "$bin" ] && [ -s "$data/postmaster.pid" ] || exit 0
as_pg=()
[ "$(id -u)" = 0 ] && as_pg=(runuser -u catena-pg --)
"${as_pg[@]}" "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 && echo "stopped PostgreSQL in $data"
exit 0
