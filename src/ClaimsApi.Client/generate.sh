#!/usr/bin/env bash
# Regenerates the typed client in Generated/ from the committed OpenAPI document (docs/openapi/v1.json) with Kiota,
# and records the document's SHA-256 in Generated/openapi.sha256 (ClientTests fails when the two drift apart).
# Needs the .NET SDK and NuGet; Kiota is installed into .tools/ (git-ignored) at the pinned version.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
kiota_version=1.38.0
tools="$here/.tools"
if ! "$tools/kiota" --version 2>/dev/null | grep -q "^$kiota_version"; then
  dotnet tool install Microsoft.OpenApi.Kiota --version "$kiota_version" --tool-path "$tools" >/dev/null
fi
rm -rf "$here/Generated"
"$tools/kiota" generate --language CSharp --openapi "$root/docs/openapi/v1.json" --output "$here/Generated" \
  --namespace-name ClaimsApi.Client --class-name ClaimsApiClient --exclude-backward-compatible --clean-output \
  --log-level Warning
# The lock file records where the document was; make it relative to this folder, whoever ran the script.
sed -i "s#\"descriptionLocation\": \".*\"#\"descriptionLocation\": \"../../../docs/openapi/v1.json\"#" "$here/Generated/kiota-lock.json"
sha256sum "$root/docs/openapi/v1.json" | cut -d' ' -f1 > "$here/Generated/openapi.sha256"
echo "generated $(find "$here/Generated" -name '*.cs' | wc -l) files from docs/openapi/v1.json"
