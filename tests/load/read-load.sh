#!/usr/bin/env bash
# Load test of the read API: publishes ClaimsApi in Release, starts it on 127.0.0.1 with a throw-away SQLite
# database seeded from seeds/, and drives each endpoint with wrk for a bounded time. Traffic stays on loopback.
#
#   tests/load/read-load.sh [seconds per endpoint (default 10)] [connections (default 32)]
#
# Needs wrk (Debian: apt-get install -y wrk). Prints one line per endpoint: requests/s and latency percentiles.
set -euo pipefail
cd "$(dirname "$0")/../.."

duration=${1:-10}
connections=${2:-32}
port=${LOAD_PORT:-5181}
base="http://127.0.0.1:$port"
work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install -y wrk)" >&2; exit 2; }

dotnet publish src/ClaimsApi -c Release -o "$work/app" --nologo -v quiet >/dev/null
ASPNETCORE_URLS="$base" \
Logging__LogLevel__Default=Warning \
RateLimiting__Enabled=false \
Database__ConnectionString="Data Source=$work/claims.db" \
Seeds__Path="$PWD/seeds" \
  dotnet "$work/app/ClaimsApi.dll" >"$work/app.log" 2>&1 &
pid=$!

for _ in $(seq 1 60); do
  curl -fsS "$base/health/ready" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -fsS "$base/health/ready" >/dev/null || { cat "$work/app.log" >&2; exit 1; }

paths=(
  /v1/claims
  /v1/claims/dprk-troops-fought-in-kursk
  "/v1/claims?entity=kim-jong-un&kind=factual"
  /v1/articles/9c422c9df4965fec
  "/v1/statements?kind=unmarked-quote"
  "/v1/entities?name=the%20DPRK"
  /v1/entities/dprk/claims
)

# Warm-up: let tiered JIT and the connection pool settle so the first endpoint is not penalised.
for path in "${paths[@]}"; do
  wrk -t2 -c"$connections" -d2s --timeout 5s "$base$path" >/dev/null
done

echo "wrk: ${duration}s per endpoint, $connections connections, 2 threads, $(nproc) cores"
printf '%-46s %10s %9s %9s %9s\n' endpoint req/s p50 p90 p99
for path in "${paths[@]}"; do
  out=$(wrk -t2 -c"$connections" -d"${duration}s" --timeout 5s --latency "$base$path")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p90=$(awk '$1 == "90%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  errors=$(grep -E "Non-2xx|Socket errors" <<<"$out" || true)
  printf '%-46s %10s %9s %9s %9s %s\n' "$path" "$rps" "$p50" "$p90" "$p99" "$errors"
done
