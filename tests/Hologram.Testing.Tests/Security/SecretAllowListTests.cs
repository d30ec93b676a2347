using Hologram.Testing.Security;
using Hologram.Testing.Tests.Configuration;

namespace Hologram.Testing.Tests.Security;

public sealed class SecretAllowListTests
{
    // Built at run time: no token-shaped literal in the repository.
    private static readonly string Fake = "ghp_" + new string('F', 32) + "4k2Q";
    private static readonly string Real = "ghp_" + new string('R', 32) + "7m1Z";

    private static string Marker => SecretAllowList.InlineMarker;

    [Fact]
    public void A_finding_on_a_line_with_the_inline_marker_is_left_alone_and_other_lines_are_not()
    {
        var redactor = new SecretRedactor();
        var text = $"token={Fake} // {Marker}\ntoken={Real}\n";

        Assert.Equal($"token={Fake} // {Marker}\ntoken=[REDACTED:github-token]\n", redactor.Redact(text));
        Assert.Single(redactor.Find(text));
    }

    [Fact]
    public void The_marker_counts_only_when_honoured()
    {
        var text = $"token={Fake} # {Marker}";

        Assert.Equal($"token=[REDACTED:github-token] # {Marker}", new SecretRedactor().UseAllowList(SecretAllowList.None).Redact(text));
        Assert.Equal($"token=[REDACTED:github-token] # {Marker}", new SecretRedactor().UseAllowList(SecretAllowList.Default.WithInlineMarker(false)).Redact(text));
        Assert.Equal(text, new SecretRedactor().Redact(text));
    }

    [Fact]
    public void A_known_fake_value_from_the_baseline_is_left_alone_anywhere_and_a_real_one_is_redacted()
    {
        using var repo = new TempRepository();
        var path = Path.Combine(repo.Root, ".secrets-baseline.json");
        var baseline = SecretBaseline.CreateNew();
        Assert.True(baseline.Allow(SecretKind.GitHubToken, Fake));
        Assert.False(baseline.Allow(SecretKind.GitHubToken, Fake));
        baseline.Save(path);
        Assert.DoesNotContain(Fake, File.ReadAllText(path), StringComparison.Ordinal);

        var allowList = SecretAllowList.Load(path);
        var redactor = new SecretRedactor().UseAllowList(allowList);

        Assert.Equal(1, allowList.Count);
        Assert.True(allowList.IsAllowedValue(Fake));
        Assert.False(allowList.IsAllowedValue(Real));
        Assert.Equal($"push {Fake} then [REDACTED:github-token]", redactor.Redact($"push {Fake} then {Real}"));
        Assert.Equal($"{{\"token\": \"{Fake}\"}}", redactor.Redact($"{{\"token\": \"{Fake}\"}}"));
        Assert.Equal("push [REDACTED:github-token]", new SecretRedactor().Redact($"push {Fake}"));
    }

    [Fact]
    public void A_literal_is_always_redacted_even_when_marked_or_allowed()
    {
        var baseline = SecretBaseline.CreateNew();
        baseline.Allow(SecretKind.GitHubToken, Fake);
        var redactor = new SecretRedactor().UseAllowList(baseline.AllowList).AddLiteral(Fake);

        Assert.Equal($"[REDACTED:known-secret] {Marker}", redactor.Redact($"{Fake} {Marker}"));
        Assert.Equal("value [REDACTED:known-secret]", redactor.Redact($"value {Fake}"));
    }

    [Fact]
    public void A_clone_keeps_the_allow_list()
    {
        var baseline = SecretBaseline.CreateNew();
        baseline.Allow(SecretKind.GitHubToken, Fake);
        var clone = new SecretRedactor().UseAllowList(baseline.AllowList).Clone();

        Assert.Equal(1, clone.AllowList.Count);
        Assert.Equal(Fake, clone.Redact(Fake));
    }

    [Fact]
    public void IsMarked_looks_at_the_line_of_the_position_only()
    {
        var text = $"a\nb {Marker}\nc";

        Assert.False(SecretAllowList.IsMarked(text, 0));
        Assert.True(SecretAllowList.IsMarked(text, 2));
        Assert.True(SecretAllowList.IsMarked(text, 4));
        Assert.False(SecretAllowList.IsMarked(text, text.Length - 1));
    }

    [Fact]
    public void A_marked_line_split_across_writes_of_the_writer_is_still_left_alone_and_the_next_line_redacted()
    {
        using var sink = new StringWriter();
        using (var writer = new RedactingTextWriter(sink, leaveOpen: true))
        {
            writer.Write("token=" + Fake[..9]);
            writer.Flush();
            writer.Write(Fake[9..] + " // hologram:allow");
            writer.Write("-secret\ntoken=" + Real[..5]);
            writer.Write(Real[5..] + "\n");
        }

        Assert.Equal($"token={Fake} // {Marker}\ntoken=[REDACTED:github-token]\n", sink.ToString());
    }

    [Fact]
    public void The_configured_baseline_is_read_from_hologram_json_relative_to_the_repository_root()
    {
        using var repo = new TempRepository();
        var baseline = SecretBaseline.CreateNew();
        baseline.Allow(SecretKind.GitHubToken, Fake);
        baseline.Save(Path.Combine(repo.Root, "config", "fakes.json"));
        repo.WriteConfig("""{"Hologram": {"Security": {"SecretsBaseline": "config/fakes.json"}}}""");

        var options = repo.Load();

        Assert.Equal(Path.Combine(repo.Root, "config", "fakes.json"), options.Security.SecretsBaseline);
        Assert.True(options.Security.AllowList.IsAllowedValue(Fake));
        Assert.Contains(options.Provenance, v => v.Key == "Security:SecretsBaseline");
    }

    [Fact]
    public void The_environment_names_the_baseline_too()
    {
        using var repo = new TempRepository();
        SecretBaseline.CreateNew().Save(Path.Combine(repo.Root, "b.json"));

        Assert.Equal(Path.Combine(repo.Root, "b.json"), repo.Load(new Dictionary<string, string?> { ["HOLOGRAM_SECRETS_BASELINE"] = "b.json" }).Security.SecretsBaseline);
        Assert.Equal(Path.Combine(repo.Root, "b.json"), repo.Load(new Dictionary<string, string?> { ["HOLOGRAM__SECURITY__SECRETSBASELINE"] = "b.json" }).Security.SecretsBaseline);
        Assert.Null(repo.Load().Security.SecretsBaseline);
        Assert.Same(SecretAllowList.Default, repo.Load().Security.AllowList);
    }

    [Fact]
    public void A_missing_or_malformed_baseline_is_a_one_line_configuration_error_naming_key_and_file()
    {
        using var repo = new TempRepository();
        var missing = repo.LoadFails(new Dictionary<string, string?> { ["HOLOGRAM_SECRETS_BASELINE"] = "nope.json" });
        Assert.Contains("HOLOGRAM_SECRETS_BASELINE='nope.json'", missing.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", missing.Message, StringComparison.Ordinal);

        File.WriteAllText(Path.Combine(repo.Root, "bad.json"), """{"version": 1, "salt": "AAAA", "findings": []}""");
        repo.WriteConfig("""{"Hologram": {"Security": {"SecretsBaseline": "bad.json"}}}""");
        var malformed = repo.LoadFails();
        Assert.Contains("Security:SecretsBaseline='bad.json'", malformed.Message, StringComparison.Ordinal);
        Assert.Contains("salt", malformed.Message, StringComparison.Ordinal);
    }
}
