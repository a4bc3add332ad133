# Sourced by the load scripts that run the API over a base made by the generate command (search-load.sh,
# export.sh; plans.sh for the connection string): what they would otherwise each write again.

# base_connection_string DATABASE: Database:ConnectionString for DATABASE, the SQLite file (which must exist), or,
# with Database__Provider=Postgres exported, DATABASE itself, an Npgsql connection string.
base_connection_string() {
  if [[ ${Database__Provider:-Sqlite} == Postgres ]]; then
    echo "$1"
  else
    [[ -f $1 ]] || { echo "no database file at $1" >&2; return 2; }
    echo "Data Source=$1"
  fi
}

# start_reading BASE_URL DATABASE APP_DIR LOG [NAME=VALUE ...]: starts the published API of APP_DIR on BASE_URL over
# DATABASE with migrations and the seeds import off, so the database is only read (/health/ready wants an imported
# seed set, which a generated base need not have), the rate limiter off and warnings logged to LOG, with the extra
# settings given; sets pid, and returns once /health/live answers (or exits with the log).
start_reading() {
  local base=$1 database=$2 app=$3 log=$4 connection_string
  shift 4
  connection_string=$(base_connection_string "$database")
  env ASPNETCORE_URLS="$base" \
    Logging__LogLevel__Default=Warning \
    RateLimiting__Enabled=false \
    Database__ConnectionString="$connection_string" \
    Database__MigrateOnStartup=false \
    Seeds__ImportOnStartup=false \
    "$@" \
    dotnet "$app/ClaimsApi.dll" >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 240); do
    curl -fsS "$base/health/live" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  cat "$log" >&2
  exit 1
}
