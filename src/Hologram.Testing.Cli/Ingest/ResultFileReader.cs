using System.Globalization;
using System.Security.Cryptography;
using System.Xml;
using System.Xml.Linq;
using Hologram.Testing.History;

namespace Hologram.Testing.Cli.Ingest;

/// <summary>
/// Reads a TRX or JUnit XML results file whole (streamed, one result element at a time) and fails on the first problem
/// with its position: nothing of a file is used unless all of it reads.
/// </summary>
internal abstract class ResultFileReader
{
    /// <summary>What every run read from a file shares: profile and the commit, branch and CI metadata of the ingesting job.</summary>
    internal sealed record RunDefaults(string Profile, RunMetadata Metadata);

    private protected ResultFileReader(string path, string shownAs, XmlReader reader, RunDefaults defaults)
    {
        Path = path;
        ShownAs = shownAs;
        Reader = reader;
        Defaults = defaults;
    }

    /// <summary>The file read.</summary>
    protected string Path { get; }

    /// <summary>The file as messages name it.</summary>
    protected string ShownAs { get; }

    /// <summary>The XML, positioned by the subclass.</summary>
    protected XmlReader Reader { get; }

    /// <summary>Run metadata not in the file.</summary>
    protected RunDefaults Defaults { get; }

    /// <summary>Reads <paramref name="path"/>, TRX or JUnit XML by its root element.</summary>
    /// <exception cref="ResultFileException">The file is not well-formed, truncated, of another kind, or a value is invalid.</exception>
    public static ResultFile Read(string path, string shownAs, RunDefaults defaults)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            IgnoreWhitespace = true,
        };
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
            if (stream.Length == 0)
            {
                throw new ResultFileException(shownAs, 1, 1, "the file is empty");
            }

            using var reader = XmlReader.Create(stream, settings);
            reader.MoveToContent();
            ResultFileReader parser = reader.LocalName switch
            {
                "TestRun" => new TrxReader(path, shownAs, reader, defaults),
                "testsuites" or "testsuite" => new JUnitReader(path, shownAs, reader, defaults),
                _ => throw new ResultFileException(shownAs, Line(reader), Column(reader),
                    $"<{reader.Name}> is not the root of a TRX (<TestRun>) or JUnit XML (<testsuites>, <testsuite>) file"),
            };
            var file = parser.ReadFile();
            // Anything after the root element (a second root, text) is as much a broken file as a truncated one.
            while (reader.Read())
            {
            }

            return file;
        }
        catch (XmlException ex)
        {
            var problem = ex.Message;
            var cut = problem.IndexOf(" Line ", StringComparison.Ordinal);
            problem = cut > 0 ? problem[..cut].TrimEnd('.', ' ') : problem;
            if (problem.Contains("Unexpected end of file", StringComparison.OrdinalIgnoreCase) || (IsLastLine(path, ex.LineNumber) && (ex.LineNumber > 1 || ex.LinePosition > 1)))
            {
                // An error on the last line of the file, whatever the parser calls it (an unclosed string or element).
                problem += " (the file is truncated)";
            }

            throw new ResultFileException(shownAs, ex.LineNumber, ex.LinePosition, problem, ex);
        }
    }

    /// <summary>Reads the file from its root element.</summary>
    protected abstract ResultFile ReadFile();

    /// <summary>A run id that is the same each time the same file is read: the file's own id, or a hash of its content.</summary>
    protected string ContentId(string prefix)
    {
        using var stream = File.OpenRead(Path);
        return prefix + Convert.ToHexStringLower(SHA256.HashData(stream))[..24];
    }

    /// <summary>A problem at the reader's position.</summary>
    protected ResultFileException Problem(string problem) => new(ShownAs, Line(Reader), Column(Reader), problem);

    /// <summary>A problem at an element read earlier.</summary>
    protected ResultFileException Problem((int Line, int Column) at, string problem) => new(ShownAs, at.Line, at.Column, problem);

    /// <summary>The reader's position.</summary>
    protected (int Line, int Column) Position => (Line(Reader), Column(Reader));

    /// <summary>Reads the element at the reader as a tree and moves past it.</summary>
    protected XElement ReadElement() => (XElement)XNode.ReadFrom(Reader);

    /// <summary>A point in time, or null when absent; invalid is a problem at <paramref name="at"/>. Without an offset, UTC.</summary>
    protected DateTimeOffset? Time(string? value, string what, (int Line, int Column) at)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time.ToUniversalTime()
            : throw Problem(at, $"{what} '{value}' is not a date and time");
    }

    /// <summary>The run every reader builds from what its file says.</summary>
    protected RunInfo Run(string runId, string framework, string assembly, string? host, DateTimeOffset started, DateTimeOffset ended) => new()
    {
        RunId = runId,
        BuildId = Defaults.Metadata.BuildId,
        Commit = Defaults.Metadata.Commit,
        Branch = Defaults.Metadata.Branch,
        Profile = Defaults.Profile,
        Host = string.IsNullOrWhiteSpace(host) ? System.Environment.MachineName : host,
        Framework = framework,
        Assembly = assembly,
        StartedAt = started,
        EndedAt = ended < started ? started : ended,
        CiProvider = Defaults.Metadata.CiProvider,
        CiUrl = Defaults.Metadata.CiUrl,
    };

    /// <summary>When the file was last written: the time of a run whose file gives none.</summary>
    protected DateTimeOffset FileTime => new DateTimeOffset(File.GetLastWriteTimeUtc(Path), TimeSpan.Zero);

    /// <summary>A test id as the adapters make it: class, method and the (redacted) arguments of a data row.</summary>
    protected static string TestId(string className, string name)
    {
        var paren = name.IndexOf('(', StringComparison.Ordinal);
        var method = paren > 0 ? name[..paren].TrimEnd() : name;
        var arguments = paren > 0 ? name[paren..] : null;
        return string.IsNullOrEmpty(className)
            ? (arguments is null ? method : method + Security.SecretRedactor.Default.Redact(arguments))
            : Sdk.TestIds.Create(className, method, arguments);
    }

    private static bool IsLastLine(string path, int line)
    {
        var lines = 1;
        foreach (var text in File.ReadLines(path))
        {
            _ = text;
            if (lines++ > line)
            {
                return false;
            }
        }

        return true;
    }

    private static int Line(XmlReader reader) => reader is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : 0;

    private static int Column(XmlReader reader) => reader is IXmlLineInfo info && info.HasLineInfo() ? info.LinePosition : 0;
}
