using System.Diagnostics;
using System.Reflection;
using Hologram.Testing.History;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Hologram.Testing.Tests.History;

/// <summary>8 processes × 2,000 attempts written at once into one store: every row arrives, none twice, no error.</summary>
public sealed class ConcurrentWritersTests(ITestOutputHelper output)
{
    private const int Processes = 8;
    private const int PerProcess = 2000;
    private const int BatchSize = 100;

    [Fact]
    public async Task Eight_processes_into_one_sqlite_file()
    {
        var directory = Path.Combine(Path.GetTempPath(), "hologram-concurrency-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            var store = "sqlite:" + Path.Combine(directory, "db", "hologram.db");
            await RunWritersAsync(store, directory);
            await AssertRowsAsync(store, directory);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    [PostgresFact]
    public async Task Eight_processes_into_one_postgres_schema()
    {
        var (connectionString, schema) = await PostgresTestServer.CreateSchemaAsync();
        var directory = Path.Combine(Path.GetTempPath(), "hologram-concurrency-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            await RunWritersAsync(connectionString, directory);
            await AssertRowsAsync(connectionString, directory);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
            await PostgresTestServer.DropSchemaAsync(schema);
        }
    }

    private async Task AssertRowsAsync(string store, string directory)
    {
        await using var history = await HistoryStores.OpenAsync(store, directory);
        var total = 0;
        for (var p = 0; p < Processes; p++)
        {
            var attempts = await history.GetAttemptsAsync("run-" + p);
            Assert.Equal(PerProcess, attempts.Count);
            Assert.Equal(PerProcess, attempts.Select(a => a.TestId).Distinct().Count());
            total += attempts.Count;
        }

        Assert.Equal(Processes * PerProcess, total);
        Assert.Equal(Processes, (await history.GetRunsAsync(100)).Count(r => r.EndedAt is not null));
        var summaries = await history.GetTestSummariesAsync(DateTimeOffset.UtcNow.AddDays(-1));
        Assert.Equal(PerProcess, summaries.Count);
        Assert.All(summaries, s => Assert.Equal(Processes, s.Runs));
    }

    private async Task RunWritersAsync(string store, string directory)
    {
        var writer = typeof(ConcurrentWritersTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "StoreWriterPath").Value!;
        Assert.True(File.Exists(writer), $"child writer not built: {writer}");
        var startFile = Path.Combine(directory, "go");
        var children = Enumerable.Range(0, Processes).Select(p =>
        {
            var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = directory };
            foreach (var arg in new[] { writer, store, "run-" + p, PerProcess.ToString(System.Globalization.CultureInfo.InvariantCulture), BatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture), startFile })
            {
                info.ArgumentList.Add(arg);
            }

            return Process.Start(info)!;
        }).ToArray();

        // Every child opens the store (migrations race here) and waits; then all write at once.
        await Task.Delay(TimeSpan.FromSeconds(1));
        var clock = Stopwatch.StartNew();
        await File.WriteAllTextAsync(startFile, "go");
        var results = await Task.WhenAll(children.Select(async child =>
        {
            var stdout = child.StandardOutput.ReadToEndAsync();
            var stderr = child.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            await child.WaitForExitAsync(timeout.Token);
            return (child.ExitCode, Out: (await stdout).Trim(), Err: (await stderr).Trim());
        }));
        clock.Stop();
        foreach (var child in children)
        {
            child.Dispose();
        }

        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.Err));
        output.WriteLine($"{Processes} writers x {PerProcess} attempts (batches of {BatchSize}) into {store.Split(';')[0]}: wall {clock.ElapsedMilliseconds} ms after start signal; per writer ms: {string.Join(", ", results.Select(r => r.Out))}");
    }
}
