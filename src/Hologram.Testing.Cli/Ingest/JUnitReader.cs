using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Hologram.Testing.History;

namespace Hologram.Testing.Cli.Ingest;

/// <summary>
/// A JUnit XML file as JunitXml.TestLogger, pytest <c>--junitxml</c>, jest-junit, Vitest and Maven Surefire write it:
/// <c>testsuite</c> elements (nested or under <c>testsuites</c>) of <c>testcase</c> elements, each failed
/// (<c>failure</c>, <c>error</c>), skipped (<c>skipped</c>) or passed, with Surefire's re-runs (<c>flakyFailure</c>,
/// <c>rerunFailure</c>, …) as earlier attempts.
/// </summary>
internal sealed class JUnitReader : ResultFileReader
{
    private readonly List<(string Name, DateTimeOffset? Timestamp, double Seconds)> suites = [];
    private AttemptCollector? collector;
    private string? host;
    private string? rootName;

    public JUnitReader(string path, string shownAs, XmlReader reader, RunDefaults defaults)
        : base(path, shownAs, reader, defaults)
    {
    }

    protected override ResultFile ReadFile()
    {
        var id = ContentId("junit-");
        collector = new AttemptCollector(id);
        rootName = Reader.LocalName == "testsuites" ? Reader.GetAttribute("name") : null;
        var rootTime = Time(Reader.GetAttribute("timestamp"), "timestamp", Position);
        if (Reader.LocalName == "testsuite")
        {
            ReadSuite(rootTime ?? FileTime);
        }
        else
        {
            ReadChildren(rootTime ?? FileTime);
        }

        var started = suites.Select(s => s.Timestamp).Where(t => t is not null).DefaultIfEmpty(rootTime ?? FileTime).Min()!.Value;
        var ended = suites.Count == 0 ? started : suites.Max(s => (s.Timestamp ?? started).AddSeconds(s.Seconds));
        var assembly = !string.IsNullOrWhiteSpace(rootName) ? rootName
            : suites.Count > 0 && !string.IsNullOrWhiteSpace(suites[0].Name) ? suites[0].Name
            : System.IO.Path.GetFileNameWithoutExtension(Path);
        var (attempts, flakes) = collector.Build();
        return new ResultFile(ShownAs, "junit", Run(id, "junit", assembly, host, started, ended), attempts, flakes);
    }

    /// <summary>Reads the children of the element at the reader (a <c>testsuites</c> or <c>testsuite</c>) and moves past it.</summary>
    private void ReadChildren(DateTimeOffset suiteStart, string suite = "")
    {
        if (Reader.IsEmptyElement)
        {
            Reader.Read();
            return;
        }

        var depth = Reader.Depth;
        Reader.Read();
        var clock = suiteStart;
        while (!Reader.EOF && Reader.Depth > depth)
        {
            if (Reader.NodeType != XmlNodeType.Element)
            {
                Reader.Read();
                continue;
            }

            switch (Reader.LocalName)
            {
                case "testsuite":
                    ReadSuite(suiteStart);
                    break;
                case "testcase":
                    var at = Position;
                    clock = AddCase(ReadElement(), at, clock, suite);
                    break;
                default:
                    Reader.Skip();
                    break;
            }
        }

        if (Reader.NodeType == XmlNodeType.EndElement)
        {
            Reader.Read();
        }
    }

    private void ReadSuite(DateTimeOffset inherited)
    {
        var at = Position;
        var name = Reader.GetAttribute("name") ?? string.Empty;
        var timestamp = Time(Reader.GetAttribute("timestamp"), $"timestamp of testsuite '{name}'", at);
        var seconds = Seconds(Reader.GetAttribute("time"), $"time of testsuite '{name}'", at);
        host ??= Reader.GetAttribute("hostname") is { Length: > 0 } h && h != "localhost" ? h : null;
        suites.Add((name, timestamp, seconds));
        ReadChildren(timestamp ?? inherited, name);
    }

    /// <summary>Adds a test case's attempts; returns when it ended (where the suite's next case starts).</summary>
    private DateTimeOffset AddCase(XElement testCase, (int Line, int Column) at, DateTimeOffset start, string suite)
    {
        string? testIdOverride = null;
        var name = ((string?)testCase.Attribute("name"))?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            throw Problem(at, "<testcase> has no name");
        }

        var className = ((string?)testCase.Attribute("classname"))?.Trim() ?? string.Empty;
        if (string.Equals(className, name, StringComparison.Ordinal))
        {
            // jest-junit's default: classname and name both the full title ("cart adds an item"); the title is the id.
            className = suite;
            testIdOverride = name;
        }

        var seconds = Seconds((string?)testCase.Attribute("time"), $"time of testcase '{name}'", at);
        var testId = testIdOverride ?? TestId(className, name);
        var display = testIdOverride ?? (className.Length == 0 ? name : $"{className}.{name}");
        var ended = start.AddSeconds(seconds);
        var children = testCase.Elements().ToList();
        // Surefire records re-runs as children: flaky* before a final pass, rerun* after a first failure.
        foreach (var earlier in children.Where(e => e.Name.LocalName is "flakyFailure" or "flakyError"))
        {
            AddFailure(testId, display, className, earlier, 0, start);
        }

        var failure = children.FirstOrDefault(e => e.Name.LocalName is "failure" or "error");
        var skipped = children.FirstOrDefault(e => e.Name.LocalName == "skipped");
        var reruns = children.Where(e => e.Name.LocalName is "rerunFailure" or "rerunError").ToList();
        if (failure is not null && reruns.Count > 0)
        {
            AddFailure(testId, display, className, failure, seconds, ended);
            for (var i = 0; i < reruns.Count - 1; i++)
            {
                AddFailure(testId, display, className, reruns[i], 0, ended);
            }

            failure = reruns[^1];
        }

        if (failure is not null)
        {
            AddFailure(testId, display, className, failure, reruns.Count > 0 ? 0 : seconds, ended);
        }
        else if (skipped is not null)
        {
            var message = (string?)skipped.Attribute("message") ?? NonEmpty(skipped.Value);
            collector!.Add(testId, display, className, TestOutcome.Skipped, seconds * 1000, message, null, ended);
        }
        else
        {
            collector!.Add(testId, display, className, TestOutcome.Passed, seconds * 1000, null, null, ended);
        }

        return ended;
    }

    private void AddFailure(string testId, string display, string className, XElement failure, double seconds, DateTimeOffset at)
    {
        var text = NonEmpty(failure.Elements().FirstOrDefault(e => e.Name.LocalName == "stackTrace")?.Value) ?? NonEmpty(failure.Value);
        var message = NonEmpty((string?)failure.Attribute("message")) ?? text?.Split('\n')[0].Trim();
        var type = NonEmpty((string?)failure.Attribute("type"));
        collector!.Add(testId, display, className, TestOutcome.Failed, seconds * 1000, message, ErrorSignature.Compute(type, message, text), at);
    }

    private double Seconds(string? value, string what, (int Line, int Column) at)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return 0;
        }

        return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds) && seconds >= 0
            ? seconds
            : throw Problem(at, $"{what} '{value}' is not a number of seconds");
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
