namespace Hologram.Testing.Perf;

/// <summary>
/// Receives every recorded measurement, after it was appended to <c>reports/perf/&lt;name&gt;.csv</c>. The seam for
/// storing measurements elsewhere (they reach the history store without one): register one with <see cref="PerfResultSinks.Add"/>.
/// </summary>
public interface IPerfResultSink
{
    /// <summary>Records one measurement. Exceptions are caught and reported on standard error; they never fail the test.</summary>
    /// <param name="result">The measurement.</param>
    void Record(PerfResult result);
}
