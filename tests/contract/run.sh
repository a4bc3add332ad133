#!/usr/bin/env bash
# tests/contract/run.sh [--app DIR] [--only CHECK,...] — the OpenAPI contract, proved against the running API with
# real tools (issue #11; README "Contract checks"). Starts the built API on 127.0.0.1 with a fresh seeded SQLite
# database, makes a reader, a curator and an admin key with the CLI, and runs, each counted as one test:
#
#   lint                 Spectral (oas + kit rules; OWASP advisory) and Redocly lint of the served document: 0 errors
#   contract-corpus      requests.txt through a Prism validating proxy: every request gets the status it names,
#                        0 response violations, request violations only on lines marked '!'
#   contract-throttled   the kit's generated probes of every operation against a second instance whose rate limit
#                        is one request: every operation's 429, documented
#   contract-anonymous   Prism with the kit's generated probes of every operation, no key
#   contract-curator     the same with the curator key (the "invalid security scheme" results of a keyless run go)
#   coverage             every operation and every status it documents (500 aside) was answered in the runs above
#   client               a Kiota C# client generated from the document compiles and calls three operations
#   browser              Swagger UI in headless Chromium renders every operation, runs Try it out, and with the
#                        curator key entered under Authorize lists a draft on GET /v1/claims?workflow=draft
#   fuzz-anonymous       the schema-driven fuzzer over every operation, no key: 0 5xx, 0 slow, errors are problems
#   fuzz-curator         the same with the curator key, so the writes are fuzzed past authorisation
#
# Ends with one line "contract checks: N passed, N failed". Exit 0 only when all passed.
# Tools (pinned: package.json/package-lock.json, Kiota and its libraries in common.sh/client.sh) are installed under
# $CHECKS_TOOLS (default /tmp/claimsapi-contract-tools) on first use; Chromium is the Debian package (.ci/run installs
# it). Reports: $CONTRACT_OUT (default a temporary folder, kept and named when a check fails).
# Options: --app DIR (a built ClaimsApi, default src/ClaimsApi/bin/Debug/net10.0), --only lint,client,...
#          FUZZ_BUDGET_S (default 240 per fuzz run).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
app=$repo/src/ClaimsApi/bin/Debug/net10.0
only=
while [ $# -gt 0 ]; do
  case $1 in
    --app) app=$(cd "$2" && pwd); shift 2 ;;
    --only) only=",$2,"; shift 2 ;;
    *) echo "unknown argument: $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done
[ -f "$app/ClaimsApi.dll" ] || { echo "no ClaimsApi.dll in $app: build first (dotnet build ClaimsApi.sln)" >&2; exit 2; }

export CHECKS_TOOLS=${CHECKS_TOOLS:-/tmp/claimsapi-contract-tools}
out=${CONTRACT_OUT:-$(mktemp -d /tmp/claimsapi-contract.XXXXXX)}
mkdir -p "$out"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  wait 2>/dev/null
}
trap cleanup EXIT
trap 'exit 143' TERM INT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

# start_api NAME [VAR=value...]: a fresh seeded SQLite database in $out/NAME; sets $base
start_api() {
  local name=$1 port
  shift
  port=$(free_port)
  base=http://127.0.0.1:$port
  mkdir -p "$out/$name"
  (cd "$app" && exec env ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
    Database__ConnectionString="Data Source=$out/$name/claims.db" Seeds__Path="$repo/seeds" "$@" \
    dotnet ClaimsApi.dll --urls "$base") >"$out/$name/api.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 240); do
    curl -fs -o /dev/null --max-time 2 "$base/health/ready" && return 0
    sleep 0.5
  done
  echo "the API ($name) did not become ready; its log:" >&2
  tail -n 30 "$out/$name/api.log" >&2
  return 1
}

# key NAME ROLE: a key made with the CLI on the main instance's database, printed
key() {
  (cd "$app" && Database__ConnectionString="Data Source=$out/main/claims.db" Seeds__Path="$repo/seeds" \
    Logging__LogLevel__Default=Warning dotnet ClaimsApi.dll keys create --name "$1" --role "$2" 2>/dev/null)
}

passed=0 failed=0 summary=()
# check NAME COMMAND...: runs one check, its output in $out/NAME.txt; its last line is its figure
check() {
  local name=$1 t0=$SECONDS rc
  shift
  if [ -n "$only" ] && [[ $only != *",$name,"* ]]; then return 0; fi
  echo "::: contract check: $name" >&2
  CHECKS_OUT="$out/$name" "$@" >"$out/$name.txt" 2>"$out/$name.err"
  rc=$?
  if [ $rc -eq 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
  summary+=("$(printf '%-19s %-4s %4ss  %s' "$name" "$([ $rc -eq 0 ] && echo PASS || echo FAIL)" $((SECONDS - t0)) "$(tail -n 1 "$out/$name.txt")")")
  if [ $rc -ne 0 ]; then
    echo "--- $name failed (rc=$rc); its findings ($out/$name.txt, $out/$name.err):" >&2
    grep -E '^(FAIL|ERR|PRSM|MISSING)|UNEXPECTED|RESPONSE|error' "$out/$name.txt" | head -n 40 >&2
    tail -n 5 "$out/$name.err" >&2
  fi
}

echo "::: starting the API (main: rate limit off; throttled: a one-request rate limit), reports in $out" >&2
start_api main RateLimiting__Enabled=false || { echo "contract checks: 0 passed, 1 failed"; exit 1; }
main=$base
reader=$(key contract-reader reader) && curator=$(key contract-curator curator) && admin=$(key contract-admin admin) ||
  { echo "could not make the keys with the CLI" >&2; echo "contract checks: 0 passed, 1 failed"; exit 1; }
start_api throttled RateLimiting__Anonymous__Burst=1 RateLimiting__Anonymous__PerSecond=0.001 \
  RateLimiting__Key__Burst=1 RateLimiting__Key__PerSecond=0.001 || { echo "contract checks: 0 passed, 1 failed"; exit 1; }
throttled=$base
export CONTRACT_VAR_READER=$reader CONTRACT_VAR_CURATOR=$curator CONTRACT_VAR_ADMIN=$admin

check lint "$here/lint.sh" "$main"
CONTRACT_GENERATED=0 check contract-corpus "$here/contract.sh" "$main" "$here/requests.txt"
CHECKS_HEADER="Authorization: Bearer $curator" check contract-throttled "$here/contract.sh" "$throttled"
check contract-anonymous "$here/contract.sh" "$main"
CHECKS_HEADER="Authorization: Bearer $curator" check contract-curator "$here/contract.sh" "$main"
check coverage node "$here/lib/contract-coverage.mjs" --doc "$out/contract-corpus/contract/openapi.json" --exempt "$here/coverage-exempt.txt" \
  "$out"/contract-{corpus,throttled,anonymous,curator}/contract/replay.json

# A draft only a key can see, for the client and the browser.
draft=contract-draft-$RANDOM
curl -fsS -o /dev/null -X POST "$main/v1/claims" -H "Authorization: Bearer $curator" -H 'Content-Type: application/json' \
  --data "{\"id\":\"$draft\",\"text\":\"A draft that only a key can read.\",\"claimant\":\"wpk-cmc\",\"kind\":\"factual\",\"article\":\"9c422c9df4965fec\",\"evidence\":[{\"statement\":\"p6-quote\"}]}" ||
  echo "could not create the draft $draft" >&2

CHECKS_HEADER="Authorization: Bearer $curator" CLIENT_CALL_FILE="$here/client-calls.cs" CLIENT_BYID_PATH=/v1/claims/{id} \
  check client "$here/client.sh" "$main"
BROWSER_TRY_PATH=/v1/claims BROWSER_TRY_PARAMS='workflow=draft' BROWSER_AUTHORIZE_KEY=$curator BROWSER_EXPECT_TEXT=$draft \
  check browser "$here/browser.sh" "$main"
check fuzz-anonymous node "$here/fuzz.mjs" "$main" --budget-s "${FUZZ_BUDGET_S:-240}" --out "$out/fuzz-anonymous/fuzz"
check fuzz-curator node "$here/fuzz.mjs" "$main" --budget-s "${FUZZ_BUDGET_S:-240}" --out "$out/fuzz-curator/fuzz" \
  --header "Authorization: Bearer $curator"

printf '%s\n' "${summary[@]}" >&2
echo "reports: $out" >&2
echo "contract checks: $passed passed, $failed failed"
[ $failed -eq 0 ]
