#!/usr/bin/env bash
# PostgreSQL 16 with the pgvector extension on 127.0.0.1:55432 for the pgvector store and JDBC chat
# memory tests: PyPI `pgserver` (in .ci/.venv) bundles both binaries; this script runs them itself
# (initdb, pg_ctl). Data in .ci/servers/postgres. User, password and database are all `catena`, and
# the database has `CREATE EXTENSION vector`. As root the server runs as the system user catena-pg
# (PostgreSQL refuses root). Idempotent: a server already answering on the port is reused.
set -euo pipefail
cd "$(dirname "$0")/../.."
venv=.ci/.venv
version=0.1.4
port=${CATENA_PG_PORT:-55432}
data=$(pwd)/.ci/servers/postgres
pgbin() { ls -d "$venv"/lib/python3*/site-packages/pgserver/pginstall/bin 2>/dev/null | head -n 1; }

if [ -z "$(pgbin)" ] || [ ! -x "$(pgbin)/postgres" ]; then
  python=$(command -v python3.11 || command -v python3)
  [ -x "$venv/bin/pip" ] || "$python" -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check "pgserver==$version"
  [ -x "$(pgbin)/postgres" ] || { echo "pgserver $version installed but its postgres binary is missing" >&2; exit 1; }
fi
bin=$(cd "$(pgbin)" && pwd)

# Already serving (this or another checkout's server): check that the catena database answers.
if "$bin/pg_isready" -q -h 127.0.0.1 -p "$port"; then
  if PGPASSWORD=catena "$bin/psql" -qtAX -h 127.0.0.1 -p "$port" -U catena -d catena \
       -c "SELECT 1 FROM pg_extension WHERE extname = 'vector'" 2>/dev/null | grep -q 1; then
    echo "PostgreSQL with pgvector already serving on 127.0.0.1:$port"
    exit 0
  fi
  echo "127.0.0.1:$port answers but not as catena/catena with the vector extension; stop that server first" >&2
  exit 1
fi

as_pg=()
if [ "$(id -u)" = 0 ]; then
  id -u catena-pg >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin catena-pg
  as_pg=(runuser -u catena-pg --)
fi

mkdir -p "$data"
if [ ! -s "$data/PG_VERSION" ]; then
  [ "$(id -u)" = 0 ] && chown catena-pg "$data"
  chmod 700 "$data"
  "${as_pg[@]}" "$bin/initdb" -D "$data" -U postgres -E UTF8 --no-locale \
    --auth-local=trust --auth-host=scram-sha-256 >/dev/null
  cat >> "$data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$data'
max_connections = 200
CONF
fi
[ "$(id -u)" = 0 ] && chown -R catena-pg "$data"
rm -f "$data/postmaster.pid"
"${as_pg[@]}" "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 start >/dev/null

super=(env PGOPTIONS=-cclient_min_messages=warning "${as_pg[@]}" "$bin/psql" -qtAX -v ON_ERROR_STOP=1 -h "$data" -p "$port" -U postgres)
"${super[@]}" -d postgres <<'SQL'
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'catena') THEN
    CREATE ROLE catena LOGIN PASSWORD 'catena';
  END IF;
END $$;
SELECT 'CREATE DATABASE catena OWNER catena' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'catena')\gexec
SQL
"${super[@]}" -d catena -c 'CREATE EXTENSION IF NOT EXISTS vector'
echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') with pgvector serving on 127.0.0.1:$port (catena/catena/catena)"
