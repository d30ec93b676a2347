#!/usr/bin/env bash
# Adds every public symbol that is not yet tracked to each package's PublicAPI.Unshipped.txt (and removes entries of
# symbols that are gone), using the public API analyzers' own fixes. Review the diff: it is the package's API change.
set -euo pipefail
cd "$(dirname "$0")/.."
for project in src/*/*.csproj; do
  echo "==> $project"
  dotnet format analyzers "$project" --diagnostics RS0016 RS0017 RS0037 --severity info
done
