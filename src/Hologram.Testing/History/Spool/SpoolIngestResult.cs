namespace Hologram.Testing.History.Spool;

/// <summary>What <see cref="SpoolIngestor.IngestAsync"/> loaded.</summary>
public sealed record SpoolIngestResult
{
    /// <summary>Spool files loaded into the store and deleted.</summary>
    public int Files { get; init; }

    /// <summary>Spool files left alone because a writer still has them open.</summary>
    public int FilesInUse { get; init; }

    /// <summary>Runs replayed.</summary>
    public int Runs { get; init; }

    /// <summary>Attempts replayed (including any the store already had, which it ignores).</summary>
    public int Attempts { get; init; }

    /// <summary>Flake events replayed.</summary>
    public int Flakes { get; init; }

    /// <summary>Perf measurements replayed (including any the store already had, which it ignores).</summary>
    public int PerfMeasurements { get; init; }

    /// <summary>Lines that could not be read (a truncated last line after a crash, or damage), set aside in <see cref="RejectedFiles"/>.</summary>
    public int UnreadableLines { get; init; }

    /// <summary>Readable records the store would refuse (e.g. an attempt without a test id), set aside in <see cref="RejectedFiles"/>.</summary>
    public int Rejected { get; init; }

    /// <summary>The side files (<c>&lt;spool&gt;/rejected/&lt;file&gt;</c>) that hold each line set aside, with its line number and reason.</summary>
    public IReadOnlyList<string> RejectedFiles { get; init; } = [];

    /// <summary>Attempts the store did not take because a different result is stored under the same run, test id and attempt, kept in <see cref="CollisionFiles"/>.</summary>
    public int Collisions { get; init; }

    /// <summary>The side files (<c>&lt;spool&gt;/collisions/&lt;runId&gt;.jsonl</c>) that hold each colliding attempt.</summary>
    public IReadOnlyList<string> CollisionFiles { get; init; } = [];
}
