using System.Collections.Immutable;

namespace Hologram.Testing.Perf;

/// <summary>The process-wide list of <see cref="IPerfResultSink"/>s every recorded measurement goes to, besides the CSV files.</summary>
public static class PerfResultSinks
{
    private static ImmutableArray<IPerfResultSink> s_sinks = [];

    /// <summary>The registered sinks, in registration order.</summary>
    public static IReadOnlyList<IPerfResultSink> Registered => s_sinks;

    /// <summary>Registers a sink (once; adding it again does nothing).</summary>
    /// <param name="sink">The sink.</param>
    public static void Add(IPerfResultSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        ImmutableInterlocked.Update(ref s_sinks, list => list.Contains(sink) ? list : list.Add(sink));
    }

    /// <summary>Removes a sink.</summary>
    /// <param name="sink">The sink.</param>
    /// <returns>Whether it was registered.</returns>
    public static bool Remove(IPerfResultSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        var removed = false;
        ImmutableInterlocked.Update(ref s_sinks, list =>
        {
            removed = list.Contains(sink);
            return list.Remove(sink);
        });
        return removed;
    }
}
