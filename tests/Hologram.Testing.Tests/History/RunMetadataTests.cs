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

    /// <summary>One row per CI system: its documented variables as a job sees them, and the metadata expected from them.</summary>
    public static TheoryData<string, string[], RunMetadata> Providers => new()
    {
        {
            "GitHub Actions push", ["GITHUB_ACTIONS=true", "GITHUB_SHA=a1", "GITHUB_REF_NAME=main", "GITHUB_RUN_ID=99", "GITHUB_REPOSITORY=o/r"],
            new() { Commit = "a1", Branch = "main", BuildId = "99-1", CiProvider = "github", CiUrl = "https://github.com/o/r/actions/runs/99" }
        },
        {
            "Azure Pipelines pull request", ["TF_BUILD=True", "BUILD_SOURCEVERSION=b2", "BUILD_SOURCEBRANCHNAME=merge", "SYSTEM_PULLREQUEST_SOURCEBRANCH=refs/heads/feature/y",
                "BUILD_BUILDID=7", "SYSTEM_COLLECTIONURI=https://dev.azure.com/org/", "SYSTEM_TEAMPROJECT=my proj"],
            new() { Commit = "b2", Branch = "feature/y", BuildId = "7", CiProvider = "azure", CiUrl = "https://dev.azure.com/org/my%20proj/_build/results?buildId=7" }
        },
        {
            "GitLab merge request", ["GITLAB_CI=true", "CI_COMMIT_SHA=c3", "CI_COMMIT_REF_NAME=refs/merge-requests/4/head", "CI_MERGE_REQUEST_SOURCE_BRANCH_NAME=fix",
                "CI_PIPELINE_ID=55", "CI_PIPELINE_URL=https://gitlab.example/p/55"],
            new() { Commit = "c3", Branch = "fix", BuildId = "55", CiProvider = "gitlab", CiUrl = "https://gitlab.example/p/55" }
        },
        {
            "Jenkins freestyle job with the Git plugin", ["JENKINS_URL=https://ci.example/", "GIT_COMMIT=d4", "GIT_BRANCH=origin/main", "BUILD_NUMBER=153",
                "BUILD_TAG=jenkins-api-tests-153", "BUILD_URL=https://ci.example/job/api-tests/153/"],
            new() { Commit = "d4", Branch = "main", BuildId = "jenkins-api-tests-153", CiProvider = "jenkins", CiUrl = "https://ci.example/job/api-tests/153/" }
        },
        {
            "Jenkins multibranch pull request", ["JENKINS_URL=https://ci.example/", "GIT_COMMIT=d5", "BRANCH_NAME=PR-24", "CHANGE_BRANCH=feature/z",
                "BUILD_TAG=jenkins-repo-PR-24-3", "BUILD_URL=https://ci.example/job/repo/job/PR-24/3/"],
            new() { Commit = "d5", Branch = "feature/z", BuildId = "jenkins-repo-PR-24-3", CiProvider = "jenkins", CiUrl = "https://ci.example/job/repo/job/PR-24/3/" }
        },
        {
            "CircleCI workflow", ["CI=true", "CIRCLECI=true", "CIRCLE_SHA1=e6", "CIRCLE_BRANCH=dev", "CIRCLE_BUILD_NUM=812", "CIRCLE_WORKFLOW_ID=wf-1f2e",
                "CIRCLE_BUILD_URL=https://circleci.com/gh/o/r/812"],
            new() { Commit = "e6", Branch = "dev", BuildId = "wf-1f2e", CiProvider = "circleci", CiUrl = "https://circleci.com/gh/o/r/812" }
        },
        {
            "Buildkite", ["BUILDKITE=true", "BUILDKITE_COMMIT=f7", "BUILDKITE_BRANCH=release", "BUILDKITE_BUILD_ID=0190-bk", "BUILDKITE_BUILD_URL=https://buildkite.com/o/p/builds/42"],
            new() { Commit = "f7", Branch = "release", BuildId = "0190-bk", CiProvider = "buildkite", CiUrl = "https://buildkite.com/o/p/builds/42" }
        },
        {
            "Buildkite build started on HEAD", ["BUILDKITE=true", "BUILDKITE_COMMIT=HEAD", "BUILDKITE_BRANCH=main", "BUILDKITE_BUILD_ID=0191-bk", "HOLOGRAM_COMMIT=f8"],
            new() { Commit = "f8", Branch = "main", BuildId = "0191-bk", CiProvider = "buildkite" }
        },
        {
            "TeamCity", ["TEAMCITY_VERSION=2025.07", "BUILD_VCS_NUMBER=a9", "BUILD_NUMBER=31", "TEAMCITY_BUILDCONF_NAME=Unit tests", "HOLOGRAM_BRANCH=main"],
            new() { Commit = "a9", Branch = "main", BuildId = "Unit tests#31", CiProvider = "teamcity" }
        },
        {
            "Bitbucket Pipelines", ["CI=true", "BITBUCKET_BUILD_NUMBER=17", "BITBUCKET_COMMIT=b0", "BITBUCKET_BRANCH=feature/q", "BITBUCKET_REPO_FULL_NAME=team/repo"],
            new() { Commit = "b0", Branch = "feature/q", BuildId = "17", CiProvider = "bitbucket", CiUrl = "https://bitbucket.org/team/repo/pipelines/results/17" }
        },
        {
            "Travis CI push", ["TRAVIS=true", "TRAVIS_COMMIT=c1", "TRAVIS_BRANCH=main", "TRAVIS_PULL_REQUEST_BRANCH=", "TRAVIS_BUILD_ID=46812085",
                "TRAVIS_BUILD_WEB_URL=https://app.travis-ci.com/o/r/builds/46812085"],
            new() { Commit = "c1", Branch = "main", BuildId = "46812085", CiProvider = "travis", CiUrl = "https://app.travis-ci.com/o/r/builds/46812085" }
        },
        {
            "Travis CI pull request", ["TRAVIS=true", "TRAVIS_COMMIT=c2", "TRAVIS_BRANCH=main", "TRAVIS_PULL_REQUEST_BRANCH=feature/w", "TRAVIS_BUILD_ID=46812090",
                "TRAVIS_BUILD_WEB_URL=https://app.travis-ci.com/o/r/builds/46812090", "TRAVIS_JOB_WEB_URL=https://app.travis-ci.com/o/r/jobs/46812091"],
            new() { Commit = "c2", Branch = "feature/w", BuildId = "46812090", CiProvider = "travis", CiUrl = "https://app.travis-ci.com/o/r/jobs/46812091" }
        },
    };

    [Theory]
    [MemberData(nameof(Providers))]
    public void Each_ci_provider_is_read_from_its_documented_variables(string provider, string[] variables, RunMetadata expected)
    {
        var environment = variables.Select(v => v.Split('=', 2)).ToDictionary(p => p[0], p => (string?)p[1]);

        var detected = RunMetadata.Detect(environment, NoRepository);

        Assert.True(expected == detected, $"{provider}: expected {expected}, got {detected}");
    }

    [Fact]
    public void Every_provider_has_a_row_in_the_table()
    {
        var covered = Providers.Select(row => ((RunMetadata)row[2]).CiProvider).ToHashSet();
        Assert.All(Hologram.Testing.Internal.CiProviders.All, p => Assert.Contains(p.Name, covered));
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
