#!/usr/bin/env bash
# client.sh BASE_URL — can a typed C# client be generated from the served document, does it
# compile, and does it round-trip a real call?
#   1. kiota generate -l CSharp (Microsoft.OpenApi.Kiota 1.38.0, local --tool-path install)
#   2. a tiny net10.0 console project (Microsoft.Kiota.* 2.1.6) compiles the generated code
#   3. it calls one GET endpoint against the running API and prints the typed result; fields
#      the API returned that the document lacks (Kiota AdditionalData) are listed
#   4. not-found probe: GET .../{id} with an id that should not exist must raise a *typed*
#      error (a documented 4xx model), not a bare ApiException ("no error factory registered")
# Exit: 0 pass, 1 generation/build/call failed, 2 setup error. Last line: one-line figure.
# Env: CLIENT_PATH=/items   GET path to call (default: shortest GET with no path/required params)
#      CLIENT_CALL='result = await client.Items.GetAsync(c => c.QueryParameters.PageSize = 2);'
#                 C# statements instead of the reflective call (`client` and `result` in scope)
#      CLIENT_CALL_FILE=calls.cs  the same, read from a file
#      CHECKS_HEADER='Authorization: Bearer KEY'  sent with every call the client makes
#      CLIENT_BYID_PATH=/items/{id} (or "none")   CLIENT_MISSING_ID=2147483000
#      CLIENT_STRICT=1  undocumented response fields fail the check
#      KIOTA_LIBS=2.1.6   CLIENT_NAMESPACE=ApiChecks.Client   OPENAPI_PATH   CHECKS_TOOLS   CHECKS_OUT
CHECK_NAME=client
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
usage_base_url "$@"
ensure_kiota
NS="${CLIENT_NAMESPACE:-ApiChecks.Client}"
if [ -n "${CLIENT_CALL_FILE:-}" ]; then
  [ -f "$CLIENT_CALL_FILE" ] || die "CLIENT_CALL_FILE $CLIENT_CALL_FILE not found"
  CLIENT_CALL=$(cat "$CLIENT_CALL_FILE")
fi
CLASS=ApiClient
KIOTA_LIBS="${KIOTA_LIBS:-2.1.6}"

W="$(work_dir client)"
doc_path="$(fetch_doc "$BASE_URL" "$W/openapi.json")" || die "no OpenAPI document found under $BASE_URL (set OPENAPI_PATH)"
log "document: $BASE_URL$doc_path"
P="$W/proj"; mkdir -p "$P"

# ---- 1. generate
t0=$SECONDS
timeout 300 "$KIOTA_DIR/kiota" generate -l CSharp -d "$W/openapi.json" -o "$P/Generated" -n "$NS" -c "$CLASS" \
  --clean-output --exclude-backward-compatible --log-level Warning > "$W/kiota.log" 2>&1
gen_rc=$?
# Kiota 1.38 always tries api.github.com for an update check (KIOTA_UPDATE__DISABLED does not stop
# it); offline that is one harmless warning + stack trace, filtered out here.
awk '/^(warn|fail|crit): /{ if ((getline m) > 0) { sub(/^ +/, "", m); print m } }' "$W/kiota.log" \
  | grep -v "Unable to check for updates" > "$W/kiota-warnings.txt" || true
kiota_warn=$(wc -l < "$W/kiota-warnings.txt")
files=$(find "$P/Generated" -name '*.cs' 2>/dev/null | wc -l)
if [ "$gen_rc" != 0 ] || [ "$files" = 0 ]; then
  grep -v "^\s*at " "$W/kiota.log" | tail -20
  echo "client: kiota generate FAILED (rc=$gen_rc, $files files) -> FAIL"; exit 1
fi
log "kiota: $files C# files in $((SECONDS - t0))s, $kiota_warn warnings (log: $W/kiota.log)"
sed 's/^/   kiota: /' "$W/kiota-warnings.txt" | head -20

# ---- 2. project + build
# Pick (a) the GET to call: shortest GET with no path params and no required params, and
# (b) a GET-by-id (".../{id}" with one path param) for the not-found probe.
# shellcheck disable=SC2016  # the single-quoted text is JavaScript
read -r auto_path auto_byid auto_id < <(node -e '
  const d = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const deref = o => { let x = o; for (let i = 0; x && x.$ref && i < 20; i++) x = x.$ref.slice(2).split("/").reduce((a, k) => a?.[k], d); return x || {}; };
  const list = [], byId = [];
  for (const [p, item] of Object.entries(d.paths || {})) {
    const op = item.get; if (!op) continue;
    const params = [...(item.parameters || []), ...(op.parameters || [])].map(deref);
    const pathParams = params.filter(x => x.in === "path");
    const reqOther = params.filter(x => x.required && x.in !== "path");
    if (reqOther.length) continue;
    if (!pathParams.length) list.push(p);
    else if (pathParams.length === 1 && /\/\{[^}]+\}$/.test(p)) {
      const s = deref(pathParams[0].schema); const t = [].concat(s.type || "string").filter(x => x !== "null")[0];
      byId.push([p, t === "integer" || t === "number" ? "2147483000" : s.format === "uuid" ? "00000000-0000-0000-0000-000000000000" : "does-not-exist-0"]);
    }
  }
  const by = (a, b) => a.split("/").length - b.split("/").length || a.length - b.length;
  list.sort(by); byId.sort((a, b) => by(a[0], b[0]));
  console.log([list[0] || "-", (byId[0] || ["-"])[0], (byId[0] || ["-", "-"])[1]].join(" "));' "$W/openapi.json")
call_path="${CLIENT_PATH:-$auto_path}"; [ "$call_path" = "-" ] && call_path=""
byid_path="${CLIENT_BYID_PATH:-$auto_byid}"; [ "$byid_path" = "-" ] || [ "$byid_path" = none ] && byid_path=""
missing_id="${CLIENT_MISSING_ID:-$auto_id}"
[ -z "$call_path" ] && [ -z "${CLIENT_CALL:-}" ] && die "no parameterless GET operation to call; set CLIENT_PATH or CLIENT_CALL"

node -e '
  const fs = require("fs"); const [tplDir, out, ns, cls, libs, call] = process.argv.slice(1);
  const sub = s => s.replaceAll("__NAMESPACE__", ns).replaceAll("__CLASS__", cls).replaceAll("__KIOTA_LIBS__", libs)
                    .replaceAll("__DEFINES__", call ? "CUSTOM_CALL" : "").replace("__CUSTOM_CALL__", () => call || "");
  fs.writeFileSync(out + "/ApiChecksClient.csproj", sub(fs.readFileSync(tplDir + "/ApiChecksClient.csproj.template", "utf8")));
  fs.writeFileSync(out + "/Program.cs", sub(fs.readFileSync(tplDir + "/Program.cs.template", "utf8")));
' "$CHECKS_DIR/client" "$P" "$NS" "$CLASS" "$KIOTA_LIBS" "${CLIENT_CALL:-}"

t0=$SECONDS
( cd "$P" && timeout 600 dotnet build -c Release -nologo -clp:NoSummary -nodeReuse:false -p:UseSharedCompilation=false -o "$P/out" ) > "$W/build.log" 2>&1
build_rc=$?
b_err=$(grep -cE ": error [A-Z]+[0-9]+" "$W/build.log" || true)
b_warn=$(grep -E ": warning [A-Z]+[0-9]+" "$W/build.log" | sort -u | wc -l)
if [ "$build_rc" != 0 ]; then
  grep -E ": error |error :" "$W/build.log" | sort -u | head -30
  echo "client: kiota OK ($files files, $kiota_warn warnings); dotnet build FAILED ($b_err errors, log $W/build.log) -> FAIL"; exit 1
fi
log "build OK in $((SECONDS - t0))s, $b_warn distinct warnings (log: $W/build.log)"
grep -E ": warning [A-Z]+[0-9]+" "$W/build.log" | sed -E 's/ \[.*\]$//' | sort -u | head -10 | sed 's/^/   build: /'

# ---- 3. call the API
run_args=("$BASE_URL" "${call_path:-/}")
[ -n "$byid_path" ] && run_args+=("$byid_path" "$missing_id")
timeout 120 dotnet "$P/out/ApiChecksClient.dll" "${run_args[@]}" > "$W/run.log" 2>&1
run_rc=$?
head -40 "$W/run.log" | sed 's/^/   run: /'
called=$(sed -n 's/^CALLED //p' "$W/run.log")
rtype=$(sed -n 's/^RESULT-TYPE //p' "$W/run.log" | sed 's/.*\.//')
undoc=$(grep -c "^UNDOCUMENTED-FIELD" "$W/run.log" || true)
probe=$(sed -n 's/^PROBE-NOTFOUND //p' "$W/run.log" | cut -c1-140)
head="client: kiota OK ($files files, $kiota_warn warnings); build OK ($b_warn warnings)"
if [ "$run_rc" = 3 ] || [ "$run_rc" = 4 ] || { [ "$run_rc" != 0 ] && [ "$run_rc" != 5 ]; }; then
  echo "$head; call GET ${call_path:-custom} FAILED (rc=$run_rc: $(grep -m1 -E '^CALL-FAILED|Unhandled' "$W/run.log" | cut -c1-160)) -> FAIL"
  exit 1
fi
verdict=PASS; rc=0
if [ "$run_rc" = 5 ]; then verdict=FAIL; rc=1; fi        # not-found probe hit an undocumented status
if [ "$undoc" -gt 0 ] && [ "${CLIENT_STRICT:-0}" = 1 ]; then verdict=FAIL; rc=1; fi
if [ -n "${CLIENT_CALL:-}" ]; then
  what="CLIENT_CALL made $(grep -c '^CALL ' "$W/run.log") calls ($(sed -n 's/^CALL //p' "$W/run.log" | cut -d' ' -f1-2 | paste -sd ',' - | sed 's/,/, /g')) -> $rtype"
else
  what="${called:-call} on GET ${call_path} -> $rtype"
fi
echo "$head; $what ($undoc undocumented fields); not-found probe: ${probe:-skipped} -> $verdict"
exit "$rc"
