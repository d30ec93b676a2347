using System.Diagnostics;
using System.Text.Json;

namespace Hologram.Testing.Cli.Tests.Commands;

public sealed class SecretsCommandTests
{
    // Built at run time: no token-shaped literal in the repository.
    private static readonly string Token = "ghp_" + new string('Q', 32) + "7x8Y";

    private static void Write(CliRun cli, string relative, string content)
    {
        var path = Path.Combine(cli.Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    [Fact]
    public void Reports_file_line_kind_and_a_masked_value_and_fails()
    {
        using var cli = new CliRun();
        Write(cli, "src/app.config", "line one\nGITHUB_TOKEN=" + Token + "\nDB=Server=sql;User ID=sa;Password=Pa55w0rd!;\n");

        Assert.Equal(1, cli.Run("secrets", "scan", "src"));

        Assert.Equal(
            ["src/app.config:2: github-token: ghp_********", "src/app.config:3: connection-string-password: ********", "secrets scan: 2 new secret(s) found (0 in the baseline)"],
            cli.OutLines);
        Assert.DoesNotContain(Token, cli.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Clean_files_pass()
    {
        using var cli = new CliRun();
        Write(cli, "README.md", "password policy: 12 characters\napi_key=<YOUR_KEY>\n");

        Assert.Equal(0, cli.Run("secrets", "scan", "README.md"));
        Assert.Equal(["secrets scan: no new secrets (0 in the baseline)"], cli.OutLines);
    }

    [Fact]
    public void Skips_bin_obj_git_and_binary_files()
    {
        using var cli = new CliRun();
        Write(cli, "bin/Debug/app.txt", "token=" + Token);
        Write(cli, "obj/x.txt", "token=" + Token);
        Write(cli, ".git/config", "token=" + Token);
        File.WriteAllBytes(Path.Combine(cli.Root, "image.png"), [0x89, 0x50, 0x00, .. System.Text.Encoding.UTF8.GetBytes(Token)]);

        Assert.Equal(0, cli.Run("secrets", "scan", "."));
    }

    [Fact]
    public void A_baseline_accepts_known_findings_by_keyed_hash_and_still_catches_new_ones()
    {
        using var cli = new CliRun();
        Write(cli, "settings.json", "{\"client_secret\": \"kP9zQ2mX7vR4tY1w\"}\n");

        Assert.Equal(0, cli.Run("secrets", "scan", ".", "--baseline", ".secrets-baseline.json", "--update-baseline"));
        var baselineText = File.ReadAllText(Path.Combine(cli.Root, ".secrets-baseline.json"));
        Assert.DoesNotContain("kP9zQ2mX7vR4tY1w", baselineText, StringComparison.Ordinal);
        using (var baseline = JsonDocument.Parse(baselineText))
        {
            Assert.Equal(32, Convert.FromBase64String(baseline.RootElement.GetProperty("salt").GetString()!).Length);
            var entry = Assert.Single(baseline.RootElement.GetProperty("findings").EnumerateArray());
            Assert.Equal("settings.json", entry.GetProperty("file").GetString());
            Assert.Equal("generic-secret", entry.GetProperty("kind").GetString());
            Assert.Matches("^[0-9a-f]{64}$", entry.GetProperty("hash").GetString());
        }

        Assert.Equal(0, cli.Run("secrets", "scan", ".", "--baseline", ".secrets-baseline.json"));
        Assert.Equal(["secrets scan: no new secrets (1 in the baseline)"], cli.OutLines);

        File.AppendAllText(Path.Combine(cli.Root, "settings.json"), "password=an0ther-one\n");
        Assert.Equal(1, cli.Run("secrets", "scan", ".", "--baseline", ".secrets-baseline.json"));
        Assert.Equal(["settings.json:2: generic-secret: ********", "secrets scan: 1 new secret(s) found (1 in the baseline)"], cli.OutLines);
    }

    [Fact]
    public void Two_baselines_of_the_same_secret_have_different_hashes()
    {
        using var a = new CliRun();
        using var b = new CliRun();
        foreach (var cli in new[] { a, b })
        {
            Write(cli, "x.env", "password=same-secret-1\n");
            Assert.Equal(0, cli.Run("secrets", "scan", "x.env", "--baseline", "base.json", "--update-baseline"));
        }

        static string Hash(CliRun cli) => JsonDocument.Parse(File.ReadAllText(Path.Combine(cli.Root, "base.json"))).RootElement.GetProperty("findings")[0].GetProperty("hash").GetString()!;
        Assert.NotEqual(Hash(a), Hash(b));
    }

    [Theory]
    [InlineData(new[] { "secrets", "scan" }, "give one or more paths, or --staged")]
    [InlineData(new[] { "secrets", "scan", "missing-dir" }, "'missing-dir' does not exist")]
    [InlineData(new[] { "secrets", "scan", ".", "--update-baseline" }, "--update-baseline needs --baseline")]
    [InlineData(new[] { "secrets", "scan", ".", "--baseline", "nope.json" }, "does not exist")]
    [InlineData(new[] { "secrets", "scan", "--staged", "src" }, "--staged scans the staged files; give no paths with it (got 'src')")]
    public void Bad_input_exits_2_with_one_line(string[] args, string message)
    {
        using var cli = new CliRun();
        Assert.Equal(2, cli.Run(args));
        Assert.Contains(message, cli.Error, StringComparison.Ordinal);
        Assert.Single(cli.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Staged_scans_what_the_next_commit_contains()
    {
        using var cli = new CliRun();
        Directory.Delete(Path.Combine(cli.Root, ".git"));
        if (!Git(cli.Root, "init", "-q"))
        {
            return; // git is not available on this machine
        }

        Write(cli, "clean.txt", "nothing here\n");
        Write(cli, "leak.txt", "token=" + Token + "\n");
        Write(cli, "unstaged.txt", "token=" + Token + "\n");
        Git(cli.Root, "add", "clean.txt", "leak.txt");

        Assert.Equal(1, cli.Run("secrets", "scan", "--staged"));
        Assert.Equal(["leak.txt:1: github-token: ghp_********", "secrets scan: 1 new secret(s) found (0 in the baseline)"], cli.OutLines);

        Write(cli, "leak.txt", "fixed\n");
        Assert.Equal(1, cli.Run("secrets", "scan", "--staged")); // the index still holds the secret
        Git(cli.Root, "add", "leak.txt");
        Assert.Equal(0, cli.Run("secrets", "scan", "--staged"));
    }

    private static bool Git(string root, params string[] args)
    {
        try
        {
            var start = new ProcessStartInfo("git") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in args)
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start)!;
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    [Fact]
    public void A_baseline_of_another_format_version_is_bad_input_and_never_overwritten()
    {
        using var cli = new CliRun();
        Write(cli, "settings.json", "{\"client_secret\": \"kP9zQ2mX7vR4tY1w\"}\n");
        var path = Path.Combine(cli.Root, ".secrets-baseline.json");
        const string Future = "{\"version\": 99, \"entries\": [{\"id\": \"x\"}]}";
        File.WriteAllText(path, Future);

        Assert.Equal(2, cli.Run("secrets", "scan", ".", "--baseline", ".secrets-baseline.json", "--update-baseline"));
        Assert.Equal(Future, File.ReadAllText(path));
        Assert.Equal(2, cli.Run("secrets", "scan", ".", "--baseline", ".secrets-baseline.json"));

        var line = Assert.Single(cli.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal($"hologram: baseline '{path}' is not a secrets baseline: it has format version 99; this version reads version 1 (it is left as it is)", line);
    }

    [Fact]
    public void A_finding_on_a_line_with_the_inline_marker_is_not_reported_but_counted()
    {
        using var cli = new CliRun();
        Write(cli, "Fixtures.cs", "var fake = \"" + Token + "\"; // hologram:allow-secret\nvar real = \"" + Token + "\";\n");

        Assert.Equal(1, cli.Run("secrets", "scan", "Fixtures.cs"));
        Assert.Equal(["Fixtures.cs:2: github-token: ghp_********", "secrets scan: 1 new secret(s) found (0 in the baseline, 1 marked hologram:allow-secret)"], cli.OutLines);
    }

    [Fact]
    public void Allow_accepts_the_secrets_of_fixture_files_in_every_file_without_storing_them()
    {
        using var cli = new CliRun();
        Write(cli, "tests/fakes.env", "GITHUB_TOKEN=" + Token + "\n");
        Write(cli, "docs/setup.md", "export GITHUB_TOKEN=" + Token + "\n");

        Assert.Equal(0, cli.Run("secrets", "allow", "tests", "--baseline", ".secrets-baseline.json"));
        Assert.Equal(["baseline: 1 known-fake value(s) added, 1 in .secrets-baseline.json"], cli.OutLines);
        var text = File.ReadAllText(Path.Combine(cli.Root, ".secrets-baseline.json"));
        Assert.DoesNotContain(Token, text, StringComparison.Ordinal);
        using (var baseline = JsonDocument.Parse(text))
        {
            var entry = Assert.Single(baseline.RootElement.GetProperty("allowed").EnumerateArray());
            Assert.Equal("github-token", entry.GetProperty("kind").GetString());
            Assert.Empty(baseline.RootElement.GetProperty("findings").EnumerateArray());
        }

        Assert.Equal(0, cli.Run("secrets", "scan", ".", "--baseline", ".secrets-baseline.json"));
        Assert.Equal(["secrets scan: no new secrets (2 in the baseline)"], cli.OutLines);

        // --update-baseline rewrites the findings and keeps the known fakes.
        Assert.Equal(0, cli.Run("secrets", "scan", ".", "--baseline", ".secrets-baseline.json", "--update-baseline"));
        Assert.Single(JsonDocument.Parse(File.ReadAllText(Path.Combine(cli.Root, ".secrets-baseline.json"))).RootElement.GetProperty("allowed").EnumerateArray());

        Write(cli, "docs/other.md", "GITHUB_TOKEN=ghp_" + new string('W', 32) + "3c4D\n");
        Assert.Equal(1, cli.Run("secrets", "scan", ".", "--baseline", ".secrets-baseline.json"));
        Assert.Equal(["docs/other.md:1: github-token: ghp_********", "secrets scan: 1 new secret(s) found (2 in the baseline)"], cli.OutLines);

        // The redactor reads the same file.
        var redactor = new Hologram.Testing.Security.SecretRedactor().UseAllowList(Hologram.Testing.Security.SecretAllowList.Load(Path.Combine(cli.Root, ".secrets-baseline.json")));
        Assert.Equal("GITHUB_TOKEN=" + Token, redactor.Redact("GITHUB_TOKEN=" + Token));
    }

    [Theory]
    [InlineData(new[] { "secrets", "allow", "missing", "--baseline", "b.json" }, "'missing' does not exist")]
    [InlineData(new[] { "secrets", "allow", ".", "--baseline", "broken.json" }, "is not a secrets baseline")]
    public void Allow_bad_input_exits_2_with_one_line(string[] args, string message)
    {
        using var cli = new CliRun();
        Write(cli, "broken.json", "{ not json");
        Assert.Equal(2, cli.Run(args));
        Assert.Contains(message, cli.Error, StringComparison.Ordinal);
        Assert.Single(cli.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
