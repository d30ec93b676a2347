namespace Hologram.Testing;

/// <summary>History store life-cycle settings (<c>History:*</c> keys): retention and the size <c>hologram doctor</c> warns above.</summary>
public sealed class HistorySettings
{
    /// <summary>
    /// Days of runs <c>hologram store prune</c> keeps when no <c>--older-than</c> is given (<c>History:RetentionDays</c>);
    /// 0 (the default) keeps everything.
    /// </summary>
    public int RetentionDays { get; init; }

    /// <summary>Megabytes above which <c>hologram doctor</c> warns that the store is large (<c>History:MaxSizeMb</c>); 0 (the default) never warns.</summary>
    public int MaxSizeMb { get; init; }
}
