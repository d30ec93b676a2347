using System.Text;
using Hologram.Testing.Cli.Reporting;

namespace Hologram.Testing.Cli.Annotations;

/// <summary>
/// Writes findings as GitHub Actions workflow commands or Azure Pipelines logging commands, only when the process runs
/// under that CI system and <c>HOLOGRAM_ANNOTATIONS</c> does not turn them off. Every value is redacted, then escaped
/// by the CI system's rules; at most <see cref="MaxPerLevel"/> annotations of a level are written, then one line
/// says how many more there were.
/// </summary>
internal sealed class CiAnnotations
{
    /// <summary>The variable that turns annotations off (<c>off</c>, <c>false</c>, <c>0</c>) or leaves them automatic (<c>auto</c>, <c>on</c>, <c>true</c>, <c>1</c>).</summary>
    public const string Variable = "HOLOGRAM_ANNOTATIONS";

    /// <summary>GitHub shows 10 annotations of each level per step; more are dropped without a word.</summary>
    public const int MaxPerLevel = 10;

    private static readonly string[] Off = ["off", "false", "0", "no"];
    private static readonly string[] Auto = ["auto", "on", "true", "1", "yes"];

    private readonly TextWriter _writer;
    private readonly string _currentDirectory;
    private readonly string _repositoryRoot;
    private readonly Dictionary<AnnotationLevel, int> _counts = [];

    private CiAnnotations(CiAnnotationTarget target, TextWriter writer, string currentDirectory, string repositoryRoot)
    {
        Target = target;
        _writer = writer;
        _currentDirectory = currentDirectory;
        _repositoryRoot = repositoryRoot;
    }

    /// <summary>The CI system written for.</summary>
    public CiAnnotationTarget Target { get; }

    /// <summary>
    /// The writer for this environment, or null when not under GitHub Actions or Azure Pipelines, or when
    /// <c>HOLOGRAM_ANNOTATIONS</c> turns annotations off.
    /// </summary>
    /// <exception cref="HologramConfigurationException"><c>HOLOGRAM_ANNOTATIONS</c> has a value that is neither on nor off.</exception>
    public static CiAnnotations? For(CliContext context, TextWriter writer, string repositoryRoot)
    {
        var target = Detect(context.Environment);
        return target is null ? null : new CiAnnotations(target.Value, writer, context.CurrentDirectory, repositoryRoot);
    }

    /// <summary>The CI system to annotate for, or null (not under one, or turned off).</summary>
    /// <exception cref="HologramConfigurationException"><c>HOLOGRAM_ANNOTATIONS</c> has a value that is neither on nor off.</exception>
    public static CiAnnotationTarget? Detect(IReadOnlyDictionary<string, string?> environment)
    {
        if (Value(environment, Variable) is { } setting)
        {
            if (Off.Contains(setting, StringComparer.OrdinalIgnoreCase))
            {
                return null;
            }

            if (!Auto.Contains(setting, StringComparer.OrdinalIgnoreCase))
            {
                throw new HologramConfigurationException(Variable, setting, $"environment variable {Variable}",
                    $"{Variable}='{setting}' is not valid: use off to turn CI annotations off, or auto (the default) to write them under GitHub Actions and Azure Pipelines");
            }
        }

        if (string.Equals(Value(environment, "GITHUB_ACTIONS"), "true", StringComparison.OrdinalIgnoreCase))
        {
            return CiAnnotationTarget.GitHubActions;
        }

        return string.Equals(Value(environment, "TF_BUILD"), "true", StringComparison.OrdinalIgnoreCase) ? CiAnnotationTarget.AzurePipelines : null;
    }

    /// <summary>Writes one annotation (redacted and escaped), unless <see cref="MaxPerLevel"/> of its level were written already.</summary>
    public void Write(Annotation annotation)
    {
        if (Target == CiAnnotationTarget.AzurePipelines && annotation.Level == AnnotationLevel.Notice)
        {
            return;
        }

        var count = _counts.GetValueOrDefault(annotation.Level) + 1;
        _counts[annotation.Level] = count;
        if (count <= MaxPerLevel)
        {
            _writer.WriteLine(Format(annotation));
        }
    }

    /// <summary>Writes all of <paramref name="annotations"/>, then <see cref="Complete"/>.</summary>
    public void WriteAll(IEnumerable<Annotation> annotations, string more)
    {
        foreach (var annotation in annotations)
        {
            Write(annotation);
        }

        Complete(more);
    }

    /// <summary>For each level with more than <see cref="MaxPerLevel"/> annotations, one line saying how many were left out and where to look.</summary>
    /// <param name="more">Where the full list is, e.g. <c>the job summary</c>.</param>
    public void Complete(string more)
    {
        foreach (var (level, count) in _counts.OrderBy(c => c.Key))
        {
            if (count > MaxPerLevel)
            {
                _writer.WriteLine(Format(new Annotation(level, "hologram", $"{count - MaxPerLevel} more not shown as annotations; see {more}")));
            }
        }

        _counts.Clear();
    }

    /// <summary>The command line for <paramref name="annotation"/>, redacted and escaped for <see cref="Target"/>.</summary>
    public string Format(Annotation annotation)
    {
        var title = ReportText.Clean(annotation.Title);
        var message = ReportText.Clean(annotation.Message).TrimEnd();
        var file = FilePath(annotation.File);
        var line = file is not null && annotation.Line is > 0 ? annotation.Line : null;
        if (Target == CiAnnotationTarget.GitHubActions)
        {
            var properties = new List<string>();
            if (file is not null)
            {
                properties.Add("file=" + GitHubProperty(file));
                if (line is { } l)
                {
                    properties.Add("line=" + l.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
            }

            if (title.Length > 0)
            {
                properties.Add("title=" + GitHubProperty(title));
            }

            var command = annotation.Level switch
            {
                AnnotationLevel.Error => "error",
                AnnotationLevel.Warning => "warning",
                _ => "notice",
            };
            return $"::{command}{(properties.Count == 0 ? string.Empty : " " + string.Join(',', properties))}::{GitHubData(message)}";
        }

        var azure = new StringBuilder("##vso[task.logissue type=").Append(annotation.Level == AnnotationLevel.Error ? "error" : "warning");
        if (file is not null)
        {
            azure.Append(";sourcepath=").Append(AzureProperty(file));
            if (line is { } l)
            {
                azure.Append(";linenumber=").Append(l.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        azure.Append(']').Append(AzureData(title.Length == 0 ? message : $"{title}: {message}"));
        return azure.ToString();
    }

    /// <summary>Escapes workflow-command data (the message): <c>%</c>, CR and LF.</summary>
    public static string GitHubData(string value) =>
        value.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    /// <summary>Escapes a workflow-command property value: as data, plus <c>:</c> and <c>,</c>.</summary>
    public static string GitHubProperty(string value) =>
        GitHubData(value).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);

    /// <summary>Escapes a logging-command message: <c>%</c> (as <c>%AZP25</c>), CR and LF.</summary>
    public static string AzureData(string value) =>
        value.Replace("%", "%AZP25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    /// <summary>Escapes a logging-command property value: as a message, plus <c>;</c> and <c>]</c>.</summary>
    public static string AzureProperty(string value) =>
        AzureData(value).Replace(";", "%3B", StringComparison.Ordinal).Replace("]", "%5D", StringComparison.Ordinal);

    /// <summary>
    /// GitHub: the path relative to the repository root with forward slashes (null outside the repository: GitHub can
    /// only place an annotation on a file of the repository). Azure: the absolute path, as its logging commands ask.
    /// </summary>
    private string? FilePath(string? file)
    {
        if (string.IsNullOrWhiteSpace(file))
        {
            return null;
        }

        var full = Path.GetFullPath(file, _currentDirectory);
        if (Target == CiAnnotationTarget.AzurePipelines)
        {
            return ReportText.Clean(full);
        }

        if (string.IsNullOrEmpty(_repositoryRoot))
        {
            return null;
        }

        var relative = Path.GetRelativePath(_repositoryRoot, full);
        return relative == "." || relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative)
            ? null
            : ReportText.Clean(relative.Replace('\\', '/'));
    }

    private static string? Value(IReadOnlyDictionary<string, string?> environment, string name) =>
        environment.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
