using System.Text.Json;
using Hologram.Testing.E2E;
using Hologram.Testing.Security;
using Xunit;

namespace Hologram.Testing.Tests.Security;

public sealed class ProofChainFlatRecordTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hologram-flatchain-").FullName;

    [Fact]
    public void Linked_flat_lines_keep_their_fields_and_verify()
    {
        var path = Write(5);

        var lines = File.ReadAllLines(path);
        using var first = JsonDocument.Parse(lines[0]);
        Assert.Equal("step-0", first.RootElement.GetProperty("step").GetString());
        Assert.Equal("bafy0", first.RootElement.GetProperty("data").GetProperty("cid").GetString());
        Assert.Equal(1, first.RootElement.GetProperty("seq").GetInt64());
        Assert.Equal(ProofChain.GenesisHash, first.RootElement.GetProperty("prev").GetString());

        var result = ProofChain.Verify(path);
        Assert.True(result.Ok, result.Detail);
        Assert.Equal(5, result.Count);
    }

    [Fact]
    public void An_edited_field_is_found_at_its_line()
    {
        var path = Write(5);
        var lines = File.ReadAllLines(path);
        lines[2] = lines[2].Replace("\"status\":\"passed\"", "\"status\":\"failed\"", StringComparison.Ordinal);
        File.WriteAllLines(path, lines);

        var result = ProofChain.Verify(path);

        Assert.Equal(ProofChainFailure.Altered, result.Failure);
        Assert.Equal(3, result.LineNumber);
    }

    [Fact]
    public void A_removed_line_is_found()
    {
        var path = Write(5);
        var lines = File.ReadAllLines(path).ToList();
        lines.RemoveAt(1);
        File.WriteAllLines(path, lines);

        var result = ProofChain.Verify(path);

        Assert.Equal(ProofChainFailure.Removed, result.Failure);
        Assert.Equal(2, result.LineNumber);
    }

    [Fact]
    public void A_keyed_chain_does_not_verify_without_its_key()
    {
        var key = "k3y-material-for-tests"u8.ToArray();
        var path = Write(3, key);

        Assert.True(ProofChain.Verify(path, key).Ok);
        Assert.False(ProofChain.Verify(path).Ok);
    }

    [Fact]
    public async Task The_event_log_is_hash_chained_by_default_and_verifies()
    {
        var path = Path.Combine(_dir, "events.jsonl");
        var log = new E2EEventLog(path, runId: "run-1", test: "Pipeline");
        for (var i = 0; i < 4; i++)
        {
            await log.WriteAsync($"step-{i}", "passed", TimeSpan.FromMilliseconds(i), [new KeyValuePair<string, object?>("cid", $"bafy{i}")]);
        }

        var result = ProofChain.Verify(path);

        Assert.True(result.Ok, result.Detail);
        Assert.Equal(4, result.Count);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private string Write(int count, byte[]? key = null)
    {
        var path = Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".jsonl");
        string? previous = null;
        var lines = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var line = $"{{\"ts\":\"2026-11-27T10:00:0{i}Z\",\"run_id\":\"r\",\"test\":\"T\",\"step\":\"step-{i}\",\"status\":\"passed\",\"duration_ms\":{i},\"data\":{{\"cid\":\"bafy{i}\"}}}}";
            previous = ProofChain.Link(previous, line, key);
            lines.Add(previous);
        }

        File.WriteAllLines(path, lines);
        return path;
    }
}
