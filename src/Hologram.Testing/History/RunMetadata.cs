using System.Diagnostics;
using Hologram.Testing.Internal;

namespace Hologram.Testing.History;

/// <summary>Where a run comes from: commit, branch, CI build and provider, detected from CI variables or <c>git</c>.</summary>
public sealed record RunMetadata
{
    private static readonly TimeSpan GitTimeout = TimeSpan.FromSeconds(3);

    /// <summary>The commit under test, or null.</summary>
    public string? Commit { get; init; }

    /// <summary>The branch under test (the source branch of a pull request), or null.</summary>
    public string? Branch { get; init; }

    /// <summary>The CI build id grouping the runs of one pipeline, or null.</summary>
    public string? BuildId { get; init; }

    /// <summary>
    /// <c>github</c>, <c>azure</c>, <c>gitlab</c>, <c>jenkins</c>, <c>circleci</c>, <c>buildkite</c>, <c>teamcity</c>,
    /// <c>bitbucket</c>, <c>travis</c>, or null when not on a known CI.
    /// </summary>
    public string? CiProvider { get; init; }

    /// <summary>A link to the CI job, or null.</summary>
    public string? CiUrl { get; init; }

    /// <summary>
    /// Reads the metadata from <paramref name="environment"/>: <c>HOLOGRAM_COMMIT</c>/<c>HOLOGRAM_BRANCH</c>/<c>HOLOGRAM_BUILD_ID</c>
    /// first, then the variables of GitHub Actions, Azure Pipelines, GitLab CI, Jenkins, CircleCI, Buildkite, TeamCity,
    /// Bitbucket Pipelines or Travis CI (the first present), and finally <c>git rev-parse</c> in
    /// <paramref name="repositoryRoot"/> (short timeout; failures give null).
    /// </summary>
    /// <param name="environment">The environment variables.</param>
    /// <param name="repositoryRoot">Where to run <c>git</c> when no variable names the commit or branch.</param>
    /// <returns>The detected metadata.</returns>
    public static RunMetadata Detect(IReadOnlyDictionary<string, string?> environment, string repositoryRoot)
    {
        ArgumentNullException.ThrowIfNull(environment);
        string? Get(string name) => environment.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

        var detected = CiProviders.Detect(Get);
        var provider = detected?.Name;
        var (commit, branch, build, url) = detected?.Values ?? new CiValues(null, null, null, null);

        commit = Get("HOLOGRAM_COMMIT") ?? commit;
        branch = Get("HOLOGRAM_BRANCH") ?? branch;
        build = Get("HOLOGRAM_BUILD_ID") ?? build;
        if (commit is null || branch is null)
        {
            if (!string.IsNullOrEmpty(repositoryRoot) && GitHead.Read(repositoryRoot) is { } head)
            {
                // The repository's own files: no process to start (a detached HEAD has no branch, as with git).
                commit ??= head.Commit;
                branch ??= head.Branch;
            }
            else
            {
                commit ??= Git(repositoryRoot, "rev-parse HEAD");
                branch ??= Git(repositoryRoot, "rev-parse --abbrev-ref HEAD") is { } b && b != "HEAD" ? b : null;
            }
        }

        return new RunMetadata { Commit = commit, Branch = branch, BuildId = build, CiProvider = provider, CiUrl = url };
    }

    private static string? Git(string repositoryRoot, string arguments)
    {
        if (string.IsNullOrEmpty(repositoryRoot) || !Directory.Exists(repositoryRoot))
        {
            return null;
        }

        try
        {
            using var process = new Process
            {
                StartInfo = new ProcessStartInfo("git", arguments)
                {
                    WorkingDirectory = repositoryRoot,
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    UseShellExecute = false,
                },
            };
            process.Start();
            var output = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(GitTimeout))
            {
                process.Kill(entireProcessTree: true);
                return null;
            }

            var text = output.Wait(GitTimeout) ? output.Result.Trim() : string.Empty;
            return process.ExitCode == 0 && text.Length > 0 ? text : null;
        }
        catch (Exception)
        {
            // No git, not a repository, or no permission: the run is recorded without it.
            return null;
        }
    }
}
