using Hologram.Testing.Cli.Annotations;

namespace Hologram.Testing.Cli.Tests.Annotations;

public sealed class CiAnnotationsTests
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "hologram-annotations-repo");

    [Theory]
    [InlineData(new string[0], null)]
    [InlineData(new[] { "CI=true" }, null)]
    [InlineData(new[] { "GITHUB_ACTIONS=false" }, null)]
    [InlineData(new[] { "GITHUB_ACTIONS=true" }, "GitHubActions")]
    [InlineData(new[] { "TF_BUILD=True" }, "AzurePipelines")]
    [InlineData(new[] { "GITHUB_ACTIONS=true", "HOLOGRAM_ANNOTATIONS=off" }, null)]
    [InlineData(new[] { "TF_BUILD=True", "HOLOGRAM_ANNOTATIONS=false" }, null)]
    [InlineData(new[] { "TF_BUILD=True", "HOLOGRAM_ANNOTATIONS=0" }, null)]
    [InlineData(new[] { "TF_BUILD=True", "HOLOGRAM_ANNOTATIONS=auto" }, "AzurePipelines")]
    [InlineData(new[] { "HOLOGRAM_ANNOTATIONS=on" }, null)]
    public void Annotates_only_under_github_actions_or_azure_pipelines_unless_turned_off(string[] variables, string? expected)
    {
        Assert.Equal(expected, CiAnnotations.Detect(Environment(variables))?.ToString());
    }

    [Fact]
    public void A_bad_switch_names_the_variable_and_the_value()
    {
        var ex = Assert.Throws<HologramConfigurationException>(() => CiAnnotations.Detect(Environment("GITHUB_ACTIONS=true", "HOLOGRAM_ANNOTATIONS=maybe")));
        Assert.StartsWith("HOLOGRAM_ANNOTATIONS='maybe' is not valid: use off", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GitHub_escapes_data_and_properties_by_the_workflow_command_rules()
    {
        var (annotations, output) = Writer("GITHUB_ACTIONS=true");

        annotations.Write(new Annotation(AnnotationLevel.Error, "budget: verify, main", "100% over\r\nline 2: a,b", Path.Combine(Root, "src", "a,b:c.json"), 7));

        Assert.Equal("::error file=src/a%2Cb%3Ac.json,line=7,title=budget%3A verify%2C main::100%25 over%0D%0Aline 2: a,b\n", output.ToString());
    }

    [Fact]
    public void Azure_escapes_data_and_properties_by_the_logging_command_rules()
    {
        var (annotations, output) = Writer("TF_BUILD=True");
        var file = Path.Combine(Root, "x;y]", "hologram.json");

        annotations.Write(new Annotation(AnnotationLevel.Warning, "budget", "50% ]over;\nnext", file, 3));

        Assert.Equal($"##vso[task.logissue type=warning;sourcepath={file.Replace(";", "%3B", StringComparison.Ordinal).Replace("]", "%5D", StringComparison.Ordinal)};linenumber=3]budget: 50%AZP25 ]over;%0Anext\n", output.ToString());
    }

    [Fact]
    public void Levels_map_to_each_ci_and_azure_has_no_notice()
    {
        var (github, githubOut) = Writer("GITHUB_ACTIONS=true");
        var (azure, azureOut) = Writer("TF_BUILD=True");
        foreach (var writer in new[] { github, azure })
        {
            writer.Write(new Annotation(AnnotationLevel.Error, "e", "1"));
            writer.Write(new Annotation(AnnotationLevel.Warning, "w", "2"));
            writer.Write(new Annotation(AnnotationLevel.Notice, "n", "3"));
        }

        Assert.Equal("::error title=e::1\n::warning title=w::2\n::notice title=n::3\n", githubOut.ToString());
        Assert.Equal("##vso[task.logissue type=error]e: 1\n##vso[task.logissue type=warning]w: 2\n", azureOut.ToString());
    }

    [Fact]
    public void Secrets_are_redacted_in_every_value()
    {
        var secret = "ghp_" + "Zq8rT2mK9vL4xW7nB3cF6hJ1pD5sG0yA8eUo";
        var (annotations, output) = Writer("GITHUB_ACTIONS=true");

        annotations.Write(new Annotation(AnnotationLevel.Error, $"token {secret}", $"Authorization: Bearer {secret}", Path.Combine(Root, $"{secret}.txt"), 1));

        Assert.DoesNotContain(secret, output.ToString(), StringComparison.Ordinal);
        Assert.Contains("REDACTED", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void GitHub_only_places_files_inside_the_repository()
    {
        var (annotations, output) = Writer("GITHUB_ACTIONS=true");

        annotations.Write(new Annotation(AnnotationLevel.Error, "t", "m", Path.Combine(Path.GetTempPath(), "elsewhere.json"), 4));
        annotations.Write(new Annotation(AnnotationLevel.Error, "t", "m", Path.Combine(Root, "sub", "in.json")));

        Assert.Equal("::error title=t::m\n::error file=sub/in.json,title=t::m\n", output.ToString());
    }

    [Fact]
    public void More_than_ten_of_a_level_end_with_one_line_saying_how_many_were_left_out()
    {
        var (annotations, output) = Writer("GITHUB_ACTIONS=true");

        annotations.WriteAll(
            Enumerable.Range(1, 13).Select(i => new Annotation(AnnotationLevel.Error, $"test failed: T{i}", "boom"))
                .Append(new Annotation(AnnotationLevel.Warning, "w", "only one")),
            "the job summary");

        var lines = output.ToString().TrimEnd('\n').Split('\n');
        Assert.Equal(12, lines.Length);
        Assert.Equal("::error title=test failed%3A T10::boom", lines[9]);
        Assert.Equal("::warning title=w::only one", lines[10]);
        Assert.Equal("::error title=hologram::3 more not shown as annotations; see the job summary", lines[11]);
    }

    private static (CiAnnotations Annotations, StringWriter Output) Writer(params string[] variables)
    {
        var output = new StringWriter { NewLine = "\n" };
        var context = new CliContext(output, TextWriter.Null, Environment(variables), Root);
        return (CiAnnotations.For(context, output, Root)!, output);
    }

    private static Dictionary<string, string?> Environment(params string[] variables) =>
        variables.Select(v => v.Split('=', 2)).ToDictionary(p => p[0], p => (string?)p[1]);
}
