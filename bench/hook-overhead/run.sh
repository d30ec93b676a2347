#!/usr/bin/env bash
# Hook overhead benchmark: whole `dotnet test` wall time of a generated suite of trivial xUnit v2
# tests, without ("plain") and with ("hook") the Hologram.Testing.Xunit package.
#
#   bench/hook-overhead/run.sh                      # 10,000 tests, 5 timed runs per mode
#   TESTS=2000 RUNS=2 bench/hook-overhead/run.sh    # quick check
#   MODES=plain bench/hook-overhead/run.sh          # plain xUnit only (no pack)
#
# Knobs (environment):
#   TESTS          number of generated [Fact]s (default 10000; 100 per class)
#   RUNS           timed runs per mode, after one discarded warm-up run each (default 5)
#   MODES          space-separated subset of the modes defined in MODE_DEFS (default: all)
#   KEEP           1 = keep the generated folder afterwards (default 0; always kept on failure)
#   PACK_PROJECTS  space-separated src projects to pack (default: core + xUnit v2 adapter)
#   SHAPE          facts (default: TESTS trivial [Fact]s) or realistic (about TESTS cases, mostly theory rows with long
#                  string arguments and MemberData, over 300 classes, with class and collection fixtures)
#
# Output: a plain-text table on stdout and bench/hook-overhead/results/latest.json (git-ignored).
# See docs/benchmarks.md for how to read the figures.
set -euo pipefail

# ---------------------------------------------------------------------------------------------
# Modes. One line per mode: name|project kind|extra environment (space-separated KEY=VALUE).
# The project kind picks the generated project (see write_project); modes of the same kind share
# one build. {gen} in the environment is replaced by the generated folder's absolute path.
# Every mode runs the same generated test source. The first mode named "plain" is the reference
# for ratios.
# ---------------------------------------------------------------------------------------------
MODE_DEFS=(
  "plain|plain|"
  "hook|hook|HOLOGRAM_STORE=none"
  "hook-sqlite|hook|HOLOGRAM_STORE=sqlite:{gen}/store/hologram.db"
)
# PostgreSQL when a server is given (e.g. BENCH_POSTGRES="$HOLOGRAM_TEST_POSTGRES" after .ci/postgres.sh).
if [ -n "${BENCH_POSTGRES:-}" ]; then
  MODE_DEFS+=("hook-postgres|hook|HOLOGRAM_STORE=${BENCH_POSTGRES}")
fi

# Printed and recorded environments never show a password (a PostgreSQL store string carries one).
mask() { sed -E 's/(Password=)[^; ]*/\1***/Ig; s#(://[^:/@ ]+:)[^@ ]+@#\1***@#g' <<<"$1"; }

TESTS="${TESTS:-10000}"
RUNS="${RUNS:-5}"
KEEP="${KEEP:-0}"
PACK_PROJECTS="${PACK_PROJECTS:-src/Hologram.Testing/Hologram.Testing.csproj src/Hologram.Testing.Xunit/Hologram.Testing.Xunit.csproj}"
TESTS_PER_CLASS=100
SHAPE="${SHAPE:-facts}"

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
GEN="$HERE/generated"
RESULTS_DIR="$HERE/results"

log() { printf '[hook-overhead] %s\n' "$*" >&2; }
die() { printf '[hook-overhead] error: %s\n' "$*" >&2; exit 1; }
[[ "$SHAPE" == facts || "$SHAPE" == realistic ]] || die "SHAPE must be facts or realistic, got '$SHAPE'"

# ---------------------------------------------------------------------------------------------
# Preconditions
# ---------------------------------------------------------------------------------------------
command -v dotnet >/dev/null 2>&1 || die "dotnet not found on PATH; install the .NET 10 SDK (see global.json)"
command -v awk >/dev/null 2>&1 || die "awk not found on PATH"
[[ "$TESTS" =~ ^[1-9][0-9]*$ ]] || die "TESTS must be a positive integer, got '$TESTS'"
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive integer, got '$RUNS'"
[[ -f "$REPO/Hologram.Testing.sln" ]] || die "repository root not found at $REPO"

# Resolve the selected modes against MODE_DEFS, keeping MODE_DEFS order.
declare -a SEL_NAMES=() SEL_KINDS=() SEL_ENVS=()
all_names=()
for def in "${MODE_DEFS[@]}"; do all_names+=("${def%%|*}"); done
wanted=" ${MODES:-${all_names[*]}} "
for w in $wanted; do
  found=0
  for n in "${all_names[@]}"; do [[ "$n" == "$w" ]] && found=1; done
  (( found )) || die "unknown mode '$w' in MODES (known: ${all_names[*]})"
done
for def in "${MODE_DEFS[@]}"; do
  IFS='|' read -r name kind extra <<<"$def"
  [[ "$wanted" == *" $name "* ]] || continue
  SEL_NAMES+=("$name"); SEL_KINDS+=("$kind"); SEL_ENVS+=("${extra//\{gen\}/$GEN}")
done
(( ${#SEL_NAMES[@]} > 0 )) || die "MODES selects no mode"

needs_pack=0
for k in "${SEL_KINDS[@]}"; do [[ "$k" != plain ]] && needs_pack=1; done

# shellcheck source=../lib/quiet-env.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/quiet-env.sh"

finish() {
  local rc=$?
  if (( rc != 0 )); then
    log "failed (exit $rc); generated files kept in $GEN"
  elif [[ "$KEEP" == 1 ]]; then
    log "generated files kept in $GEN"
  else
    rm -rf "$GEN"
  fi
}
trap finish EXIT


# ---------------------------------------------------------------------------------------------
# 1. Fresh generated folder, isolated from the repository's build props and package versions.
# ---------------------------------------------------------------------------------------------
STAMP="$(date -u +%Y%m%d%H%M%S)"
VERSION="0.0.0-bench.$STAMP"
log "generated folder: $GEN"
rm -rf "$GEN"
mkdir -p "$GEN/feed" "$GEN/packages" "$GEN/suite" "$GEN/logs" "$GEN/reports"

# shellcheck source=../lib/workspace.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/workspace.sh"
isolate_workspace "$GEN"
printf 'root = true\n' >"$GEN/.editorconfig"

# nuget.config: the repository's sources plus the local feed.
[[ -f "$REPO/nuget.config" ]] || die "no nuget.config at the repository root"
grep -q '</packageSources>' "$REPO/nuget.config" || die "repository nuget.config has no <packageSources>"
awk -v feed="$GEN/feed" '
  /<\/packageSources>/ { print "    <add key=\"hologram-bench-local\" value=\"" feed "\" />" }
  { print }
' "$REPO/nuget.config" >"$GEN/nuget.config"

# ---------------------------------------------------------------------------------------------
# 2. Pack the hook (only when a selected mode uses it).
# ---------------------------------------------------------------------------------------------
if (( needs_pack )); then
  for p in $PACK_PROJECTS; do
    [[ -f "$REPO/$p" ]] || die "pack project not found: $p"
    log "packing $p ($VERSION, Release) into $GEN/feed"
    if ! dotnet pack "$REPO/$p" -c Release -p:Version="$VERSION" -p:PackageOutputPath="$GEN/feed/" \
        -p:IncludeSymbols=false -nodeReuse:false >"$GEN/logs/pack-$(basename "$p" .csproj).log" 2>&1; then
      tail -n 30 "$GEN/logs/pack-$(basename "$p" .csproj).log" >&2
      die "packing $p failed; run with MODES=plain to measure plain xUnit alone"
    fi
  done
  ls "$GEN/feed"/Hologram.Testing.Xunit."$VERSION".nupkg >/dev/null 2>&1 \
    || die "Hologram.Testing.Xunit.$VERSION.nupkg was not produced"
fi

# ---------------------------------------------------------------------------------------------
# 3. Generate the suite: TESTS trivial facts, 100 per class. Shared by every mode.
# ---------------------------------------------------------------------------------------------
if [[ "$SHAPE" == realistic ]]; then
  # Shaped like real suites: most cases are theory rows (InlineData with long string arguments, MemberData), spread
  # over many classes (each its own parallel collection), with a few class and collection fixtures.
  log "generating a realistic suite of about $TESTS test cases (theory rows, long arguments, fixtures)"
  awk -v total="$TESTS" -v dir="$GEN/suite" 'BEGIN {
    classes = 300; rows = 40; methods = int((total / classes - 4) / (rows * 1.25) + 0.999); if (methods < 1) methods = 1
    pad = "lorem-ipsum-dolor-sit-amet-consectetur-adipiscing-elit-sed-do-eiusmod-tempor-incididunt-ut-labore"
    printf "namespace Bench.Suite;\n\npublic sealed class SharedFixture { public int Seed { get; } = 7; }\n\n[CollectionDefinition(\"shared\")]\npublic sealed class SharedCollection : ICollectionFixture<SharedFixture>;\n" > (dir "/Fixtures.cs")
    close(dir "/Fixtures.cs")
    for (c = 0; c < classes; c++) {
      f = sprintf("%s/Class%04d.cs", dir, c)
      fixture = (c % 25 == 0) ? " : IClassFixture<SharedFixture>" : ""
      printf "namespace Bench.Suite;\n\n%spublic class Class%04d%s\n{\n", (c % 50 == 1 ? "[Collection(\"shared\")]\n" : ""), c, fixture > f
      if (c % 50 == 1) printf "    public Class%04d(SharedFixture fixture) => _ = fixture.Seed;\n\n", c > f
      for (m = 0; m < methods; m++) {
        printf "    [Theory]\n" > f
        for (r = 0; r < rows; r++) printf "    [InlineData(%d, \"%s/%04d/%03d/%02d\", %d.5)]\n", r, pad, c, m, r, r > f
        printf "    public void Rows%02d(int id, string name, double weight)\n    {\n        Assert.True(name.Length > id %% 7);\n        Assert.True(weight > id - 1);\n    }\n\n", m > f
        printf "    public static TheoryData<int, string> Data%02d()\n    {\n        var data = new TheoryData<int, string>();\n        for (var i = 0; i < %d; i++) data.Add(i, \"%s-\" + i);\n        return data;\n    }\n\n", m, rows / 4, pad > f
        printf "    [Theory, MemberData(nameof(Data%02d))]\n    public void Member%02d(int id, string name) => Assert.EndsWith(id.ToString(System.Globalization.CultureInfo.InvariantCulture), name);\n\n", m, m > f
      }
      for (k = 0; k < 4; k++) printf "    [Fact]\n    public void Fact%d() => Assert.Equal(%d, %d + %d);\n\n", k, 2 * k, k, k > f
      printf "}\n" > f
      close(f)
    }
  }'
  # The generator rounds up to whole theories: the runner must report exactly this many.
  methods=$(( (TESTS / 300 - 4 + 49) / 50 )); (( methods < 1 )) && methods=1
  TESTS=$(( 300 * (methods * 50 + 4) ))
  log "generated $TESTS test cases"
else
  log "generating $TESTS tests ($TESTS_PER_CLASS per class)"
  awk -v total="$TESTS" -v per="$TESTS_PER_CLASS" -v dir="$GEN/suite" 'BEGIN {
    classes = int((total + per - 1) / per)
    n = 0
    for (c = 0; c < classes; c++) {
      f = sprintf("%s/Class%04d.cs", dir, c)
      printf "namespace Bench.Suite;\n\npublic class Class%04d\n{\n", c > f
      for (m = 0; m < per && n < total; m++) {
        printf "    [Fact]\n    public void Test%03d()\n    {\n        var x = %d;\n        Assert.Equal(%d, x + x);\n    }\n\n", m, n, 2 * n > f
        n++
      }
      printf "}\n" > f
      close(f)
    }
  }'
fi
echo 'global using Xunit;' >"$GEN/suite/Usings.cs"

# Project for a kind. Add a branch here for a new kind (e.g. one with a store provider package).
write_project() {
  local kind="$1" dir="$GEN/projects/$kind" extra=""
  mkdir -p "$dir"
  case "$kind" in
    plain) extra="" ;;
    hook) extra="    <PackageReference Include=\"Hologram.Testing.Xunit\" Version=\"$VERSION\" />" ;;
    *) die "unknown project kind '$kind'" ;;
  esac
  cat >"$dir/Bench.$kind.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <AssemblyName>Bench.$kind</AssemblyName>
    <RootNamespace>Bench.Suite</RootNamespace>
    <EnableDefaultCompileItems>false</EnableDefaultCompileItems>
  </PropertyGroup>
  <ItemGroup>
    <Compile Include="../../suite/*.cs" />
  </ItemGroup>
  <ItemGroup>
    <PackageReference Include="Microsoft.NET.Test.Sdk" Version="18.0.1" />
    <PackageReference Include="xunit" Version="2.9.3" />
    <PackageReference Include="xunit.runner.visualstudio" Version="3.1.5" />
$extra
  </ItemGroup>
</Project>
EOF
  printf '%s' "$dir/Bench.$kind.csproj"
}

# ---------------------------------------------------------------------------------------------
# 4. Restore and build each kind once (Release).
# ---------------------------------------------------------------------------------------------
declare -A PROJ=()
for kind in "${SEL_KINDS[@]}"; do
  [[ -n "${PROJ[$kind]:-}" ]] && continue
  proj="$(write_project "$kind")"
  PROJ[$kind]="$proj"
  log "restoring $kind ($proj)"
  dotnet restore "$proj" --configfile "$GEN/nuget.config" -nodeReuse:false >"$GEN/logs/restore-$kind.log" 2>&1 \
    || { tail -n 30 "$GEN/logs/restore-$kind.log" >&2; die "restore of $kind failed"; }
  log "building $kind (Release)"
  dotnet build "$proj" -c Release --no-restore -nodeReuse:false >"$GEN/logs/build-$kind.log" 2>&1 \
    || { tail -n 30 "$GEN/logs/build-$kind.log" >&2; die "build of $kind failed"; }
done

# Is the hook's assembly actually referenced by the built test assembly? (A no-op package that
# registers nothing makes the "hook" figures meaningless; say so rather than hide it.)
declare -A WIRED=()
for kind in "${!PROJ[@]}"; do
  dll="$(dirname "${PROJ[$kind]}")/bin/Release/net10.0/Bench.$kind.dll"
  [[ -f "$dll" ]] || die "built assembly not found: $dll"
  if grep -qa 'Hologram.Testing.Xunit' "$dll"; then WIRED[$kind]=true; else WIRED[$kind]=false; fi
  if [[ "$kind" != plain && "${WIRED[$kind]}" == false ]]; then
    log "warning: Bench.$kind.dll does not reference Hologram.Testing.Xunit; the hook is not registered (package is a no-op?)"
  fi
done

# ---------------------------------------------------------------------------------------------
# 5. Run: one discarded warm-up round, then RUNS rounds, modes interleaved within each round.
# ---------------------------------------------------------------------------------------------
declare -A TIMES=()
run_one() { # mode index, round label -> seconds on stdout
  local i="$1" label="$2" name="${SEL_NAMES[$1]}" kind="${SEL_KINDS[$1]}" envs="${SEL_ENVS[$1]}"
  local out="$GEN/logs/run-$label-$name.log" t0 t1 rc=0
  mkdir -p "$GEN/reports/$name"
  t0="$(now)"
  # shellcheck disable=SC2086 # envs is a list of KEY=VALUE words, split on purpose
  env HOLOGRAM_REPORTS_DIR="$GEN/reports/$name" $envs \
    dotnet test "${PROJ[$kind]}" --no-build -c Release >"$out" 2>&1 || rc=$?
  t1="$(now)"
  if (( rc != 0 )); then
    tail -n 30 "$out" >&2
    die "run $label of $name exited with $rc (log: $out)"
  fi
  local summary passed total failed
  summary="$(grep -E 'Total: *[0-9]+' "$out" | tail -n 1 || true)"
  passed="$(sed -nE 's/.*Passed: *([0-9]+).*/\1/p' <<<"$summary")"
  total="$(sed -nE 's/.*Total: *([0-9]+).*/\1/p' <<<"$summary")"
  failed="$(sed -nE 's/.*Failed: *([0-9]+).*/\1/p' <<<"$summary")"
  if [[ "$passed" != "$TESTS" || "$total" != "$TESTS" || "$failed" != 0 ]]; then
    tail -n 30 "$out" >&2
    die "run $label of $name: expected $TESTS passed of $TESTS, runner said '${summary:-no summary}' (log: $out)"
  fi
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }'
}

log "environment: HOLOGRAM_PROFILE=$HOLOGRAM_PROFILE, $(nproc 2>/dev/null || echo '?') cores, load $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '')"
busy_warning() { # warn when the 1-minute load is at or above the core count
  awk -v l="${1%% *}" -v c="$(nproc 2>/dev/null || echo 0)" 'BEGIN { exit !(l != "" && c > 0 && l + 0 >= c) }' \
    && log "warning: load average $1 on $(nproc) cores: the machine is busy, expect noisy figures"
  return 0
}
busy_warning "$LOAD_BEFORE"
for (( r = 0; r <= RUNS; r++ )); do
  label=$([[ $r == 0 ]] && echo warmup || echo "$r")
  for i in "${!SEL_NAMES[@]}"; do
    name="${SEL_NAMES[$i]}"
    log "run $label/$RUNS: dotnet test --no-build -c Release ($name) $(mask "${SEL_ENVS[$i]}")"
    s="$(run_one "$i" "$label")"
    log "  $name: ${s}s, $TESTS passed"
    (( r == 0 )) || TIMES[$name]+="$s "
  done
done
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '')"
busy_warning "$LOAD_AFTER"

# ---------------------------------------------------------------------------------------------
# 6. Statistics, table and JSON.
# ---------------------------------------------------------------------------------------------
stats() { # "t1 t2 ..." -> "median min mean stddev"
  tr ' ' '\n' <<<"$1" | awk 'NF' | sort -g | awk '
    { v[NR] = $1; s += $1 }
    END {
      n = NR; mean = s / n
      med = (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
      for (i = 1; i <= n; i++) ss += (v[i] - mean) ^ 2
      sd = (n > 1) ? sqrt(ss / (n - 1)) : 0
      printf "%.3f %.3f %.3f %.3f", med, v[1], mean, sd
    }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.4f", a / b; else printf "null" }'; }

ref=""
for n in "${SEL_NAMES[@]}"; do [[ "$n" == plain ]] && ref=plain; done
declare -A MED=() MIN=() MEAN=() SD=()
for n in "${SEL_NAMES[@]}"; do
  read -r MED[$n] MIN[$n] MEAN[$n] SD[$n] <<<"$(stats "${TIMES[$n]}")"
done

echo
echo "Hook overhead: $TESTS tests, $RUNS timed runs per mode (+1 warm-up), modes interleaved"
printf '%-14s %4s %9s %9s %9s %9s %12s %10s\n' mode runs median_s min_s mean_s stddev_s median_ratio min_ratio
for n in "${SEL_NAMES[@]}"; do
  mr="-"; nr="-"
  if [[ -n "$ref" ]]; then mr="$(ratio "${MED[$n]}" "${MED[$ref]}")"; nr="$(ratio "${MIN[$n]}" "${MIN[$ref]}")"; fi
  printf '%-14s %4s %9s %9s %9s %9s %12s %10s\n' "$n" "$RUNS" "${MED[$n]}" "${MIN[$n]}" "${MEAN[$n]}" "${SD[$n]}" "$mr" "$nr"
done
if [[ -n "$ref" ]]; then
  echo "ratio = mode / plain (1.03 = 3% slower; target for hook <= 1.03)"
  for n in "${SEL_NAMES[@]}"; do
    [[ "$n" == "$ref" ]] && continue
    awk -v n="$n" -v a="${MED[$n]}" -v b="${MED[$ref]}" -v t="$TESTS" \
      'BEGIN { printf "%s - %s: %+.3f s by median, %+.1f us per test\n", n, "plain", a - b, (a - b) * 1e6 / t }'
  done
fi
echo "load average before / after: ${LOAD_BEFORE:-?} / ${LOAD_AFTER:-?} on $(nproc 2>/dev/null || echo '?') cores"
echo

mkdir -p "$RESULTS_DIR"
json="$RESULTS_DIR/latest.json"
commit="$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)"
{
  printf '{\n'
  printf '  "benchmark": "hook-overhead",\n'
  printf '  "date_utc": "%s",\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  printf '  "commit": "%s",\n' "$commit"
  printf '  "package_version": "%s",\n' "$VERSION"
  printf '  "tests": %s,\n  "runs": %s,\n  "warmup_runs": 1,\n' "$TESTS" "$RUNS"
  printf '  "host": { "cores": %s, "os": "%s", "dotnet_sdk": "%s", "loadavg_before": "%s", "loadavg_after": "%s" },\n' \
    "$(nproc 2>/dev/null || echo 0)" "$(uname -sr)" "$(dotnet --version)" "$LOAD_BEFORE" "$LOAD_AFTER"
  printf '  "reference": %s,\n' "$([[ -n "$ref" ]] && echo "\"$ref\"" || echo null)"
  printf '  "modes": [\n'
  last=$(( ${#SEL_NAMES[@]} - 1 ))
  for i in "${!SEL_NAMES[@]}"; do
    n="${SEL_NAMES[$i]}"; k="${SEL_KINDS[$i]}"
    mr=null; nr=null
    if [[ -n "$ref" ]]; then mr="$(ratio "${MED[$n]}" "${MED[$ref]}")"; nr="$(ratio "${MIN[$n]}" "${MIN[$ref]}")"; fi
    runs_json="$(awk 'NF' <<<"${TIMES[$n]// /$'\n'}" | paste -sd, -)"
    printf '    { "name": "%s", "project_kind": "%s", "env": "%s", "hook_assembly_referenced": %s,\n' \
      "$n" "$k" "$(mask "${SEL_ENVS[$i]}" | sed 's/"/\\"/g')" "${WIRED[$k]}"
    printf '      "seconds": [%s], "median": %s, "min": %s, "mean": %s, "stddev": %s,\n' \
      "$runs_json" "${MED[$n]}" "${MIN[$n]}" "${MEAN[$n]}" "${SD[$n]}"
    printf '      "median_ratio": %s, "min_ratio": %s }%s\n' "$mr" "$nr" "$([[ $i == "$last" ]] || echo ,)"
  done
  printf '  ]\n}\n'
} >"$json"
cp "$json" "$RESULTS_DIR/$STAMP.json"
log "wrote $json"
