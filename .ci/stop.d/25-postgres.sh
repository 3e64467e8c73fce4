#!/usr/bin/env bash
# Stops the PostgreSQL server that .ci/setup.d/25-postgres.sh started from this checkout (if running),
# and servers the pgvector outage test started (pid files in .ci/servers) and left behind when its JVM
# died; such a pid is killed only while it is still the bundled postgres.
set -uo pipefail
cd "$(dirname "$0")/../.."
for f in .ci/servers/postgresql-*.pid; do
  [ -e "$f" ] || continue
  pid=$(cat "$f")
  if tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q 'pginstall/bin/postgres'; then
    kill "$pid" 2>/dev/null && echo "stopped leftover PostgreSQL server $pid"
  fi
  rm -f "$f"
done
data=$(pwd)/.ci/servers/postgres
bin=$(ls -d .ci/.venv/lib/python3*/site-packages/pgserver/pginstall/bin 2>/dev/null | head -n 1)
[ -n "$bin" ] && [ -s "$data/postmaster.pid" ] || exit 0
as_pg=()
[ "$(id -u)" = 0 ] && as_pg=(runuser -u catena-pg --)
"${as_pg[@]}" "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 && echo "stopped PostgreSQL in $data"
exit 0
