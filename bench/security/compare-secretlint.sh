#!/usr/bin/env bash
# The same corpora through secretlint's recommended preset and through `hologram secrets scan`, side by side:
# detection per corpus, false positives per 10,000 ordinary lines, wall time.
#   bench/security/compare-secretlint.sh                 # secretlint 13 from the npm registry, into a temporary directory
#   SECRETLINT_VERSION=12 bench/security/compare-secretlint.sh
# Needs node/npm (registry reachable), python3 and the .NET SDK.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
version="${SECRETLINT_VERSION:-13}"

echo "# exporting the corpora"
dotnet run -c Release --project "$here/SecurityBench.csproj" -- --export "$work/corpus" | tail -1

echo "# installing secretlint@$version and @secretlint/secretlint-rule-preset-recommend@$version"
npm install --silent --no-audit --no-fund --prefix "$work/npm" "secretlint@$version" "@secretlint/secretlint-rule-preset-recommend@$version" >/dev/null
installed="$(node -p "require('$work/npm/node_modules/secretlint/package.json').version")"
printf '{"rules":[{"id":"@secretlint/secretlint-rule-preset-recommend"}]}\n' > "$work/.secretlintrc.json"

echo "# building hologram"
dotnet build -c Release -v q -nologo "$root/src/Hologram.Testing.Cli/Hologram.Testing.Cli.csproj" >/dev/null
hologram="$root/src/Hologram.Testing.Cli/bin/Release/net10.0/hologram.dll"

cd "$work"
start=$(date +%s.%N)
"$work/npm/node_modules/.bin/secretlint" --secretlintrc "$work/.secretlintrc.json" --format json --output "$work/secretlint.json" "corpus/**/*.txt" || true
secretlint_seconds=$(echo "$(date +%s.%N) - $start" | bc)

start=$(date +%s.%N)
dotnet "$hologram" secrets scan corpus > "$work/hologram.txt" || true
hologram_seconds=$(echo "$(date +%s.%N) - $start" | bc)

python3 "$here/compare-score.py" "$work/corpus" "$work/secretlint.json" "$work/hologram.txt" "$installed" "$secretlint_seconds" "$hologram_seconds"
