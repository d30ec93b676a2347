#!/usr/bin/env bash
# The main job: pack Hologram, run the sample suites (xUnit v2, xUnit v3, NUnit, TUnit) through it as a user's CI would,
# keep the results under reports/, then render them: reports/index.html (hologram report) and the job summary.
#   ./sample.sh                       # whole sample suite
#   ./sample.sh --filter "Category=Phase6Perf|Category=Phase8E2E"   # any extra dotnet test arguments
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

version="0.1.0-local.$(date -u +%Y%m%d%H%M%S)"
feed=artifacts/local-feed
echo "==> packing Hologram $version into $feed"
rm -rf "$feed" samples/.packages
dotnet pack Hologram.Testing.sln -c Release -o "$feed" -p:Version="$version" -p:IncludeSymbols=false -nologo -v:q

mkdir -p reports/samples
echo "==> running the sample suite through Hologram"
set +e
dotnet test samples/Hologram.Samples.sln -c Release -p:HologramVersion="$version" \
  --logger "trx;LogFilePrefix=samples" --logger "console;verbosity=normal" \
  --results-directory reports/samples "$@"
status=$?

# The TUnit sample is a testing platform program, which dotnet test refuses in this repository's VSTest mode: it runs
# with dotnet run. A --filter of categories ("Category=A|Category=B") becomes its tree-node filter (docs/tunit.md).
echo "==> running the TUnit sample through Hologram"
tunit_args=()
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  if [[ ${args[i]} == --filter && ${args[i + 1]:-} =~ ^Category=[A-Za-z0-9]+(\|Category=[A-Za-z0-9]+)*$ ]]; then
    tunit_args+=(--treenode-filter "/**[(${args[i + 1]//|/)|(})]")
  fi
done
dotnet run --project samples/Hologram.Samples.TUnit.Tests -c Release -p:HologramVersion="$version" -- \
  --report-trx --report-trx-filename samples_tunit.trx --results-directory reports/samples --ignore-exit-code 8 "${tunit_args[@]}"
tunit_status=$?
[[ $status -ne 0 ]] || status=$tunit_status
set -e
echo "==> results: reports/samples/samples_*.trx (one per test project: xUnit v2, xUnit v3, NUnit, TUnit)"

# The report and the summary render whatever the suites recorded: the history store, perf, chaos and E2E files.
echo "==> hologram report"
hologram=(dotnet run --project src/Hologram.Testing.Cli -c Release --)
"${hologram[@]}" report
echo "==> hologram summary"
"${hologram[@]}" summary
exit "$status"
