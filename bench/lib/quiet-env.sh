# Sourced by the bench scripts: a quiet, comparable environment. No Hologram or CI settings leak in, so every mode
# runs the same tests under the same profile, and no MSBuild node or compiler server outlives the script.
for v in $(compgen -e); do
  case "$v" in
    HOLOGRAM_*|HOLOGRAM__*|SLO_*_P95_MS|GQL_SAMPLES|GQL_WARMUP|ENC_MB|REGRESSION_THRESHOLD_PCT \
      |CI|CONTINUOUS_INTEGRATION|GITHUB_ACTIONS|GITHUB_STEP_SUMMARY|TF_BUILD|GITLAB_CI|BUILDKITE \
      |JENKINS_URL|TEAMCITY_VERSION|APPVEYOR|TRAVIS|CIRCLECI|BUILD_BUILDID) unset "$v" ;;
  esac
done
export HOLOGRAM_PROFILE=dev
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export DOTNET_CLI_UI_LANGUAGE=en VSLANG=1033
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0 UseSharedCompilation=false

# High-resolution wall clock in seconds.
now() { if [[ -n "${EPOCHREALTIME:-}" ]]; then printf '%s' "$EPOCHREALTIME"; else date +%s.%N; fi; }
