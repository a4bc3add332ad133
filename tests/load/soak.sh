#!/usr/bin/env bash
# Soak test: publishes ClaimsApi in Release, starts it on 127.0.0.1 on a fresh SQLite database seeded from seeds/,
# creates a curator key with the app's `keys` command, and drives a mixed load for a bounded time with wrk:
# reads of claims, statements, entities and articles (details and lists), searches, new draft claims (POST, up to a
# bounded set) and replacements of them (PUT with If-Match, the ETag of the last answer; the set and its ETags carry
# over from one interval to the next). Every request is valid and should succeed.
# The run is cut into intervals; after each one it reports requests, errors (any non-2xx answer, plus socket errors:
# connect, read, write, timeout), p50/p99 latency, the writes that succeeded, and the server's resident memory
# (VmRSS of /proc/PID/status) and database size. It ends with a summary and a verdict: PASS when there were no
# errors, the server is still ready, and memory is flat (the last interval's RSS within SOAK_RSS_TOLERANCE percent of
# the RSS at the end of the warm-up). Traffic stays on loopback. Exit code 0 on PASS, 1 on FAIL.
#
#   tests/load/soak.sh [duration: 10m, 180s ... (default 10m)] [connections (default 64)] [interval seconds (default 30)]
#
# Environment: LOAD_PORT (default 5185); SOAK_LOG, where the server's log is kept (default /tmp/claimsapi-soak-<time>.log); SOAK_WARMUP, intervals left out of the memory baseline (default: a fifth of them, at least 2);
# SOAK_RSS_TOLERANCE, percent (default 20); SOAK_THREADS, wrk threads (default 2); SOAK_TIMEOUT, after which wrk
# counts a request as a timeout error (default 10s). Any ClaimsApi setting in the environment reaches the server as
# well; the rate limiter's allowances are raised out of reach unless RateLimiting__… variables are set.
#
# Needs wrk (Debian: apt-get install -y wrk), curl and python3.
set -euo pipefail
cd "$(dirname "$0")/../.."

duration=${1:-10m}
connections=${2:-64}
interval=${3:-30}
port=${LOAD_PORT:-5185}
tolerance=${SOAK_RSS_TOLERANCE:-20}
threads=${SOAK_THREADS:-2}
timeout=${SOAK_TIMEOUT:-10s}
base="http://127.0.0.1:$port"
work=$(mktemp -d)
log=${SOAK_LOG:-${TMPDIR:-/tmp}/claimsapi-soak-$(date +%Y%m%d-%H%M%S).log}
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install -y wrk)" >&2; exit 2; }
case $duration in
  *m) seconds=$(( ${duration%m} * 60 )) ;;
  *s) seconds=${duration%s} ;;
  *) seconds=$duration ;;
esac
intervals=$(( (seconds + interval - 1) / interval ))
warmup=${SOAK_WARMUP:-$(( intervals >= 10 ? intervals / 5 : 2 ))}
(( intervals > warmup )) || { echo "the run ($seconds s) must be longer than the warm-up ($warmup × ${interval} s)" >&2; exit 2; }

dotnet publish src/ClaimsApi -c Release -o "$work/app" --nologo -v quiet >/dev/null
db="$work/claims.db"
# The published appsettings.json applies (content root), so the log has its timestamps and request scopes.
export ASPNETCORE_CONTENTROOT="$work/app" Logging__LogLevel__Default=Warning Database__ConnectionString="Data Source=$db" Seeds__Path="$PWD/seeds"
# The rate limiter stays in the request path, with allowances 64 connections from one address never use up; set
# these (or RateLimiting__Enabled=false) in the environment to soak other limits.
export RateLimiting__Anonymous__PerSecond=${RateLimiting__Anonymous__PerSecond:-1000000} RateLimiting__Anonymous__Burst=${RateLimiting__Anonymous__Burst:-1000000}
export RateLimiting__Key__PerSecond=${RateLimiting__Key__PerSecond:-1000000} RateLimiting__Key__Burst=${RateLimiting__Key__Burst:-1000000}
key=$(dotnet "$work/app/ClaimsApi.dll" keys create --name "soak-$(date +%s%N)" --role curator 2>/dev/null)
ASPNETCORE_URLS="$base" dotnet "$work/app/ClaimsApi.dll" >"$log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do
  curl -fsS "$base/health/ready" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -fsS "$base/health/ready" >/dev/null || { cat "$log" >&2; exit 1; }

# The records to read, as Lua tables, and every published statement (with its article and speaker) to cite in writes.
python3 - "$base" >"$work/ids.lua" <<'PY'
import json, sys, urllib.request
base = sys.argv[1]
def get(path): return json.load(urllib.request.urlopen(base + path))
def ids(path): return [i["id"] for i in get(path)["items"]]
lua = lambda name, values: print(f"local {name} = {{" + ", ".join(json.dumps(v) for v in values) + "}")
lua("claims", ids("/v1/claims?limit=100"))
lua("statements", ids("/v1/statements?limit=100"))
lua("entities", ids("/v1/entities?limit=100"))
lua("articles", ids("/v1/articles?limit=100"))
print("local cites = {" + ", ".join(f'{{"{s["id"]}", "{s["articleId"]}", "{s["speaker"]["id"]}"}}' for s in get("/v1/statements?limit=100")["items"]) + "}")
PY

cat "$work/ids.lua" - >"$work/mix.lua" <<LUA
local key = "$key"
local searches = {"Kursk", "treaty", "Kim Jong-un", "North Korean troops", "liberation", "UN Charter", "Pyongyang Moscow", "armed forces"}
-- Claims each wrk thread keeps and replaces. A statement may be evidence for at most 500 claims (deleted ones
-- included), so the run creates a bounded set and then rewrites it, rather than creating claims all along.
local target = 32
local threads, counter = {}, 0

function setup(thread)
  counter = counter + 1
  thread:set("tid", counter)
  table.insert(threads, thread)
end

-- The claims of earlier intervals ("<id> <current ETag>" lines) are shared out among the threads again. owned
-- holds the ids of a thread's claims, pool those of its claims not in flight, as "<id> <ETag>" (strings: wrk
-- cannot copy nested tables between threads).
function init(args)
  statuses, posts, puts, owned, pool, n = {}, 0, 0, {}, {}, 0
  math.randomseed(tid * 7919 + os.time())
  local file, line_number = io.open(args[1], "r"), 0
  if file then
    for line in file:lines() do
      line_number = line_number + 1
      if line_number % tonumber(args[2]) == tid - 1 then
        table.insert(owned, line:match("^%S+"))
        table.insert(pool, line)
      end
    end
    file:close()
  end
end

local function pick(t) return t[math.random(#t)] end
local function escape(s) return (s:gsub(" ", "%%20")) end

-- A claim quoting cite number c (its id ends with -c<c>, so that a replacement keeps the same evidence).
local function claim(id, c, text)
  local field = id and string.format('"id":"%s",', id) or ""
  local cite = cites[c]
  return string.format('{%s"text":"%s","claimant":"%s","kind":"factual","article":"%s","evidence":[{"statement":"%s"}]}',
    field, text, cite[3], cite[2], cite[1])
end

local function write(method, path, body, etag)
  local headers = {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. key}
  if etag then headers["If-Match"] = etag end
  return wrk.format(method, path, headers, body)
end

-- The mix, out of 100: 15 writes (a new claim while the thread owns fewer than its target, else a replacement of
-- the claim it wrote longest ago, with If-Match), 15 searches, 70 reads.
function request()
  local r = math.random(100)
  if r <= 15 and #owned < target then
    n = n + 1
    local c = math.random(#cites)
    local id = string.format("soak-%d-%d-%d-c%d", tid, n, math.random(1e9), c)
    table.insert(owned, id)
    return write("POST", "/v1/claims", claim(id, c, string.format("Soak claim %d of thread %d: North Korean troops fought in the Kursk region.", n, tid)))
  elseif r <= 15 and #pool > 0 then
    local id, etag = table.remove(pool, 1):match("^(%S+) (%S+)$")
    local c = tonumber(id:match("%-c(%d+)$"))
    return write("PUT", "/v1/claims/" .. id, claim(nil, c, string.format("Soak claim %s, revised at %d.", id, math.random(1e9))), etag)
  elseif r <= 22 then
    return wrk.format("GET", "/v1/search?q=" .. escape(pick(searches)))
  elseif r <= 26 then
    return wrk.format("GET", "/v1/search?facets=true&q=" .. escape(pick(searches)))
  elseif r <= 30 then
    return wrk.format("GET", "/v1/claims?q=" .. escape(pick(searches)))
  elseif r <= 42 then
    return wrk.format("GET", "/v1/claims/" .. pick(claims))
  elseif r <= 50 then
    return wrk.format("GET", "/v1/claims?limit=" .. math.random(1, 50))
  elseif r <= 56 then
    return wrk.format("GET", "/v1/claims?kind=factual&entity=" .. pick(entities))
  elseif r <= 64 then
    return wrk.format("GET", "/v1/statements/" .. pick(statements))
  elseif r <= 70 then
    return wrk.format("GET", "/v1/statements?limit=" .. math.random(1, 50))
  elseif r <= 78 then
    return wrk.format("GET", "/v1/entities/" .. pick(entities))
  elseif r <= 82 then
    return wrk.format("GET", "/v1/entities?limit=" .. math.random(1, 50))
  elseif r <= 88 then
    return wrk.format("GET", "/v1/entities/" .. pick(entities) .. "/claims")
  elseif r <= 96 then
    return wrk.format("GET", "/v1/articles/" .. pick(articles))
  else
    return wrk.format("GET", "/v1/articles")
  end
end

-- A created or replaced claim comes back with its ETag: it waits in the pool for its next replacement. Only one
-- request per claim is in flight (each claim belongs to one thread), so If-Match always holds the current revision.
-- A claim whose answer never came (wrk stops mid-request at the end of an interval) is written "<id> ?" by done,
-- and the script looks its ETag up before the next interval.
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if status == 201 or status == 200 then
    local etag = headers["ETag"] or headers["etag"]
    local id = etag and body:match('^{"id":"(soak%-[^"]+)"')
    if id then
      if status == 201 then posts = posts + 1 else puts = puts + 1 end
      table.insert(pool, id .. " " .. etag)
    end
  end
end

function done(summary, latency, requests)
  local codes, created, replaced = {}, 0, 0
  local file = io.open("$work/pool.txt", "w")
  for _, thread in ipairs(threads) do
    for code, count in pairs(thread:get("statuses")) do codes[code] = (codes[code] or 0) + count end
    created = created + thread:get("posts")
    replaced = replaced + thread:get("puts")
    local waiting = {}
    for _, entry in ipairs(thread:get("pool")) do waiting[entry:match("^%S+")] = entry end
    for _, id in ipairs(thread:get("owned")) do file:write(waiting[id] or (id .. " ?"), "\n") end
  end
  file:close()
  local parts = {}
  for code, count in pairs(codes) do table.insert(parts, code .. ":" .. count) end
  table.sort(parts)
  local e = summary.errors
  for _, kind in ipairs({"connect", "read", "write", "timeout"}) do
    if e[kind] > 0 then table.insert(parts, kind .. ":" .. e[kind]) end
  end
  io.write(string.format("SOAK %d %d %.1f %.1f %d %d %s\n", summary.requests, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, created, replaced, table.concat(parts, ",")))
end
LUA

rss_mb() { awk '/^VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$pid/status"; }
db_mb() { du -cm "$db"* | awk 'END {print $1}'; }
# SQLite connections the server holds open (pooled): each keeps its own page cache, up to 2 MB by default.
db_conns() { find "/proc/$pid/fd" -lname "$db" 2>/dev/null | wc -l; }

echo "soak: ${seconds}s in ${intervals} intervals of ${interval}s, $connections connections, $threads wrk threads, $(nproc) cores; server pid $pid, RSS $(rss_mb) MB at start"
printf '%8s %8s %9s %7s %7s %8s %8s %8s %9s %7s %6s %8s  %s\n' interval elapsed requests req/s errors p50_ms p99_ms created replaced rss_mb db_mb db_conns codes
total=0; errors=0; writes=0; peak=0; baseline=; rss=; start=$(date +%s)
for i in $(seq 1 "$intervals"); do
  out=$(wrk -t"$threads" -c"$connections" -d"${interval}s" --timeout "$timeout" -s "$work/mix.lua" "$base" -- "$work/pool.txt" "$threads" 2>&1) || true
  line=$(grep '^SOAK ' <<<"$out" || true)
  [ -n "$line" ] || { echo "wrk failed: $out" >&2; exit 1; }
  read -r _ requests socket p50 p99 created replaced codes <<<"$line"
  sleep 1 # a write cut off by wrk's stop commits or rolls back; then its claim's ETag is current
  python3 - "$base" "$key" "$work/pool.txt" <<'PY'
import sys, urllib.error, urllib.request
base, key, path = sys.argv[1:4]
kept = []
for line in open(path).read().splitlines():
    claim, etag = line.split(" ")
    if etag == "?":
        try:
            with urllib.request.urlopen(urllib.request.Request(f"{base}/v1/claims/{claim}", headers={"Authorization": "Bearer " + key})) as answer:
                etag = answer.headers["ETag"]
        except urllib.error.HTTPError as e:
            if e.code != 404:
                raise
            continue  # its creation never committed
    kept.append(f"{claim} {etag}\n")
open(path, "w").write("".join(kept))
PY
  bad=$(tr ',' '\n' <<<"$codes" | awk -F: '$1 ~ /^[0-9]+$/ && $1 !~ /^2/ {n += $2} END {print n + 0}')
  kill -0 "$pid" 2>/dev/null || { echo "the server died; its log:" >&2; tail -50 "$log" >&2; exit 1; }
  rss=$(rss_mb)
  (( i == warmup )) && baseline=$rss
  total=$(( total + requests )); errors=$(( errors + socket + bad )); writes=$(( writes + created + replaced ))
  (( rss > peak )) && peak=$rss
  printf '%8s %8s %9s %7s %7s %8s %8s %8s %9s %7s %6s %8s  %s\n' "$i" "$(( $(date +%s) - start ))s" "$requests" \
    "$(( requests / interval ))" "$(( socket + bad ))" "$p50" "$p99" "$created" "$replaced" "$rss" "$(db_mb)" "$(db_conns)" "$codes"
done

ready=$(curl -s -o /dev/null -w '%{http_code}' "$base/health/ready" || true)
growth=$(python3 -c "print(f'{($rss - $baseline) * 100 / $baseline:+.1f}')")
flat=$(python3 -c "print('yes' if abs($rss - $baseline) * 100 / $baseline <= $tolerance else 'no')")
echo
echo "requests: $total ($writes successful writes); errors: $errors; /health/ready at the end: $ready"
echo "server log: $log ($(grep -cE '^(fail|crit):' "$log" || true) error lines)"
echo "RSS: $baseline MB after the warm-up (interval $warmup), $rss MB at the end ($growth%, tolerance ±$tolerance%), peak $peak MB: flat $flat"
if (( errors == 0 )) && [ "$ready" = 200 ] && [ "$flat" = yes ]; then
  echo "verdict: PASS"
else
  echo "verdict: FAIL"
  exit 1
fi
