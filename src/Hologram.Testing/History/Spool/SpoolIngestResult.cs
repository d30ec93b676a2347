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

    /// <summary>Lines that could not be read (a truncated last line after a crash, or damage) and were skipped.</summary>
    public int UnreadableLines { get; init; }
}
