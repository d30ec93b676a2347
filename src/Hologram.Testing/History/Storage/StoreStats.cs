namespace Hologram.Testing.History.Storage;

/// <summary>What a history store holds: rows per table, its size on disk and the time span of its runs.</summary>
internal sealed record StoreStats
{
    /// <summary>Rows per table, in schema order (<c>runs</c>, <c>attempts</c>, <c>flakes</c>, <c>quarantine</c>, <c>audit</c>, <c>perf</c>).</summary>
    public required IReadOnlyList<(string Table, long Rows)> Tables { get; init; }

    /// <summary>Bytes the store takes: the SQLite file and its write-ahead log, or the PostgreSQL tables with their indexes.</summary>
    public required long SizeBytes { get; init; }

    /// <summary>When the oldest run started, or null when there is none.</summary>
    public DateTimeOffset? OldestRun { get; init; }

    /// <summary>When the newest run started, or null when there is none.</summary>
    public DateTimeOffset? NewestRun { get; init; }

    /// <summary>The rows of <paramref name="table"/>.</summary>
    public long Rows(string table) => Tables.FirstOrDefault(t => string.Equals(t.Table, table, StringComparison.Ordinal)).Rows;
}
