#!/usr/bin/env bash
# Bulk exports at scale: publishes ClaimsApi in Release, starts it on 127.0.0.1 over a database made by the generate
# command (migrations and the seeds import off, so the database is only read), and runs each export once with curl
# into /dev/null while sampling the server's resident memory (VmRSS in /proc) every 0.1 s. Traffic stays on loopback.
#
#   tests/load/export.sh DATABASE [PATH ...]
#
# DATABASE is the SQLite file; with Database__Provider=Postgres exported it is the Npgsql connection string. Its
# search index is used where the settings put it (beside a SQLite file: DATABASE.search-index). PATHs default to the
# four exports below. Prints one line per export: records (from the server's log line), bytes, seconds, records/s,
# the server's RSS before it and its peak while it ran; then the process's peak (VmHWM) over the whole run.
set -euo pipefail
cd "$(dirname "$0")/../.."

database=${1:?usage: tests/load/export.sh DATABASE [PATH ...]}
shift
paths=("$@")
if [[ ${#paths[@]} -eq 0 ]]; then
  paths=(/v1/claims/export "/v1/claims/export?format=csv" /v1/statements/export "/v1/entities/export?format=csv")
fi
port=${LOAD_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
base="http://127.0.0.1:$port"
work=$(mktemp -d)
pid=
trap '[[ -n $pid ]] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT

# shellcheck source=generated-base.sh
source tests/load/generated-base.sh
base_connection_string "$database" >/dev/null
dotnet publish src/ClaimsApi -c Release -o "$work/app" --nologo -v quiet >/dev/null
start_reading "$base" "$database" "$work/app" "$work/app.log" "Logging__LogLevel__ClaimsApi.Export=Information"

rss() { awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status"; }
mib() { awk -v k="$1" 'BEGIN { printf "%.0f MiB", k / 1024 }'; }

printf '%-40s %10s %14s %9s %10s %10s %10s\n' export records bytes seconds records/s "RSS before" "RSS peak"
for path in "${paths[@]}"; do
  before=$(rss)
  peak=$before
  logged=$(grep -c '^.*Exported ' "$work/app.log" || true)
  curl -sS -o /dev/null -w '%{size_download} %{time_total}\n' "$base$path" >"$work/curl.out" &
  client=$!
  while kill -0 "$client" 2>/dev/null; do
    now=$(rss)
    (( now > peak )) && peak=$now
    sleep 0.1
  done
  wait "$client"
  read -r bytes seconds <"$work/curl.out"
  # The server logs "Exported N records of PATH as FORMAT at change position P in S s" as it ends.
  for _ in $(seq 1 50); do
    (( $(grep -c '^.*Exported ' "$work/app.log" || true) > logged )) && break
    sleep 0.1
  done
  records=$(grep -o 'Exported [0-9]* records' "$work/app.log" | tail -1 | awk '{ print $2 }')
  printf '%-40s %10s %14s %9.1f %10.0f %10s %10s\n' "$path" "$records" "$bytes" "$seconds" \
    "$(awk -v r="$records" -v s="$seconds" 'BEGIN { print r / s }')" "$(mib "$before")" "$(mib "$peak")"
done
echo "process peak RSS over the run (VmHWM): $(mib "$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status")")"
