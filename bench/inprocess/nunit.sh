#!/usr/bin/env bash
# In-process cost of the NUnit hook: runs the realistic NUnit suite of bench/adapter-overhead inside one process
# through NUnit's own assembly runner, plain and with Hologram.Testing.NUnit (HOLOGRAM_STORE=none, then the default
# SQLite store), modes interleaved, and prints CPU and wall time per mode and the hook's CPU per test.
#
#   bench/inprocess/nunit.sh              # 3 rounds after a warm-up; builds the suite on first use (TESTS=50000)
#   RUNS=5 GENERATED=path bench/inprocess/nunit.sh
#
# Knobs: RUNS (default 3), TESTS (size of the suite built on first use, default 50000), GENERATED (a kept
# bench/adapter-overhead/generated folder with SHAPE=realistic NUnit projects).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
RUNS="${RUNS:-3}"
GENERATED="${GENERATED:-$REPO/bench/adapter-overhead/generated}"
WORK="$HERE/generated/nunit"
log() { printf '[inprocess-nunit] %s\n' "$*" >&2; }
die() { printf '[inprocess-nunit] error: %s\n' "$*" >&2; exit 1; }
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive integer, got '$RUNS'"

plain="$GENERATED/projects/nunit-plain/bin/Release/net10.0/Bench.nunit.plain.dll"
hook="$GENERATED/projects/nunit-hook/bin/Release/net10.0/Bench.nunit.hook.dll"
if [[ ! -f "$plain" || ! -f "$hook" ]]; then
  log "building the realistic NUnit suite (bench/adapter-overhead, kept)"
  FRAMEWORKS=nunit SHAPE=realistic TESTS="${TESTS:-50000}" RUNS=1 KEEP=1 "$REPO/bench/adapter-overhead/run.sh" >/dev/null
fi
[[ -f "$plain" && -f "$hook" ]] || die "suite not found under $GENERATED"

rm -rf "$WORK" && mkdir -p "$WORK/driver" "$WORK/reports"
log "building the driver (Release)"
dotnet build "$HERE/nunit/Hologram.Bench.InProcess.NUnit.csproj" -c Release -o "$WORK/driver" -nodeReuse:false >"$WORK/build.log" 2>&1 \
  || { tail -n 20 "$WORK/build.log" >&2; die "driver build failed"; }

# shellcheck source=../lib/quiet-env.sh
source "$REPO/bench/lib/quiet-env.sh"
export HOLOGRAM_PROFILE="${HOLOGRAM_PROFILE:-dev}" HOLOGRAM_REPORTS_DIR="$WORK/reports"
lines="$WORK/lines.txt"; : >"$lines"
for round in warmup $(seq 1 "$RUNS"); do
  for mode in plain hook hook-sqlite; do
    dll="$hook"; store=none
    [[ "$mode" == plain ]] && dll="$plain"
    [[ "$mode" == hook-sqlite ]] && store="sqlite:$WORK/store.db"
    line="$(HOLOGRAM_STORE="$store" dotnet "$WORK/driver/Hologram.Bench.InProcess.NUnit.dll" "$dll")" || die "$mode run failed: $line"
    log "$round $mode: $line"
    [[ "$round" == warmup ]] || printf 'mode=%s %s\n' "$mode" "$line" >>"$lines"
  done
done

python3 - "$lines" <<'PY'
import re, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    fields = dict(re.findall(r'(\w+)=([\w.\-]+)', line))
    rows.setdefault(fields['mode'], []).append(fields)
med = lambda mode, key: statistics.median(float(r[key]) for r in rows[mode])
cases = int(rows['plain'][0]['passed'])
print(f"NUnit in process: {cases} cases, {len(rows['plain'])} rounds, medians")
print(f"{'mode':12} {'wall_ms':>8} {'cpu_ms':>8} {'alloc_mb':>9} {'peak_ws_mb':>10} {'cpu/plain':>9} {'us/test':>8}")
for mode in ('plain', 'hook', 'hook-sqlite'):
    cpu = med(mode, 'cpu_ms')
    extra = (cpu - med('plain', 'cpu_ms')) * 1000 / cases
    print(f"{mode:12} {med(mode, 'wall_ms'):8.0f} {cpu:8.0f} {med(mode, 'alloc_mb'):9.1f} {med(mode, 'peak_ws_mb'):10.1f} {cpu / med('plain', 'cpu_ms'):9.3f} {extra:8.1f}")
print("us/test: CPU beyond plain per test case, fixed cost per process included")
PY
