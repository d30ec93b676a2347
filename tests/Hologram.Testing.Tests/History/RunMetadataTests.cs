using Hologram.Testing.History;

namespace Hologram.Testing.Tests.History;

public sealed class RunMetadataTests
{
    private static readonly string NoRepository = Path.Combine(Path.GetTempPath(), "hologram-no-repo-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void GitHub_pull_request_uses_the_head_branch()
    {
        var m = RunMetadata.Detect(new Dictionary<string, string?>
        {
            ["GITHUB_ACTIONS"] = "true", ["GITHUB_SHA"] = "abc", ["GITHUB_REF_NAME"] = "12/merge", ["GITHUB_HEAD_REF"] = "feature/x",
            ["GITHUB_RUN_ID"] = "99", ["GITHUB_RUN_ATTEMPT"] = "2", ["GITHUB_SERVER_URL"] = "https://github.com", ["GITHUB_REPOSITORY"] = "o/r",
        }, NoRepository);
        Assert.Equal(new RunMetadata { Commit = "abc", Branch = "feature/x", BuildId = "99-2", CiProvider = "github", CiUrl = "https://github.com/o/r/actions/runs/99" }, m);
    }

    [Fact]
    public void GitHub_push_uses_the_ref_name()
    {
        var m = RunMetadata.Detect(new Dictionary<string, string?> { ["GITHUB_ACTIONS"] = "true", ["GITHUB_SHA"] = "abc", ["GITHUB_REF_NAME"] = "main", ["GITHUB_HEAD_REF"] = "" }, NoRepository);
        Assert.Equal(("abc", "main"), (m.Commit, m.Branch));
    }

    [Fact]
    public void Azure_and_gitlab_variables()
    {
        var azure = RunMetadata.Detect(new Dictionary<string, string?>
        {
            ["TF_BUILD"] = "True", ["BUILD_SOURCEVERSION"] = "def", ["BUILD_SOURCEBRANCHNAME"] = "main", ["BUILD_BUILDID"] = "7",
            ["SYSTEM_COLLECTIONURI"] = "https://dev.azure.com/org/", ["SYSTEM_TEAMPROJECT"] = "proj",
        }, NoRepository);
        Assert.Equal(new RunMetadata { Commit = "def", Branch = "main", BuildId = "7", CiProvider = "azure", CiUrl = "https://dev.azure.com/org/proj/_build/results?buildId=7" }, azure);

        var gitlab = RunMetadata.Detect(new Dictionary<string, string?>
        {
            ["GITLAB_CI"] = "true", ["CI_COMMIT_SHA"] = "123", ["CI_COMMIT_REF_NAME"] = "dev", ["CI_PIPELINE_ID"] = "55", ["CI_JOB_URL"] = "https://gitlab.example/j/1",
        }, NoRepository);
        Assert.Equal(new RunMetadata { Commit = "123", Branch = "dev", BuildId = "55", CiProvider = "gitlab", CiUrl = "https://gitlab.example/j/1" }, gitlab);
    }

    [Fact]
    public void Hologram_variables_override_ci_ones()
    {
        var m = RunMetadata.Detect(new Dictionary<string, string?>
        {
            ["GITHUB_SHA"] = "abc", ["GITHUB_REF_NAME"] = "main", ["HOLOGRAM_COMMIT"] = "zzz", ["HOLOGRAM_BRANCH"] = "rel", ["HOLOGRAM_BUILD_ID"] = "b1",
        }, NoRepository);
        Assert.Equal(("zzz", "rel", "b1", "github"), (m.Commit, m.Branch, m.BuildId, m.CiProvider));
    }

    [Fact]
    public void Without_variables_git_is_asked_and_failures_give_null()
    {
        var none = RunMetadata.Detect(new Dictionary<string, string?>(), NoRepository);
        Assert.Equal(new RunMetadata(), none);

        var repo = Path.Combine(Path.GetTempPath(), "hologram-git-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(repo);
        try
        {
            if (!RunGit(repo, "init -q -b trunk") || !RunGit(repo, "-c user.email=a@b -c user.name=a commit -q --allow-empty -m x"))
            {
                return; // no git on this machine: nothing more to check
            }

            var m = RunMetadata.Detect(new Dictionary<string, string?>(), repo);
            Assert.Matches("^[0-9a-f]{40}$", m.Commit);
            Assert.Equal("trunk", m.Branch);
            Assert.Null(m.CiProvider);
        }
        finally
        {
            Directory.Delete(repo, recursive: true);
        }
    }

    private static bool RunGit(string directory, string arguments)
    {
        try
        {
            using var p = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("git", arguments) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true });
            p!.WaitForExit(10_000);
            return p.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
