#!/usr/bin/env bash
# hologram report on a history store of 1,000,000 attempts (10,000 tests x 100 runs) plus 50 perf series.
#   bench/report/run.sh                  # 3 timed runs after one warm-up
#   RUNS=5 KEEP=1 bench/report/run.sh    # keep bench/report/generated (the store takes ~1 min to fill)
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
runs=${RUNS:-3}
gen=$PWD/bench/report/generated
reports=$gen/reports
store=$reports/hologram.db
mkdir -p "$reports" bench/report/results

if [ ! -f "$store" ]; then
  echo "==> filling $store (bench/history-store: 10,000 tests x 100 runs)"
  dotnet run --project bench/history-store -c Release -- "sqlite:$store" > "$gen/fill.log"
  tail -n 1 "$gen/fill.log" | sed 's/^/    /'
fi
rm -rf "$reports/perf"
dotnet run --project bench/report -c Release -- "$reports" 50 100
dotnet build src/Hologram.Testing.Cli -c Release -nologo -v:q > /dev/null
tool=src/Hologram.Testing.Cli/bin/Release/net10.0/hologram.dll

export CI=true HOLOGRAM_PROFILE=main HOLOGRAM_STORE="sqlite:$store" HOLOGRAM_REPORTS_DIR="$reports" HOLOGRAM__FLAKE__WINDOWDAYS=3650   # the store's runs are dated some months back: the window must cover them
for budget in $(seq -w 0 49); do export "SLO_OP${budget}_P95_MS=$((1 + 10#$budget))"; done
dotnet "$tool" report > /dev/null   # warm-up (file cache, JIT of the tool is per process anyway)
times=()
for i in $(seq 1 "$runs"); do
  start=$(date +%s%N)
  dotnet "$tool" report > "$gen/report.log"
  end=$(date +%s%N)
  times+=("$(( (end - start) / 1000000 ))")
done
size=$(stat -c %s "$reports/index.html")
sorted=$(printf '%s\n' "${times[@]}" | sort -n | tr '\n' ' ')
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
summary="hologram report: 1,017,000 attempts (10,000 tests x 100 runs) + 50 perf series: median ${median} ms over ${runs} runs (${sorted% }ms), index.html $((size / 1024)) KiB ($size bytes); targets 5000 ms, 5 MiB"
echo "$summary"
echo "$summary" > "bench/report/results/latest.txt"
if [ "${KEEP:-0}" != "1" ]; then rm -rf "$gen"; fi
