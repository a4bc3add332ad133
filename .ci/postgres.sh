#!/usr/bin/env bash
# Throw-away PostgreSQL cluster for tests, on 127.0.0.1 under a temporary directory.
#   source .ci/postgres.sh && pg_up      -> exports CLAIMSAPI_TEST_POSTGRES (an admin connection string)
#   pg_down                              -> stops the cluster and removes its directory
# Installs PostgreSQL from Debian packages if it is missing (needs root, as CI has).

# The newest installed server (a client-only package also creates /usr/lib/postgresql/N/bin, without initdb).
pg_server_bin() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -rV); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/postgres" ]; then
      echo "$dir"
      return 0
    fi
  done
  return 1
}

pg_bin() {
  if ! pg_server_bin; then
    echo "::: installing PostgreSQL (apt-get install -y postgresql)" >&2
    # Only the binaries: no default cluster started on 5432 behind our back.
    mkdir -p /etc/postgresql-common
    grep -q '^create_main_cluster' /etc/postgresql-common/createcluster.conf 2>/dev/null ||
      echo 'create_main_cluster = false' >>/etc/postgresql-common/createcluster.conf
    apt-get update -qq >/dev/null &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql postgresql-contrib >/dev/null ||
      return 1
    pg_server_bin
  fi
}

pg_up() {
  local bin port
  bin=$(pg_bin) || { echo "PostgreSQL could not be installed" >&2; return 1; }
  port=${PG_PORT:-55432}
  # The first free port from there: a connection that succeeds means someone is listening.
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  PG_DIR=$(mktemp -d /tmp/claimsapi-pg.XXXXXX)
  # PostgreSQL refuses to run as root; the Debian package creates a 'postgres' user for it.
  local run=()
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres "$PG_DIR"
    run=(runuser -u postgres --)
  fi
  export PG_DIR PG_BIN="$bin" PG_RUN="${run[*]:-}"
  "${run[@]}" "$bin/initdb" -D "$PG_DIR/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1 ||
    { cat "$PG_DIR/initdb.log" >&2; return 1; }
  "${run[@]}" "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null || { cat "$PG_DIR/server.log" >&2; return 1; }
  export CLAIMSAPI_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=50"
  echo "::: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port ($PG_DIR)" >&2
}

pg_down() {
  [ -n "${PG_DIR:-}" ] || return 0
  ${PG_RUN:-} "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
  unset PG_DIR
}

# For `dotnet test` without CLAIMSAPI_TEST_POSTGRES (tests/ClaimsApi.Tests/Infrastructure/LocalPostgres.cs): a cluster
# from a server already installed here (never installs one), its connection string printed on stdout, then stopped and
# removed when stdin closes, that is when the test host holding it exits, however it exits.
pg_guard() {
  pg_server_bin >/dev/null || { echo "no PostgreSQL server is installed (no /usr/lib/postgresql/*/bin/initdb)" >&2; return 3; }
  # The test host may be gone before the answer is written: go on to the clean-up rather than die of SIGPIPE.
  trap '' PIPE
  trap 'pg_down; exit 1' INT TERM HUP
  for _ in 1 2 3; do
    # A random first port, so that test runs started together do not race for the same one.
    PG_PORT=$((50000 + RANDOM % 10000)) pg_up && break
    pg_down
  done
  [ -n "${PG_DIR:-}" ] || return 1
  echo "$CLAIMSAPI_TEST_POSTGRES"
  read -r _ || true
  pg_down
}
