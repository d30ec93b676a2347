# Sourced by the bench scripts. isolate_workspace DIR: props files in DIR that stop MSBuild's walk up to the
# repository's own, so generated suites build like a consumer's projects, restoring into DIR/packages.
isolate_workspace() {
  local dir="$1"
  cat >"$dir/Directory.Build.props" <<XML
<Project>
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <ImplicitUsings>enable</ImplicitUsings>
    <Nullable>enable</Nullable>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
    <RestorePackagesPath>$dir/packages</RestorePackagesPath>
    <IsPackable>false</IsPackable>
    <IsTestProject>true</IsTestProject>
    <UseSharedCompilation>false</UseSharedCompilation>
  </PropertyGroup>
</Project>
XML
  echo '<Project />' >"$dir/Directory.Build.targets"
  echo '<Project />' >"$dir/Directory.Packages.props"
}
