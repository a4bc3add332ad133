#!/usr/bin/env bash
# Load test of the curation (write) API: publishes ClaimsApi in Release, starts it on 127.0.0.1 on a throw-away
# copy-free database (a fresh SQLite file seeded from seeds/, or the SQLite file given, e.g. a 1M-claim base from
# tools/ClaimsApi.Synthetic's `generate` command), creates a curator key with the app's `keys` command, then:
#   1. drives POST /v1/claims (each request creates a new draft claim: validation, anchoring, history entry and
#      search-index refresh in one transaction) with wrk for a bounded time;
#   2. replaces one claim N times in a row (PUT with If-Match, sequential) and reports latency percentiles;
#   3. moves claims through the workflow (draft → in-review → published: two writes each).
# Traffic stays on loopback. The database given is written to (claims are added); use a copy you can spare.
#
#   tests/load/write-load.sh [sqlite file (default: fresh)] [seconds (default 10)] [connections (default 8)] [sequential writes (default 200)]
#
# Needs wrk (Debian: apt-get install -y wrk), curl and python3.
set -euo pipefail
cd "$(dirname "$0")/../.."

db=${1:-}
duration=${2:-10}
connections=${3:-8}
sequential=${4:-200}
port=${LOAD_PORT:-5182}
base="http://127.0.0.1:$port"
work=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install -y wrk)" >&2; exit 2; }
[ -n "$db" ] || db="$work/claims.db"

dotnet publish src/ClaimsApi -c Release -o "$work/app" --nologo -v quiet >/dev/null
export Logging__LogLevel__Default=Warning RateLimiting__Enabled=false Database__ConnectionString="Data Source=$db" Seeds__Path="$PWD/seeds"
key=$(dotnet "$work/app/ClaimsApi.dll" keys create --name "load-$(date +%s%N)" --role curator 2>/dev/null)
ASPNETCORE_URLS="$base" dotnet "$work/app/ClaimsApi.dll" >"$work/app.log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do
  curl -fsS "$base/health/ready" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -fsS "$base/health/ready" >/dev/null || { cat "$work/app.log" >&2; exit 1; }

# A published statement to cite as evidence, and its speaker as the claimant.
read -r statement article speaker < <(curl -fsS "$base/v1/statements?limit=1" | python3 -c '
import json, sys
s = json.load(sys.stdin)["items"][0]
print(s["id"], s["articleId"], s["speaker"]["id"])')
claims=$(curl -fsS -o /dev/null -w '%{http_code}' "$base/v1/claims?limit=1")
echo "database: $db; evidence statement $statement; wrk ${duration}s, $connections connections, $(nproc) cores"

cat >"$work/create.lua" <<LUA
local n = 0
request = function()
  n = n + 1
  local body = string.format('{"text":"Load test claim %d made on connection %s.","claimant":"$speaker","kind":"factual","article":"$article","evidence":[{"statement":"$statement"}]}', n, tostring(math.random(1, 1e9)))
  return wrk.format("POST", "/v1/claims", {["Content-Type"] = "application/json", ["Authorization"] = "Bearer $key"}, body)
end
LUA
out=$(wrk -t2 -c"$connections" -d"${duration}s" --timeout 10s --latency -s "$work/create.lua" "$base")
printf '%-40s %10s %9s %9s %9s %s\n' operation req/s p50 p90 p99 errors
printf '%-40s %10s %9s %9s %9s %s\n' "POST /v1/claims (create)" \
  "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" "$(awk '$1 == "50%" {print $2}' <<<"$out")" \
  "$(awk '$1 == "90%" {print $2}' <<<"$out")" "$(awk '$1 == "99%" {print $2}' <<<"$out")" \
  "$(grep -E "Non-2xx|Socket errors" <<<"$out" | tr -s ' ' | tr '\n' ' ' || true)"

# Sequential writes on one claim: PUT with If-Match, then workflow moves on fresh claims.
python3 - "$base" "$key" "$statement" "$article" "$speaker" "$sequential" <<'PY'
import json, sys, time, urllib.request
base, key, statement, article, speaker, n = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], int(sys.argv[6])
def send(method, path, body=None, etag=None):
    req = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode())
    req.add_header("Authorization", "Bearer " + key)
    req.add_header("Content-Type", "application/json")
    if etag: req.add_header("If-Match", etag)
    start = time.perf_counter()
    with urllib.request.urlopen(req) as r:
        r.read()
        return (time.perf_counter() - start) * 1000, r.headers["ETag"], r.headers.get("Location")
def claim(i): return {"text": f"Sequential claim {i}.", "claimant": speaker, "kind": "factual", "article": article, "evidence": [{"statement": statement}]}
def report(name, ms):
    ms.sort()
    p = lambda q: ms[min(len(ms) - 1, int(q * len(ms)))]
    print(f"{name:<40} {len(ms):>10} {p(0.5):>8.1f}ms {p(0.9):>7.1f}ms {p(0.99):>7.1f}ms")
_, etag, location = send("POST", "/v1/claims", claim(0))
puts = []
for i in range(n):
    ms, etag, _ = send("PUT", location, claim(i + 1), etag); puts.append(ms)
moves = []
for i in range(max(1, n // 4)):
    _, etag, location = send("POST", "/v1/claims", claim(10_000 + i))
    ms, etag, _ = send("POST", location + "/workflow", {"to": "in-review"}, etag); moves.append(ms)
    ms, etag, _ = send("POST", location + "/workflow", {"to": "published"}, etag); moves.append(ms)
print(f"{'sequential (1 client)':<40} {'writes':>10} {'p50':>10} {'p90':>9} {'p99':>9}")
report("PUT /v1/claims/{id} (If-Match)", puts)
report("POST /v1/claims/{id}/workflow", moves)
PY
