namespace Hologram.Testing.Internal;

/// <summary>
/// The CI systems whose documented variables <see cref="History.RunMetadata.Detect"/> reads, in the order they are
/// tried: the first one present wins.
/// </summary>
internal static class CiProviders
{
    /// <summary>Every known provider, in detection order.</summary>
    public static IReadOnlyList<CiProvider> All { get; } =
    [
        new("github", env => env("GITHUB_ACTIONS") is not null || env("GITHUB_SHA") is not null, GitHub),
        new("azure", env => env("TF_BUILD") is not null || env("BUILD_SOURCEVERSION") is not null, Azure),
        new("gitlab", env => env("GITLAB_CI") is not null || env("CI_COMMIT_SHA") is not null, GitLab),
        new("jenkins", env => env("JENKINS_URL") is not null || env("JENKINS_HOME") is not null, Jenkins),
        new("circleci", env => env("CIRCLECI") is not null || env("CIRCLE_SHA1") is not null, CircleCi),
        new("buildkite", env => env("BUILDKITE") is not null || env("BUILDKITE_BUILD_ID") is not null, Buildkite),
        new("teamcity", env => env("TEAMCITY_VERSION") is not null, TeamCity),
        new("bitbucket", env => env("BITBUCKET_BUILD_NUMBER") is not null || env("BITBUCKET_COMMIT") is not null, Bitbucket),
        new("travis", env => env("TRAVIS") is not null || env("TRAVIS_BUILD_ID") is not null, Travis),
    ];

    /// <summary>The first provider present in <paramref name="env"/> and what it says, or null when none is.</summary>
    /// <param name="env">Returns a variable's trimmed value, or null when it is unset or blank.</param>
    public static (string Name, CiValues Values)? Detect(Func<string, string?> env)
    {
        foreach (var provider in All)
        {
            if (provider.IsPresent(env))
            {
                return (provider.Name, provider.Read(env));
            }
        }

        return null;
    }

    // GitHub Actions: a re-run keeps GITHUB_RUN_ID, so the attempt is part of the build id.
    private static CiValues GitHub(Func<string, string?> env)
    {
        var runId = env("GITHUB_RUN_ID");
        var url = runId is not null && env("GITHUB_REPOSITORY") is { } repo
            ? $"{env("GITHUB_SERVER_URL") ?? "https://github.com"}/{repo}/actions/runs/{runId}"
            : null;
        return new(env("GITHUB_SHA"), env("GITHUB_HEAD_REF") ?? env("GITHUB_REF_NAME"), runId is null ? null : runId + "-" + (env("GITHUB_RUN_ATTEMPT") ?? "1"), url);
    }

    private static CiValues Azure(Func<string, string?> env)
    {
        var build = env("BUILD_BUILDID");
        var url = build is not null && env("SYSTEM_COLLECTIONURI") is { } collection && env("SYSTEM_TEAMPROJECT") is { } project
            ? $"{collection.TrimEnd('/')}/{Uri.EscapeDataString(project)}/_build/results?buildId={build}"
            : null;
        return new(env("BUILD_SOURCEVERSION"), StripPrefix(env("SYSTEM_PULLREQUEST_SOURCEBRANCH"), "refs/heads/") ?? env("BUILD_SOURCEBRANCHNAME"), build, url);
    }

    private static CiValues GitLab(Func<string, string?> env) =>
        new(env("CI_COMMIT_SHA"), env("CI_MERGE_REQUEST_SOURCE_BRANCH_NAME") ?? env("CI_COMMIT_REF_NAME"), env("CI_PIPELINE_ID"), env("CI_JOB_URL") ?? env("CI_PIPELINE_URL"));

    // Jenkins: CHANGE_BRANCH is a pull request's source branch (BRANCH_NAME is then "PR-24"); GIT_BRANCH, from the Git
    // plugin, is the remote-tracking name ("origin/main"). BUILD_TAG is jenkins-<job>-<number>, unique across jobs.
    private static CiValues Jenkins(Func<string, string?> env) =>
        new(env("GIT_COMMIT"), env("CHANGE_BRANCH") ?? env("BRANCH_NAME") ?? StripPrefix(env("GIT_BRANCH"), "origin/"), env("BUILD_TAG") ?? env("BUILD_NUMBER"), env("BUILD_URL"));

    // CircleCI: the workflow id groups the jobs of one pipeline run; a job alone has its build number.
    private static CiValues CircleCi(Func<string, string?> env) =>
        new(env("CIRCLE_SHA1"), env("CIRCLE_BRANCH"), env("CIRCLE_WORKFLOW_ID") ?? env("CIRCLE_BUILD_NUM"), env("CIRCLE_BUILD_URL"));

    // Buildkite: BUILDKITE_COMMIT may be "HEAD" when a build was started without a commit; git then names it.
    private static CiValues Buildkite(Func<string, string?> env) =>
        new(env("BUILDKITE_COMMIT") is { } c && !c.Equals("HEAD", StringComparison.OrdinalIgnoreCase) ? c : null, env("BUILDKITE_BRANCH"), env("BUILDKITE_BUILD_ID"), env("BUILDKITE_BUILD_URL"));

    // TeamCity passes no branch and no link as environment variables by default (see docs/ci.md for HOLOGRAM_BRANCH);
    // a build number is unique only within its build configuration.
    private static CiValues TeamCity(Func<string, string?> env)
    {
        var number = env("BUILD_NUMBER");
        var configuration = env("TEAMCITY_BUILDCONF_NAME");
        var build = number is null ? null : configuration is null ? number : $"{configuration}#{number}";
        return new(env("BUILD_VCS_NUMBER"), null, build, null);
    }

    private static CiValues Bitbucket(Func<string, string?> env)
    {
        var number = env("BITBUCKET_BUILD_NUMBER");
        var url = number is not null && env("BITBUCKET_REPO_FULL_NAME") is { } repo ? $"https://bitbucket.org/{repo}/pipelines/results/{number}" : null;
        return new(env("BITBUCKET_COMMIT"), env("BITBUCKET_BRANCH"), number, url);
    }

    // Travis CI: TRAVIS_BRANCH is the target branch in a pull request build; the source branch is TRAVIS_PULL_REQUEST_BRANCH.
    private static CiValues Travis(Func<string, string?> env) =>
        new(env("TRAVIS_COMMIT"), env("TRAVIS_PULL_REQUEST_BRANCH") ?? env("TRAVIS_BRANCH"), env("TRAVIS_BUILD_ID"), env("TRAVIS_JOB_WEB_URL") ?? env("TRAVIS_BUILD_WEB_URL"));

    private static string? StripPrefix(string? value, string prefix) =>
        value is not null && value.StartsWith(prefix, StringComparison.Ordinal) && value.Length > prefix.Length ? value[prefix.Length..] : value;
}
