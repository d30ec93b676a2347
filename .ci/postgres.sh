#!/usr/bin/env bash
# Sourced by .ci/run (or run by hand): makes sure a PostgreSQL server listens on 127.0.0.1:5432 with a role and
# database "hologram", then exports HOLOGRAM_TEST_POSTGRES for the history-store tests. Idempotent: re-running it on
# the same machine reuses the cluster, the role and the database.

hologram_pg_setup() {
  local password="${HOLOGRAM_PG_PASSWORD:-hologram-ci}"
  local port=5432
  if ! dpkg -s postgresql >/dev/null 2>&1 || ! command -v pg_lsclusters >/dev/null 2>&1; then
    echo "==> installing postgresql"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null || return 1
  fi

  if command -v pg_lsclusters >/dev/null 2>&1; then
    local version
    version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
    if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$version main"; then
      pg_createcluster "$version" main -p "$port" >/dev/null || return 1
    fi
    if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" {print $4}' | grep -q online; then
      echo "==> starting PostgreSQL $version"
      pg_ctlcluster "$version" main start || return 1
    fi
  else
    echo "postgres.sh: pg_lsclusters not found; install the Debian postgresql package" >&2
    return 1
  fi

  # Wait until the server accepts connections (first start can take a moment).
  local i
  for i in $(seq 1 30); do
    su postgres -c "psql -p $port -qtAc 'select 1'" >/dev/null 2>&1 && break
    sleep 1
  done

  su postgres -c "psql -p $port -v ON_ERROR_STOP=1 -qtA" >/dev/null <<SQL || return 1
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'hologram') THEN
    CREATE ROLE hologram LOGIN CREATEDB PASSWORD '$password';
  ELSE
    ALTER ROLE hologram LOGIN CREATEDB PASSWORD '$password';
  END IF;
END
\$\$;
SQL
  if ! su postgres -c "psql -p $port -qtAc \"select 1 from pg_database where datname = 'hologram'\"" | grep -q 1; then
    su postgres -c "createdb -p $port -O hologram hologram" || return 1
  fi

  export HOLOGRAM_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=hologram;Password=$password;Database=hologram"
  echo "==> PostgreSQL ready on 127.0.0.1:$port (HOLOGRAM_TEST_POSTGRES exported)"
}

hologram_pg_setup
