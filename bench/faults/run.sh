#!/usr/bin/env bash
# Runs the fault-injection suite (tests/Hologram.Testing.Tests/Faults) and prints one table: per scenario the runs,
# attempts expected and recorded, duplicates, and audit entries against real quarantine changes.
#   bench/faults/run.sh            the short variants (what `dotnet test` runs by default)
#   bench/faults/run.sh --long     also the [NoCi] long variants (HOLOGRAM_FAULTS_LONG=1)
# HOLOGRAM_FAULT_SEED=<n> repeats the kill points of an earlier run. The PostgreSQL rows need a server:
# `source .ci/postgres.sh` first (it exports HOLOGRAM_TEST_POSTGRES); the disk-full and read-only rows need root (tmpfs).
set -uo pipefail
cd "$(dirname "$0")/../.."
table=$(mktemp)
trap 'rm -f "$table"' EXIT
export HOLOGRAM_FAULT_TABLE="$table"
if [ "${1:-}" = "--long" ]; then
  export HOLOGRAM_FAULTS_LONG=1
fi

dotnet test tests/Hologram.Testing.Tests --filter "FullyQualifiedName~Hologram.Testing.Tests.Faults." --logger "console;verbosity=normal" | grep -E "^\s*(Passed|Failed|Skipped) |Total tests|Passed:|Failed:|Skipped:"
status=${PIPESTATUS[0]}

echo
echo "| scenario | runs | attempts expected | attempts recorded | duplicates | audit entries / real changes |"
echo "|---|---|---|---|---|---|"
cat "$table"
exit "$status"
