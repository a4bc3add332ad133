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
# the server's CPU seconds (user + system) and records per CPU second (on a shared machine the wall time mostly says
# how busy the other processes were), its RSS before the export, at a quarter, half and three quarters of the
# export's time and at its peak; then the process's peak (VmHWM) over the whole run. EXPORT_APP=DIR runs a build
# published there (dotnet publish src/ClaimsApi -c Release -o DIR) instead of publishing this tree.
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
app=${EXPORT_APP:-$work/app}
[[ -n ${EXPORT_APP:-} ]] || dotnet publish src/ClaimsApi -c Release -o "$app" --nologo -v quiet >/dev/null
start_reading "$base" "$database" "$app" "$work/app.log" "Logging__LogLevel__ClaimsApi.Export=Information"

rss() { awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status"; }
cpu() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$pid/stat"; }
mib() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }

printf '%-44s %8s %11s %7s %9s %7s %9s  %s\n' export records bytes seconds records/s "CPU s" "rec/CPU s" "RSS MiB: before, 1/4, 1/2, 3/4 of the time, peak"
for path in "${paths[@]}"; do
  before=$(rss)
  peak=$before
  cpu_before=$(cpu)
  : >"$work/rss"
  logged=$(grep -c '^.*Exported ' "$work/app.log" || true)
  curl -sS -o /dev/null -w '%{size_download} %{time_total}\n' "$base$path" >"$work/curl.out" &
  client=$!
  while kill -0 "$client" 2>/dev/null; do
    now=$(rss)
    echo "$now" >>"$work/rss"
    (( now > peak )) && peak=$now
    sleep 0.1
  done
  wait "$client"
  read -r bytes seconds <"$work/curl.out"
  cpu_used=$(awk -v a="$cpu_before" -v b="$(cpu)" 'BEGIN { printf "%.1f", b - a }')
  quarters=$(awk '{ v[NR] = $1 } END { for (q = 1; q <= 3; q++) { i = int(NR * q / 4); if (i < 1) i = 1; printf "%.0f ", v[i] / 1024 } }' "$work/rss")
  # The server logs "Exported N records of PATH as FORMAT at change position P in S s" as it ends.
  for _ in $(seq 1 50); do
    (( $(grep -c '^.*Exported ' "$work/app.log" || true) > logged )) && break
    sleep 0.1
  done
  records=$(grep -o 'Exported [0-9]* records' "$work/app.log" | tail -1 | awk '{ print $2 }')
  printf '%-44s %8s %11s %7.1f %9.0f %7s %9.0f  %s, %s%s\n' "$path" "$records" "$bytes" "$seconds" \
    "$(awk -v r="$records" -v s="$seconds" 'BEGIN { print r / s }')" "$cpu_used" \
    "$(awk -v r="$records" -v c="$cpu_used" 'BEGIN { print (c > 0 ? r / c : 0) }')" "$(mib "$before")" "$quarters" "$(mib "$peak")"
done
echo "process peak RSS over the run (VmHWM): $(mib "$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status")") MiB"
