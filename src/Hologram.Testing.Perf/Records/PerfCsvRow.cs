using System.Globalization;

namespace Hologram.Testing.Perf.Records;

/// <summary>One line of <c>reports/perf/&lt;name&gt;.csv</c>.</summary>
public sealed record PerfCsvRow(
    DateTimeOffset Timestamp,
    string Run,
    string Profile,
    string Commit,
    PerfPhase Phase,
    int N,
    double P50,
    double P95,
    double P95Lower,
    double P95Upper,
    double P99,
    double Mean,
    double AllocatedBytesPerOperation,
    double Level)
{
    /// <summary>The CSV header line.</summary>
    public const string Header = "timestamp,run,profile,commit,phase,n,p50_ms,p95_ms,p95_lower_ms,p95_upper_ms,p99_ms,mean_ms,alloc_bytes_per_op,level";

    /// <summary>The row of a measurement in run <paramref name="run"/>.</summary>
    /// <param name="result">The measurement.</param>
    /// <param name="run">The run id.</param>
    internal static PerfCsvRow From(PerfResult result, string run) => new(
        result.Timestamp, run, result.Profile, result.Commit ?? string.Empty, result.Phase, result.Count,
        result.P50, result.P95, result.P95Lower, result.P95Upper, result.P99, result.Mean, result.AllocatedBytesPerOperation, result.ConfidenceLevel);

    /// <summary>The row as one CSV line (invariant culture).</summary>
    public string ToLine() => string.Join(
        ',',
        Timestamp.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
        Clean(Run),
        Clean(Profile),
        Clean(Commit),
        Phase == PerfPhase.Cold ? "cold" : "warm",
        N.ToString(CultureInfo.InvariantCulture),
        Number(P50),
        Number(P95),
        Number(P95Lower),
        Number(P95Upper),
        Number(P99),
        Number(Mean),
        Number(AllocatedBytesPerOperation),
        Number(Level));

    /// <summary>Parses a data line; <see langword="null"/> for the header or a malformed line.</summary>
    public static PerfCsvRow? TryParse(string line)
    {
        var f = line.Split(',');
        if (f.Length < 14 || f[0] == "timestamp")
        {
            return null;
        }

        var c = CultureInfo.InvariantCulture;
        if (!DateTimeOffset.TryParse(f[0], c, DateTimeStyles.AssumeUniversal, out var timestamp)
            || !int.TryParse(f[5], NumberStyles.Integer, c, out var n))
        {
            return null;
        }

        var values = new double[8];
        for (var i = 0; i < values.Length; i++)
        {
            if (!double.TryParse(f[6 + i], NumberStyles.Float, c, out values[i]))
            {
                return null;
            }
        }

        return new PerfCsvRow(
            timestamp, f[1], f[2], f[3], f[4] == "cold" ? PerfPhase.Cold : PerfPhase.Warm, n,
            values[0], values[1], values[2], values[3], values[4], values[5], values[6], values[7]);
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Clean(string value) => value.Replace(',', ';').Replace('\n', ' ').Replace('\r', ' ');
}
