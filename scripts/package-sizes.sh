#!/usr/bin/env bash
# Prints what each Hologram package installs: its own unpacked size and the size of everything a consumer's restore
# brings with it (the package plus its transitive dependency closure), and what `dotnet tool install` puts on disk
# for the hologram tool.
#
#   scripts/package-sizes.sh            packs every src project (Release, a fresh version) into a temporary feed
#   FEED=artifacts scripts/package-sizes.sh   measures the .nupkg files already in a folder instead of packing
#
# Each package is restored alone into a fresh project (net10.0 class library, central versions off) with a private
# package folder, so the NuGet global cache is neither used nor changed. Sizes are the unpacked files on disk
# (the .nupkg archives and NuGet's own .sha512/.metadata files are not counted); 1 MB = 1,000,000 bytes.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

feed=${FEED:-}
if [ -z "$feed" ]; then
  feed="$work/feed"
  version="0.0.0-size.$(date -u +%Y%m%d%H%M%S)"
  # Hologram.Testing.XunitV3 builds its xunit.v3 3.x twin while packing; that twin must be restored first
  for project in src/*/*.csproj; do
    dotnet restore "$project" -clp:ErrorsOnly >"$work/restore.log" 2>&1 \
      || { cat "$work/restore.log" >&2; echo "package-sizes: dotnet restore $project failed" >&2; exit 1; }
  done
  for project in src/*/*.csproj; do
    # not a package of its own: packed inside Hologram.Testing.XunitV3
    [[ $project == *.XunitV3.Xunit3.csproj ]] && continue
    dotnet pack "$project" -c Release -o "$feed" -p:Version="$version" -p:IncludeSymbols=false -clp:ErrorsOnly >"$work/pack.log" 2>&1 \
      || { cat "$work/pack.log" >&2; echo "package-sizes: dotnet pack $project failed" >&2; exit 1; }
  done
else
  feed=$(cd "$feed" && pwd)
fi

# bytes of the unpacked files under a folder
unpacked() {
  find "$1" -type f ! -name '*.nupkg' ! -name '*.nupkg.sha512' ! -name '.nupkg.metadata' ! -name '.signature.p7s' -printf '%s\n' \
    | awk '{ s += $1 } END { printf "%d\n", s }'
}
mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1000000 }'; }

python3 - "$repo/nuget.config" "$feed" "$work/nuget.config" <<'PY'
import sys, xml.etree.ElementTree as ET
tree = ET.parse(sys.argv[1])
sources = tree.getroot().find("packageSources")
ET.SubElement(sources, "add", key="hologram-sizes", value=sys.argv[2])
tree.write(sys.argv[3])
PY
printf '<Project />\n' >"$work/Directory.Build.props"
printf '<Project />\n' >"$work/Directory.Build.targets"
printf '<Project><PropertyGroup><ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally></PropertyGroup></Project>\n' >"$work/Directory.Packages.props"

printf '| package | package itself (MB) | installed with dependencies (MB) | packages installed |\n'
printf '|---|---:|---:|---:|\n'
tool=
for nupkg in "$feed"/*.nupkg; do
  [[ $nupkg == *.snupkg ]] && continue
  file=$(basename "$nupkg" .nupkg)
  # <id>.<version>: the version starts at the first ".<digit>"
  id=$(sed -E 's/\.[0-9]+\..*$//' <<<"$file")
  ver=${file#"$id".}
  if unzip -p "$nupkg" '*.nuspec' | grep -q '<packageType name="DotnetTool"'; then
    tool="$id:$ver"
    continue
  fi
  dir="$work/p-$id"
  mkdir -p "$dir"
  cat >"$dir/consumer.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <RestorePackagesPath>$dir/packages</RestorePackagesPath>
    <NoWarn>\$(NoWarn);NU1608;NU1701</NoWarn>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="$id" Version="$ver" />
  </ItemGroup>
</Project>
XML
  dotnet restore "$dir/consumer.csproj" --configfile "$work/nuget.config" >"$dir/restore.log" 2>&1 \
    || { cat "$dir/restore.log" >&2; echo "package-sizes: restoring $id failed" >&2; exit 1; }
  self=$(unpacked "$dir/packages/${id,,}")
  total=$(unpacked "$dir/packages")
  count=$(find "$dir/packages" -mindepth 2 -maxdepth 2 -type d | wc -l)
  printf '| %s | %s | %s | %d |\n' "$id" "$(mb "$self")" "$(mb "$total")" "$count"
done

if [ -n "$tool" ]; then
  id=${tool%%:*}
  ver=${tool#*:}
  dotnet tool install "$id" --version "$ver" --tool-path "$work/tool" --configfile "$work/nuget.config" >"$work/tool.log" 2>&1 \
    || { cat "$work/tool.log" >&2; echo "package-sizes: installing $id failed" >&2; exit 1; }
  total=$(unpacked "$work/tool")
  files=$(find "$work/tool/.store" -type f -name '*.dll' | wc -l)
  printf '\n| tool | installed by `dotnet tool install --tool-path` (MB) | assemblies |\n'
  printf '|---|---:|---:|\n'
  printf '| %s (`hologram`) | %s | %d |\n' "$id" "$(mb "$total")" "$files"
fi
