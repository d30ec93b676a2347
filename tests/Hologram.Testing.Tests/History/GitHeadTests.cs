using System.Diagnostics;
using Hologram.Testing.History;

namespace Hologram.Testing.Tests.History;

/// <summary>The commit and branch read from .git files agree with git itself, in every layout git produces.</summary>
public sealed class GitHeadTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "hologram-githead-" + Guid.NewGuid().ToString("N"));

    public GitHeadTests()
    {
        Directory.CreateDirectory(root);
        Git(root, "init -q -b main repo");
        Git(Repo, "-c user.email=t@t -c user.name=t commit -q --allow-empty -m one");
    }

    private string Repo => Path.Combine(root, "repo");

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void A_branch_with_a_loose_ref() => AssertAgreesWithGit(Repo, expectBranch: "main");

    [Fact]
    public void A_branch_whose_ref_is_packed()
    {
        Git(Repo, "pack-refs --all");
        Assert.False(File.Exists(Path.Combine(Repo, ".git", "refs", "heads", "main")));
        AssertAgreesWithGit(Repo, expectBranch: "main");
    }

    [Fact]
    public void A_detached_head_has_no_branch()
    {
        Git(Repo, "checkout -q --detach");
        AssertAgreesWithGit(Repo, expectBranch: null);
    }

    [Fact]
    public void A_linked_worktree_reads_its_own_head_and_the_shared_refs()
    {
        Git(Repo, "-c user.email=t@t -c user.name=t commit -q --allow-empty -m two");
        Git(Repo, "worktree add -q -b feature/x ../wt HEAD~1");
        AssertAgreesWithGit(Path.Combine(root, "wt"), expectBranch: "feature/x");
    }

    [Fact]
    public void Not_a_repository_is_null() => Assert.Null(GitHead.Read(root));

    private static void AssertAgreesWithGit(string directory, string? expectBranch)
    {
        var head = GitHead.Read(directory);
        Assert.NotNull(head);
        Assert.Equal(Git(directory, "rev-parse HEAD"), head.Value.Commit);
        Assert.Equal(expectBranch, head.Value.Branch);
    }

    private static string Git(string directory, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo("git", arguments)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"git {arguments}: {error}");
        return output.Trim();
    }
}
