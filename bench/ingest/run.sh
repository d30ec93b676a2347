#!/usr/bin/env bash
# Ingest throughput: a 50,000-test TRX file and a 50,000-test JUnit XML file (generate.py), each loaded by the real
# `hologram ingest` into a fresh SQLite store, then loaded again (nothing to add). Prints wall time, tests per second
# and the peak resident memory of the hologram process (GNU time).
# Usage: bench/ingest/run.sh [tests]   (default 50000)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
tests=${1:-50000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build "$repo/src/Hologram.Testing.Cli/Hologram.Testing.Cli.csproj" -c Release -m:1 -v q -nologo >/dev/null
cli=$(ls "$repo"/src/Hologram.Testing.Cli/bin/Release/net*/hologram.dll | head -n 1)
python3 "$here/generate.py" "$work" "$tests"
mkdir -p "$work/repo/.git"
for file in bench.trx bench-junit.xml; do
  size=$(du -m "$work/$file" | cut -f1)
  for pass in first again; do
    # shellcheck disable=SC2016
    ( cd "$work/repo" && HOLOGRAM_STORE="sqlite:$work/$file.db" /usr/bin/time -f '%e %M' -o "$work/time" dotnet "$cli" ingest "$work/$file" >/dev/null )
    read -r seconds kb < "$work/time"
    echo "$file ($tests tests, $size MB), $pass: $seconds s, $(python3 -c "print(f'{$tests / max($seconds, 0.001):,.0f}')") tests/s, peak RSS $((kb / 1024)) MB"
  done
  ( cd "$work/repo" && HOLOGRAM_STORE="sqlite:$work/$file.db" dotnet "$cli" store stats | grep -E 'runs|attempts' | sed 's/^/    /' )
done
