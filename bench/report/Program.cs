using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Hologram.Testing.Perf;

// Usage: dotnet run -c Release -- <reportsDir> [series] [points]
// Writes <series> perf measurements under <reportsDir>/perf the way Hologram.Testing.Perf records them: a CSV line per
// run (<points> runs each), the latest record with 200 raw samples in samples/<name>.json, every fifth measurement with
// a cold record too, and a baseline.json of all of them, so hologram report draws every chart and runs the regression
// gate (bootstrap) for every measurement.
var reportsDir = args.Length > 0 ? args[0] : throw new ArgumentException("usage: <reportsDir> [series] [points]");
var series = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50;
var points = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 100;
var perf = Path.Combine(reportsDir, "perf");
Directory.CreateDirectory(Path.Combine(perf, "samples"));
var json = new JsonSerializerOptions(JsonSerializerDefaults.Web)
{
    WriteIndented = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
};
var random = new Random(7);
var now = DateTimeOffset.UtcNow;
var baseline = new List<PerfRecord>();
for (var s = 0; s < series; s++)
{
    var name = $"op{s:D2}";
    var baseMs = 1 + (s * 0.7);
    var csv = new StringBuilder("timestamp,run,profile,commit,phase,n,p50_ms,p95_ms,p95_lower_ms,p95_upper_ms,p99_ms,mean_ms,alloc_bytes_per_op,level\n");
    for (var p = 0; p < points; p++)
    {
        var p95 = baseMs * (1 + (0.1 * random.NextDouble()));
        csv.Append(string.Create(CultureInfo.InvariantCulture,
            $"{now.AddHours(p - points).UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ},run-{p},main,c{p:D4},warm,100,{p95 * 0.7:R},{p95:R},{p95 * 0.95:R},{p95 * 1.06:R},{p95 * 1.2:R},{p95 * 0.75:R},256,0.99\n"));
    }

    File.WriteAllText(Path.Combine(perf, name + ".csv"), csv.ToString());
    var latest = Record(name, PerfPhase.Warm, baseMs * 1.05);
    File.WriteAllBytes(Path.Combine(perf, "samples", name + ".json"), JsonSerializer.SerializeToUtf8Bytes(latest, json));
    baseline.Add(Record(name, PerfPhase.Warm, baseMs));
    if (s % 5 == 0)
    {
        File.WriteAllBytes(Path.Combine(perf, "samples", name + ".cold.json"), JsonSerializer.SerializeToUtf8Bytes(Record(name, PerfPhase.Cold, baseMs * 6), json));
    }
}

new PerfBaseline { Created = now, Commit = "c0000", Measurements = baseline }.Save(Path.Combine(perf, "baseline.json"));
Console.WriteLine($"wrote {series} perf series x {points} points under {perf}");

PerfRecord Record(string name, PerfPhase phase, double p95)
{
    var samples = Enumerable.Range(0, 200).Select(_ => p95 * (0.5 + (0.5 * random.NextDouble()))).ToArray();
    return new PerfRecord
    {
        Name = name, Phase = phase, Profile = "main", Timestamp = now, Commit = "c0099", N = samples.Length, P50 = p95 * 0.75, P95 = p95,
        P95Lower = p95 * 0.95, P95Upper = p95 * 1.06, P99 = p95 * 1.1, Mean = p95 * 0.75, Level = 0.99, AllocatedBytesPerOperation = 256,
        Environment = EnvironmentFingerprint.Current, Samples = samples,
    };
}
