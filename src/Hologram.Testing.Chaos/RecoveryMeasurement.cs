namespace Hologram.Testing.Chaos;

/// <summary>How long a restarted service was gone, as its readiness probe saw it.</summary>
/// <param name="DownSince">When the service was killed (or the restart began, if it was not running).</param>
/// <param name="StartedAt">When the new process was started.</param>
/// <param name="ReadyAt">When the readiness probe first succeeded.</param>
public sealed record RecoveryMeasurement(DateTimeOffset DownSince, DateTimeOffset StartedAt, DateTimeOffset ReadyAt)
{
    /// <summary>From the kill to readiness: the time to recovery a client polling the service sees.</summary>
    public TimeSpan TimeToRecovery => ReadyAt - DownSince;

    /// <summary>From the process start to readiness.</summary>
    public TimeSpan StartupTime => ReadyAt - StartedAt;
}
