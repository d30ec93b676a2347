using System.Text.Json;
using System.Text.Json.Nodes;
using Hologram.Testing.E2E;
using Hologram.Testing.Tests.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace Hologram.Testing.Tests.E2E;

public sealed class E2EEventLogTests : IDisposable
{
    private readonly TempRepository _repo = new();

    private string LogPath => Path.Combine(_repo.Root, "reports", "e2e", "events.jsonl");

    [Fact]
    public async Task Each_event_is_one_line_with_the_contract_fields()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 3, 4, 5, 6, 7, 89, TimeSpan.Zero));
        var log = new E2EEventLog(LogPath, runId: "run-1", test: "Pipeline.Publish", new E2EEventLogOptions { TimeProvider = clock });

        await log.WriteAsync("add", E2EStatus.Pass, TimeSpan.FromMilliseconds(12.5), new Dictionary<string, object?> { ["cid"] = "bafk", ["size"] = 3 });

        var line = Assert.Single(File.ReadAllLines(LogPath));
        Assert.StartsWith(
            """{"ts":"2025-03-04T05:06:07.089Z","run_id":"run-1","test":"Pipeline.Publish","step":"add","status":"pass","duration_ms":12.5,"data":{"cid":"bafk","size":3},""",
            line,
            StringComparison.Ordinal);
        Assert.Matches("""(?x) ,"seq":1,"prev":"0{64}","hash":"[0-9a-f]{64}"}$""", line);
        var e = Assert.Single(E2EEventLog.Read(LogPath, out var malformed));
        Assert.Equal(0, malformed);
        Assert.Equal("bafk", e.Data!["cid"]!.GetValue<string>());
        Assert.Equal(12.5, e.DurationMs);
    }

    [Fact]
    public async Task Steps_are_timed_and_logged_as_pass_fail_or_skip()
    {
        var clock = new FakeTimeProvider();
        var log = new E2EEventLog(LogPath, runId: "r", test: "t", new E2EEventLogOptions { TimeProvider = clock });

        var cid = await log.StepAsync("add", async step =>
        {
            clock.Advance(TimeSpan.FromMilliseconds(40));
            step.Data["cid"] = "bafy1";
            await Task.Yield();
            return "bafy1";
        });
        await Assert.ThrowsAsync<InvalidOperationException>(() => log.StepAsync("publish", () => throw new InvalidOperationException("market down")));
        await Assert.ThrowsAsync<SkipException>(() => log.StepAsync("search", () => throw new SkipException("GRAPHQL_URL is not configured")));

        Assert.Equal("bafy1", cid);
        var events = E2EEventLog.Read(LogPath, out _);
        Assert.Equal(["add:pass", "publish:fail", "search:skip"], events.Select(e => $"{e.Step}:{e.Status}"));
        Assert.Equal(40, events[0].DurationMs);
        Assert.Equal("InvalidOperationException: market down", events[1].Data!["error"]!.GetValue<string>());
        Assert.Equal("GRAPHQL_URL is not configured", events[2].Data!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_chain_seam_sees_the_previous_line_under_the_lock()
    {
        var seen = new List<string?>();
        var options = new E2EEventLogOptions
        {
            LineChain = (previous, line) =>
            {
                seen.Add(previous);
                var node = JsonNode.Parse(line)!.AsObject();
                var prev = previous is null ? "0" : JsonNode.Parse(previous)!["hash"]!.GetValue<string>();
                node["prev"] = prev;
                node["hash"] = (int.Parse(prev, System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return node.ToJsonString();
            },
        };
        var log = new E2EEventLog(LogPath, "r", "t", options);

        await log.WriteAsync("a", E2EStatus.Pass);
        var second = await log.ForTest("other").WriteAsync("b", E2EStatus.Pass);

        Assert.Null(seen[0]);
        Assert.Contains("\"step\":\"a\"", seen[1], StringComparison.Ordinal);
        Assert.Equal("1", second.Prev);
        Assert.Equal("2", second.Hash);
        Assert.Equal(["1", "2"], E2EEventLog.Read(LogPath, out _).Select(e => e.Hash));
    }

    [Fact]
    public async Task A_torn_last_line_and_garbage_are_not_read_as_events()
    {
        var log = new E2EEventLog(LogPath, "r", "t");
        await log.WriteAsync("a", E2EStatus.Pass);
        File.AppendAllText(LogPath, "not json\n{\"ts\":\"2025-01-01T00:00:00Z\",\"step\":\"half");

        var events = E2EEventLog.Read(LogPath, out var malformed);

        Assert.Single(events);
        Assert.Equal(1, malformed);
    }

    [Fact]
    public void The_default_path_is_under_the_reports_directory() =>
        Assert.EndsWith(Path.Combine("e2e", "events.jsonl"), E2EEventLog.DefaultPath(), StringComparison.Ordinal);

    [Fact]
    public async Task Eight_processes_appending_at_once_lose_and_interleave_nothing()
    {
        const int writers = 8;
        const int perWriter = 150;
        Directory.CreateDirectory(Path.GetDirectoryName(LogPath)!);
        var children = Enumerable.Range(0, writers).Select(i => ChildProcess.Start("append", LogPath, perWriter.ToString(System.Globalization.CultureInfo.InvariantCulture), $"w{i}")).ToList();
        foreach (var child in children)
        {
            using (child)
            {
                var stderr = child.StandardError.ReadToEndAsync();
                Assert.True(child.WaitForExit(120_000), "a writer did not finish");
                Assert.True(child.ExitCode == 0, await stderr);
            }
        }

        var lines = await File.ReadAllLinesAsync(LogPath);
        Assert.Equal(writers * perWriter, lines.Length);
        var seen = new HashSet<(string, int)>();
        foreach (var line in lines)
        {
            using var document = JsonDocument.Parse(line);
            var data = document.RootElement.GetProperty("data");
            Assert.True(seen.Add((data.GetProperty("writer").GetString()!, data.GetProperty("seq").GetInt32())));
        }

        for (var w = 0; w < writers; w++)
        {
            var sequence = E2EEventLog.Read(LogPath, out _).Where(e => e.Test == $"w{w}").Select(e => e.Data!["seq"]!.GetValue<int>()).ToList();
            Assert.Equal(Enumerable.Range(0, perWriter), sequence);
        }
    }

    public void Dispose() => _repo.Dispose();
}
