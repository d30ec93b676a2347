namespace Hologram.Testing.History;

/// <summary>One test-process run of one test assembly, with the metadata recorded for it.</summary>
public sealed record RunInfo
{
    /// <summary>Unique id of this run (one test process, one assembly).</summary>
    public required string RunId { get; init; }

    /// <summary>The CI build this run belongs to (groups the assemblies and shards of one pipeline run), or null.</summary>
    public string? BuildId { get; init; }

    /// <summary>The commit under test, or null when unknown.</summary>
    public string? Commit { get; init; }

    /// <summary>The branch under test, or null when unknown.</summary>
    public string? Branch { get; init; }

    /// <summary>The active profile.</summary>
    public required string Profile { get; init; }

    /// <summary>The shard (<c>i/n</c>) or null.</summary>
    public string? Shard { get; init; }

    /// <summary>The machine name.</summary>
    public required string Host { get; init; }

    /// <summary>The test framework adapter, e.g. <c>xunit2</c>, <c>xunit3</c>, <c>nunit4</c>.</summary>
    public required string Framework { get; init; }

    /// <summary>The test assembly name.</summary>
    public required string Assembly { get; init; }

    /// <summary>When the run started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>When the run ended, or null while it runs.</summary>
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>The CI system (<c>github</c>, <c>azure</c>, <c>gitlab</c>, <c>jenkins</c>, …; see <see cref="RunMetadata.CiProvider"/>) or null locally.</summary>
    public string? CiProvider { get; init; }

    /// <summary>A link to the CI job, when the CI system exposes one.</summary>
    public string? CiUrl { get; init; }
}
