using System.Globalization;
using System.Text.Json;

namespace Hologram.Testing.Perf.Records;

/// <summary>
/// What makes a stored perf record usable by a gate: a name, at least one sample and estimates that are durations. A
/// record that fails is bad input (the file is named), never a silent "inconclusive" or a pass.
/// </summary>
internal static class PerfRecordCheck
{
    /// <summary>Reads one record file (<c>perf/samples/*.json</c>), throwing <see cref="InvalidDataException"/> naming the file when it is not a usable record.</summary>
    public static PerfRecord Read(string path)
    {
        PerfRecord? record;
        try
        {
            record = PerfJson.Read<PerfRecord>(path);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path} is not a perf record: {OneLine(ex.Message)}", ex);
        }

        if (record is null)
        {
            throw new InvalidDataException($"{path} is not a perf record: it is empty (null)");
        }

        return Problem(record) is { } problem ? throw new InvalidDataException($"{path} is not a usable perf record: {problem}") : record;
    }

    /// <summary>Null when the record can be gated on, else what is wrong with it, e.g. <c>measurement 'verify': n = 0 (needs at least 1 sample)</c>.</summary>
    public static string? Problem(PerfRecord record)
    {
        if (string.IsNullOrWhiteSpace(record.Name))
        {
            return "the measurement has no name";
        }

        var c = CultureInfo.InvariantCulture;
        var what = $"measurement '{record.Name}'";
        if (record.N < 1)
        {
            return string.Create(c, $"{what}: n = {record.N} (needs at least 1 sample)");
        }

        foreach (var (name, value) in new[] { ("p50", record.P50), ("p95", record.P95), ("p99", record.P99), ("mean", record.Mean) })
        {
            if (!double.IsFinite(value) || value < 0)
            {
                return string.Create(c, $"{what}: {name} = {value} is not a duration in ms (a finite number ≥ 0)");
            }
        }

        // Bounds and estimate come from different computations: allow their rounding error (a millionth), no more.
        var slack = Math.Abs(record.P95) * 1e-6;
        if (double.IsNaN(record.P95Lower) || double.IsNaN(record.P95Upper) || record.P95Lower > record.P95 + slack || record.P95Upper < record.P95 - slack)
        {
            return string.Create(c, $"{what}: the p95 bounds {record.P95Lower}–{record.P95Upper} do not enclose p95 = {record.P95}");
        }

        for (var i = 0; i < record.Samples.Count; i++)
        {
            if (!double.IsFinite(record.Samples[i]) || record.Samples[i] < 0)
            {
                return string.Create(c, $"{what}: sample {i + 1} = {record.Samples[i]} is not a duration in ms");
            }
        }

        return null;
    }

    private static string OneLine(string message) => string.Join(' ', message.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
