using Hologram.Testing.Security;

namespace Hologram.Testing.Tests.Security;

public sealed class RedactingTextWriterTests
{
    private static readonly string Token = "ghp_" + new string('Z', 32) + "9a8B";

    [Fact]
    public void A_secret_split_across_two_writes_is_still_redacted()
    {
        using var sink = new StringWriter();
        using (var writer = new RedactingTextWriter(sink, leaveOpen: true))
        {
            writer.Write("push with " + Token[..10]);
            writer.Flush();
            writer.Write(Token[10..] + " done\nnext line\n");
        }

        Assert.Equal("push with [REDACTED:github-token] done\nnext line\n", sink.ToString());
    }

    [Fact]
    public void Complete_lines_are_written_at_once_and_the_partial_line_on_dispose()
    {
        using var sink = new StringWriter();
        var writer = new RedactingTextWriter(sink, leaveOpen: true);
        writer.WriteLine("first");
        writer.Write("second, unfinished password=");
        writer.Flush();
        Assert.Equal("first" + Environment.NewLine, sink.ToString());

        writer.Write("hunter2x");
        writer.Dispose();
        Assert.Equal("first" + Environment.NewLine + "second, unfinished password=[REDACTED:generic-secret]", sink.ToString());
    }

    [Fact]
    public void A_private_key_written_line_by_line_is_redacted_as_one_block()
    {
        using var sink = new StringWriter();
        using (var writer = new RedactingTextWriter(sink, leaveOpen: true))
        {
            writer.Write("-----BEGIN PRIVATE KEY-----\n");
            writer.Write(new string('A', 64) + "\n");
            writer.Flush();
            writer.Write(new string('B', 40) + "==\n");
            writer.Write("-----END PRIVATE KEY-----\nafter\n");
        }

        Assert.Equal("-----BEGIN PRIVATE KEY-----[REDACTED:private-key]-----END PRIVATE KEY-----\nafter\n", sink.ToString());
    }

    [Fact]
    public void A_PuTTY_key_and_an_SSH2_key_written_line_by_line_with_flushes_are_redacted_as_blocks()
    {
        var body = new string('Q', 64);
        using var sink = new StringWriter();
        using (var writer = new RedactingTextWriter(sink, leaveOpen: true))
        {
            foreach (var line in new[]
            {
                "PuTTY-User-Key-File-3: ssh-ed25519\n", "Encryption: none\n", "Public-Lines: 1\n", new string('P', 40) + "\n",
                "Private-Lines: 1\n", body + "\n", "Private-MAC: " + new string('a', 64) + "\n",
                "---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----\n", body + "\n", body[..20] + "==\n", "---- END SSH2 ENCRYPTED PRIVATE KEY ----\n", // hologram:allow-secret (a fake key template)
            })
            {
                writer.Write(line);
                writer.Flush();
            }
        }

        var written = sink.ToString();
        Assert.DoesNotContain(body, written, StringComparison.Ordinal);
        Assert.Equal(2, written.Split("[REDACTED:private-key]").Length - 1);
    }

    [Fact]
    public void A_line_longer_than_the_hold_back_is_written_anyway()
    {
        using var sink = new StringWriter();
        using var writer = new RedactingTextWriter(sink, maxHoldBack: 256, leaveOpen: true);
        writer.Write(new string('a', 300));
        Assert.Equal(300, sink.ToString().Length);
    }

    [Fact]
    public void Character_writes_are_redacted_too()
    {
        using var sink = new StringWriter();
        using (var writer = new RedactingTextWriter(sink, leaveOpen: true))
        {
            foreach (var c in $"token={Token}\n")
            {
                writer.Write(c);
            }
        }

        Assert.Equal("token=[REDACTED:github-token]\n", sink.ToString());
    }
}
