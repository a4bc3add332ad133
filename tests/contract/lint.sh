#!/usr/bin/env bash
# lint.sh BASE_URL — lint the OpenAPI document the API serves.
#   * Spectral 6.16.3: spectral:oas (recommended) + kit rules (spectral.yaml)
#     + @stoplight/spectral-owasp-ruleset 2.0.1 (advisory unless LINT_OWASP=strict)
#   * Redocly CLI 2.77.0 `lint` with the recommended ruleset (redocly.yaml)
# Exit: 0 clean, 1 gating findings, 2 setup error. Last line: one-line figure.
# Env: LINT_FAIL_ON=error|warn|none (default error)   LINT_OWASP=1|0|strict (default 1)
#      LINT_RULESET=/path/.spectral.yaml (replace the kit ruleset)   LINT_REDOCLY=0 (skip)
#      OPENAPI_PATH=/openapi/v1.json   CHECKS_TOOLS=/tmp/claimsapi-contract-tools   CHECKS_OUT=...
CHECK_NAME=lint
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
usage_base_url "$@"
ensure_node_tools

W="$(work_dir lint)"
doc_path="$(fetch_doc "$BASE_URL" "$W/openapi.json")" || die "no OpenAPI document found under $BASE_URL (set OPENAPI_PATH)"
log "linting $BASE_URL$doc_path (saved to $W/openapi.json)"

# Spectral resolves npm rulesets relative to the ruleset file, so OWASP is pulled in by
# absolute path to the installed package instead of by package name.
ruleset="${LINT_RULESET:-$CHECKS_DIR/spectral.yaml}"
{
  echo "extends:"
  echo "  - $ruleset"
  if [ "${LINT_OWASP:-1}" != 0 ]; then
    echo "  - $NODE_TOOLS/node_modules/@stoplight/spectral-owasp-ruleset/dist/ruleset.mjs"
  fi
} > "$W/ruleset.yaml"

# Spectral exit codes: 0 clean, 1 findings at fail-severity, 2 crashed.
( cd "$W" && timeout 300 "$NODE_BIN/spectral" lint --ruleset "$W/ruleset.yaml" --format json \
    --output "$W/spectral.json" --quiet --fail-severity error openapi.json ) 2> "$W/spectral.err"
sp_rc=$?
[ "$sp_rc" -ge 2 ] && { log "spectral crashed (rc=$sp_rc):"; head -20 "$W/spectral.err" >&2; rm -f "$W/spectral.json"; echo "not json" > "$W/spectral.json"; }

rd_json="-"
if [ "${LINT_REDOCLY:-1}" != 0 ]; then
  ( cd "$W" && timeout 300 "$NODE_BIN/redocly" lint openapi.json --config "$CHECKS_DIR/redocly.yaml" \
      --format=json > "$W/redocly.json" ) 2> "$W/redocly.err"
  rd_rc=$?
  [ "$rd_rc" -gt 1 ] && { log "redocly failed (rc=$rd_rc):"; tail -20 "$W/redocly.err" >&2; }
  rd_json="$W/redocly.json"
fi

node "$CHECKS_DIR/lib/lint-summary.mjs" "$W/spectral.json" "$rd_json" | tee "$W/summary.txt"
