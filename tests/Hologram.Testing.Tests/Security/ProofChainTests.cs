using System.Text;
using Hologram.Testing.Security;

namespace Hologram.Testing.Tests.Security;

public sealed class ProofChainTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "hologram-proof-" + Guid.NewGuid().ToString("N"));

    public ProofChainTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string NewChain(int records, byte[]? key = null)
    {
        var path = Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".jsonl");
        var chain = new ProofChain(path, key);
        for (var i = 1; i <= records; i++)
        {
            chain.Append($$"""{ "event": "test-finished", "n": {{i}}, "name": "Suite.Test{{i}}" }""");
        }

        return path;
    }

    private static ProofChainVerification Tamper(string path, Func<List<string>, List<string>> edit, byte[]? key = null)
    {
        var lines = File.ReadAllLines(path).ToList();
        File.WriteAllLines(path, edit(lines));
        return ProofChain.Verify(path, key);
    }

    [Fact]
    public void An_untouched_chain_verifies()
    {
        var path = NewChain(10);
        var result = ProofChain.Verify(path);

        Assert.True(result.Ok, result.ToString());
        Assert.Equal(10, result.Count);
        Assert.Equal("OK 10 records", result.ToString());
        Assert.Equal(File.ReadAllLines(path)[^1][^66..^2], result.LastHash);
    }

    [Fact]
    public void Records_are_json_lines_with_seq_prev_data_and_hash()
    {
        var path = NewChain(2);
        var lines = File.ReadAllLines(path);

        Assert.StartsWith($$"""{"seq":1,"prev":"{{ProofChain.GenesisHash}}","data":{"event":"test-finished","n":1,""", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("""{"seq":2,"prev":""", lines[1], StringComparison.Ordinal);
        Assert.Matches("\"hash\":\"[0-9a-f]{64}\"}$", lines[1]);
    }

    [Fact]
    public void An_empty_or_missing_chain_has_zero_records()
    {
        var path = Path.Combine(_dir, "empty.jsonl");
        File.WriteAllText(path, string.Empty);
        Assert.Equal("OK 0 records", ProofChain.Verify(path).ToString());
        Assert.Throws<FileNotFoundException>(() => ProofChain.Verify(Path.Combine(_dir, "missing.jsonl")));
    }

    [Fact]
    public void Altered_content_is_found_at_the_altered_record()
    {
        var result = Tamper(NewChain(10), l => { l[4] = l[4].Replace("Test5", "Test0", StringComparison.Ordinal); return l; });

        Assert.Equal(ProofChainFailure.Altered, result.Failure);
        Assert.Equal(5, result.LineNumber);
        Assert.NotEqual(result.ExpectedHash, result.FoundHash);
    }

    [Fact]
    public void Altered_and_rehashed_content_is_found_at_the_altered_record()
    {
        var path = NewChain(10);
        var lines = File.ReadAllLines(path).ToList();
        var original = System.Text.Json.JsonDocument.Parse(lines[4]).RootElement;
        var forgedData = """{"event":"test-finished","n":5,"name":"Suite.Forged"}""";
        var prev = original.GetProperty("prev").GetString()!;
        var hash = ProofChain.ComputeHash(prev, 5, Encoding.UTF8.GetBytes(forgedData), key: null);
        lines[4] = $$"""{"seq":5,"prev":"{{prev}}","data":{{forgedData}},"hash":"{{hash}}"}""";

        var result = Tamper(path, _ => lines);

        Assert.Equal(ProofChainFailure.Altered, result.Failure);
        Assert.Equal(5, result.LineNumber);
        Assert.Equal(original.GetProperty("hash").GetString(), result.ExpectedHash);
        Assert.Equal(hash, result.FoundHash);
    }

    [Fact]
    public void A_removed_record_is_found_where_it_is_missing()
    {
        var result = Tamper(NewChain(10), l => { l.RemoveAt(3); return l; });

        Assert.Equal(ProofChainFailure.Removed, result.Failure);
        Assert.Equal(4, result.LineNumber);
        Assert.Contains("record 4 is missing", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_removed_first_record_is_found()
    {
        var result = Tamper(NewChain(5), l => { l.RemoveAt(0); return l; });
        Assert.Equal((ProofChainFailure.Removed, 1), (result.Failure, result.LineNumber));
    }

    [Fact]
    public void An_inserted_foreign_record_is_found_at_its_line()
    {
        var result = Tamper(NewChain(10), l =>
        {
            l.Insert(6, """{"seq":7,"prev":"00","data":{"event":"forged"},"hash":"11"}""");
            return l;
        });

        Assert.Equal(ProofChainFailure.Inserted, result.Failure);
        Assert.Equal(7, result.LineNumber);
    }

    [Fact]
    public void An_inserted_record_with_a_valid_unkeyed_hash_is_found_at_its_line()
    {
        var path = NewChain(10);
        var lines = File.ReadAllLines(path).ToList();
        var prev = System.Text.Json.JsonDocument.Parse(lines[5]).RootElement.GetProperty("hash").GetString()!;
        const string data = """{"event":"forged"}""";
        var hash = ProofChain.ComputeHash(prev, 7, Encoding.UTF8.GetBytes(data), key: null);
        lines.Insert(6, $$"""{"seq":7,"prev":"{{prev}}","data":{{data}},"hash":"{{hash}}"}""");

        var result = Tamper(path, _ => lines);

        Assert.Equal(ProofChainFailure.Inserted, result.Failure);
        Assert.Equal(7, result.LineNumber);
    }

    [Fact]
    public void A_duplicated_record_is_found_as_inserted()
    {
        var result = Tamper(NewChain(10), l => { l.Insert(3, l[2]); return l; });
        Assert.Equal((ProofChainFailure.Inserted, 4), (result.Failure, result.LineNumber));
    }

    [Fact]
    public void Swapped_records_are_found_as_reordered()
    {
        var result = Tamper(NewChain(10), l => { (l[5], l[6]) = (l[6], l[5]); return l; });

        Assert.Equal(ProofChainFailure.Reordered, result.Failure);
        Assert.Equal(6, result.LineNumber);
    }

    [Fact]
    public void A_record_moved_later_is_found_as_reordered()
    {
        var result = Tamper(NewChain(10), l => { var moved = l[1]; l.RemoveAt(1); l.Insert(6, moved); return l; });

        Assert.Equal(ProofChainFailure.Reordered, result.Failure);
        Assert.Equal(2, result.LineNumber);
    }

    [Fact]
    public void A_garbled_line_is_malformed()
    {
        var result = Tamper(NewChain(5), l => { l[2] = "{\"seq\":3,"; return l; });
        Assert.Equal((ProofChainFailure.Malformed, 3), (result.Failure, result.LineNumber));
    }

    [Fact]
    public void A_keyed_chain_needs_the_key()
    {
        var key = Encoding.UTF8.GetBytes("test-only-proof-key");
        var path = NewChain(4, key);

        Assert.True(ProofChain.Verify(path, key).Ok);
        var unkeyed = ProofChain.Verify(path);
        Assert.Equal((ProofChainFailure.Altered, 1), (unkeyed.Failure, unkeyed.LineNumber));
        Assert.False(ProofChain.Verify(path, Encoding.UTF8.GetBytes("other-key")).Ok);
    }

    [Fact]
    public void A_keyed_chain_rejects_an_insert_forged_without_the_key()
    {
        var key = Encoding.UTF8.GetBytes("test-only-proof-key");
        var path = NewChain(6, key);
        var lines = File.ReadAllLines(path).ToList();
        var prev = System.Text.Json.JsonDocument.Parse(lines[2]).RootElement.GetProperty("hash").GetString()!;
        const string data = """{"event":"forged"}""";
        var hash = ProofChain.ComputeHash(prev, 4, Encoding.UTF8.GetBytes(data), key: null);
        lines.Insert(3, $$"""{"seq":4,"prev":"{{prev}}","data":{{data}},"hash":"{{hash}}"}""");

        var result = Tamper(path, _ => lines, key);

        Assert.Equal((ProofChainFailure.Inserted, 4), (result.Failure, result.LineNumber));
    }

    [Fact]
    public void Appending_continues_an_existing_chain()
    {
        var path = NewChain(3);
        var record = new ProofChain(path).Append("""{"more":true}""");

        Assert.Equal(4, record.Sequence);
        Assert.Equal("OK 4 records", ProofChain.Verify(path).ToString());
    }

    [Fact]
    public void Concurrent_writers_with_their_own_handles_keep_the_chain_intact()
    {
        var path = Path.Combine(_dir, "shared.jsonl");
        Parallel.For(0, 4, writer =>
        {
            var chain = new ProofChain(path);
            for (var i = 0; i < 50; i++)
            {
                chain.Append($$"""{"writer":{{writer}},"i":{{i}}}""");
            }
        });

        Assert.Equal("OK 200 records", ProofChain.Verify(path).ToString());
    }

    [Fact]
    public void Data_must_be_json()
    {
        var chain = new ProofChain(Path.Combine(_dir, "bad.jsonl"));
        Assert.Throws<ArgumentException>(() => chain.Append("not json"));
    }
}
