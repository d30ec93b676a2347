using Hologram.Testing.Cli.Store;
using System.CommandLine;
using System.Text.Json;
using Hologram.Testing.Cli.Flakes;
using Hologram.Testing.History;
using Hologram.Testing.Reports;
using Hologram.Testing.Sdk;

namespace Hologram.Testing.Cli.Commands;

/// <summary><c>hologram flake export [--days N] [--all]</c>: writes <c>flake_database.json</c> and <c>quarantined_tests.json</c> under the reports directory.</summary>
internal sealed class FlakeExportCommand(CliContext context)
{
    public const string DatabaseFile = ReportsLayout.FlakeDatabaseFileName;

    public const string QuarantinedFile = ReportsLayout.QuarantinedTestsFileName;

    public static Command Create(CliContext context)
    {
        var days = FlakeWindow.CreateOption();
        var all = new Option<bool>("--all") { Description = "Every test with a result in the window, not only flaky, failing or quarantined ones" };
        var command = new Command("export", $"Write {DatabaseFile} (per-test figures and flake history) and {QuarantinedFile} (active quarantines) to the reports directory.") { days, all };
        command.SetAction(result => new FlakeExportCommand(context).Execute(result.GetValue(days), result.GetValue(all)));
        return command;
    }

    public int Execute(int? days, bool all) =>
        StoreSession.Run(context, async (options, store, cancellationToken) =>
        {
            var (window, error) = FlakeWindow.Resolve(days, options);
            if (error is not null)
            {
                return context.BadInput(error);
            }

            var now = context.Time.GetUtcNow();
            var since = now.AddDays(-window);
            var summaries = await store.GetTestSummariesAsync(since, cancellationToken);
            var flakes = (await store.GetFlakesAsync(since, testId: null, cancellationToken))
                .ToLookup(f => f.TestId, StringComparer.Ordinal);
            var quarantined = (await store.GetQuarantinedAsync(cancellationToken)).OrderBy(q => q.TestId, StringComparer.Ordinal).ToList();
            var tests = FlakeReport.Select(summaries, quarantined, all);

            var layout = ReportsLayout.For(options);
            var databasePath = layout.FlakeDatabase;
            var quarantinedPath = layout.QuarantinedTests;
            AtomicFile.Write(databasePath, Database(now, window, store.Description, tests, flakes));
            AtomicFile.Write(quarantinedPath, Quarantined(now, quarantined));

            context.Out.WriteLine($"Wrote {databasePath} ({FlakeText.Number(tests.Count)} tests, {FlakeText.Window(window)})");
            context.Out.WriteLine($"Wrote {quarantinedPath} ({FlakeText.Number(quarantined.Count)} quarantined)");
            return ExitCodes.Ok;
        });

    private static byte[] Database(DateTimeOffset now, int window, string store, IReadOnlyList<TestSummary> tests, ILookup<string, FlakeEvent> flakes)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, FlakeJson.Indented))
        {
            writer.WriteStartObject();
            FlakeJson.WriteTime(writer, "generatedAt", now);
            writer.WriteNumber("windowDays", window);
            writer.WriteString("store", store);
            writer.WriteStartArray("tests");
            foreach (var test in tests)
            {
                writer.WriteStartObject();
                FlakeJson.WriteSummaryProperties(writer, test);
                writer.WriteStartArray("flakeEvents");
                foreach (var flake in flakes[test.TestId].OrderBy(f => f.DetectedAt).ThenBy(f => f.RunId, StringComparer.Ordinal))
                {
                    FlakeJson.WriteFlake(writer, flake);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    private static byte[] Quarantined(DateTimeOffset now, IReadOnlyList<QuarantineEntry> entries)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, FlakeJson.Indented))
        {
            writer.WriteStartObject();
            FlakeJson.WriteTime(writer, "generatedAt", now);
            writer.WriteStartArray("tests");
            foreach (var entry in entries)
            {
                FlakeJson.WriteQuarantine(writer, entry, includeTestId: true);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }
}
