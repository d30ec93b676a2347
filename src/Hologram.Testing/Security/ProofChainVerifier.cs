using System.Text;
using System.Text.Json;

namespace Hologram.Testing.Security;

/// <summary>Reads a whole chain, then walks it and classifies the first break.</summary>
internal static class ProofChainVerifier
{
    private sealed record Line(int Number, long Seq, string Prev, string Hash, string Recomputed, string? Error);

    public static ProofChainVerification Verify(TextReader reader, byte[]? key)
    {
        var lines = new List<Line>();
        var number = 0;
        while (reader.ReadLine() is { } text)
        {
            number++;
            lines.Add(Parse(number, text, key));
        }

        // A trailing empty line is just the final newline; keep blank lines inside the file as malformed.
        while (lines.Count > 0 && lines[^1].Error == "empty line")
        {
            lines.RemoveAt(lines.Count - 1);
        }

        var hashAt = new Dictionary<string, int>(StringComparer.Ordinal);
        var lastLinkTo = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Error is null)
            {
                hashAt.TryAdd(lines[i].Hash, i);
                lastLinkTo[lines[i].Prev] = i;
            }
        }

        var expectedPrev = ProofChain.GenesisHash;
        var expectedSeq = 1L;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.Error is not null)
            {
                return Fail(i, ProofChainFailure.Malformed, null, null, line.Error);
            }

            if (line.Recomputed != line.Hash)
            {
                var next = i + 1 < lines.Count ? lines[i + 1] : null;
                return next is { Error: null } && next.Prev == expectedPrev && next.Seq == expectedSeq
                    ? Fail(i, ProofChainFailure.Inserted, line.Recomputed, line.Hash, "the record is not part of the chain: the next record links past it")
                    : Fail(i, ProofChainFailure.Altered, line.Recomputed, line.Hash, "the record's content does not match its hash");
            }

            if (line.Seq == expectedSeq && line.Prev == expectedPrev)
            {
                expectedPrev = line.Hash;
                expectedSeq++;
                continue;
            }

            if (hashAt[line.Hash] < i)
            {
                return Fail(i, ProofChainFailure.Inserted, expectedPrev, line.Prev, $"record {line.Seq} appears a second time");
            }

            if (line.Prev == expectedPrev)
            {
                return Fail(i, ProofChainFailure.Altered, expectedPrev, line.Prev, $"sequence {line.Seq} where {expectedSeq} was expected, with a recomputed hash");
            }

            if (line.Seq < expectedSeq)
            {
                // This record links further back: the records between its predecessor and it do not belong there.
                var predecessor = line.Prev == ProofChain.GenesisHash ? -1 : hashAt.GetValueOrDefault(line.Prev, int.MaxValue);
                if (predecessor < i - 1)
                {
                    var foreign = predecessor + 1;
                    var movedHere = lastLinkTo.TryGetValue(lines[foreign].Hash, out var linker) && linker > i;
                    return Fail(
                        foreign,
                        movedHere ? ProofChainFailure.Reordered : ProofChainFailure.Inserted,
                        lines[foreign].Prev,
                        lines[foreign].Hash,
                        movedHere ? "the record was moved here from later in the chain" : $"the record is not part of the chain: record {line.Seq} on line {line.Number} links past it");
                }

                return Fail(i, ProofChainFailure.Reordered, expectedPrev, line.Prev, $"sequence {line.Seq} after {expectedSeq - 1}");
            }

            if (line.Seq > expectedSeq)
            {
                return hashAt.TryGetValue(line.Prev, out var source) && source > i
                    ? Fail(i, ProofChainFailure.Reordered, expectedPrev, line.Prev, $"record {line.Seq} comes before record {expectedSeq}")
                    : Fail(i, ProofChainFailure.Removed, expectedPrev, line.Prev, line.Seq - expectedSeq == 1
                        ? $"record {expectedSeq} is missing before this one"
                        : $"records {expectedSeq}..{line.Seq - 1} are missing before this one");
            }

            // Right sequence, wrong link: the previous record was rewritten and re-hashed.
            return i == 0
                ? Fail(i, ProofChainFailure.Altered, ProofChain.GenesisHash, line.Prev, "the first record does not start the chain")
                : Fail(i - 1, ProofChainFailure.Altered, line.Prev, lines[i - 1].Hash, $"the record was rewritten: record {line.Seq} links to a different hash");
        }

        return new ProofChainVerification(lines.Count, ProofChainFailure.None, 0, null, null, lines.Count == 0 ? ProofChain.GenesisHash : lines[^1].Hash, null);

        ProofChainVerification Fail(int index, ProofChainFailure failure, string? expected, string? found, string detail) =>
            new(lines.Count, failure, lines[index].Number, expected, found, null, detail);
    }

    private static Line Parse(int number, string text, byte[]? key)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new Line(number, 0, string.Empty, string.Empty, string.Empty, "empty line");
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("seq", out var seq) || seq.ValueKind != JsonValueKind.Number
                || !root.TryGetProperty("prev", out var prev) || prev.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("hash", out var hash) || hash.ValueKind != JsonValueKind.String)
            {
                return new Line(number, 0, string.Empty, string.Empty, string.Empty, "a record needs seq, prev and hash fields");
            }

            var sequence = seq.GetInt64();
            var previous = prev.GetString()!;

            // Wrapped records are exactly {seq, prev, data, hash} and carry their payload under "data"; flat records
            // (event-log lines, which may have a "data" field of their own) are their own payload.
            var payload = root.EnumerateObject().Count() == 4 && root.TryGetProperty("data", out var data)
                ? Encoding.UTF8.GetBytes(data.GetRawText())
                : ProofChain.FlatData(root);
            var recomputed = ProofChain.ComputeHash(previous, sequence, payload, key);
            return new Line(number, sequence, previous, hash.GetString()!, recomputed, null);
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            return new Line(number, 0, string.Empty, string.Empty, string.Empty, "not a JSON record");
        }
    }
}
