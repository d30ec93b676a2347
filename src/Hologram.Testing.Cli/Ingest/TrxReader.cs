using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Hologram.Testing.History;

namespace Hologram.Testing.Cli.Ingest;

/// <summary>
/// A Visual Studio TRX file (<c>dotnet test --logger trx</c>, Microsoft.Testing.Platform's <c>--report-trx</c>): the
/// <c>UnitTestResult</c> elements (data rows from their <c>InnerResults</c>), their class from the <c>TestDefinitions</c>.
/// </summary>
internal sealed class TrxReader : ResultFileReader
{
    private readonly List<Result> results = [];
    private readonly Dictionary<string, (string ClassName, string? CodeBase)> definitions = new(StringComparer.OrdinalIgnoreCase);

    public TrxReader(string path, string shownAs, XmlReader reader, RunDefaults defaults)
        : base(path, shownAs, reader, defaults)
    {
    }

    protected override ResultFile ReadFile()
    {
        var runId = Reader.GetAttribute("id");
        var runName = Reader.GetAttribute("name");
        DateTimeOffset? start = null, finish = null;
        var depth = Reader.Depth;
        Reader.Read();
        while (!Reader.EOF && Reader.Depth > depth)
        {
            if (Reader.NodeType != XmlNodeType.Element)
            {
                Reader.Read();
                continue;
            }

            switch (Reader.LocalName)
            {
                case "Times":
                    start = Time(Reader.GetAttribute("start"), "Times start", Position);
                    finish = Time(Reader.GetAttribute("finish"), "Times finish", Position);
                    Reader.Skip();
                    break;
                case "UnitTestResult":
                    var at = Position;
                    AddResult(ReadElement(), at);
                    break;
                case "UnitTest":
                    ReadDefinition(ReadElement());
                    break;
                case "Results" or "TestDefinitions":
                    Reader.Read();
                    break;
                default:
                    Reader.Skip();
                    break;
            }
        }

        var id = string.IsNullOrWhiteSpace(runId) ? ContentId("trx-") : "trx-" + runId.Trim();
        var collector = new AttemptCollector(id);
        var firstStart = results.Count == 0 ? null : results.Min(r => r.Start);
        var lastEnd = results.Count == 0 ? null : results.Max(r => r.End);
        var started = start ?? firstStart ?? FileTime;
        var ended = finish ?? lastEnd ?? started;
        string? host = null, codeBase = null;
        foreach (var r in results)
        {
            var definition = definitions.GetValueOrDefault(r.DefinitionId);
            codeBase ??= definition.CodeBase;
            host ??= r.Host;
            // Older MSTest writes an assembly-qualified class name ("Ns.Class, Assembly, Version=…").
            var className = (definition.ClassName ?? string.Empty).Split(',')[0].Trim();
            // xUnit names a result by its full display name (Ns.Class.Method(args)); MSTest and NUnit by the method alone.
            var name = className.Length > 0 && r.Name.StartsWith(className + ".", StringComparison.Ordinal) ? r.Name[(className.Length + 1)..] : r.Name;
            var testId = TestId(className, name);
            collector.Add(testId, r.Name, className, r.Outcome, r.DurationMs, r.Message,
                r.Outcome == TestOutcome.Failed ? ErrorSignature.Compute(null, r.Message, r.StackTrace) : null, r.End ?? ended);
        }

        var assembly = codeBase is null ? runName ?? System.IO.Path.GetFileNameWithoutExtension(Path) : System.IO.Path.GetFileNameWithoutExtension(codeBase);
        var (attempts, flakes) = collector.Build();
        return new ResultFile(ShownAs, "trx", Run(id, "trx", assembly, host, started, ended), attempts, flakes);
    }

    private void AddResult(XElement element, (int Line, int Column) at)
    {
        var inner = element.Elements().FirstOrDefault(e => e.Name.LocalName == "InnerResults");
        if (inner is not null && inner.Elements().Any(e => e.Name.LocalName == "UnitTestResult"))
        {
            // A data-driven test: its rows are the results; the parent only sums them up.
            foreach (var row in inner.Elements().Where(e => e.Name.LocalName == "UnitTestResult"))
            {
                AddResult(row, at);
            }

            return;
        }

        var name = (string?)element.Attribute("testName");
        if (string.IsNullOrWhiteSpace(name))
        {
            throw Problem(at, "<UnitTestResult> has no testName");
        }

        var outcomeText = (string?)element.Attribute("outcome") ?? string.Empty;
        var outcome = outcomeText switch
        {
            "Passed" or "PassedButRunAborted" or "Warning" => TestOutcome.Passed,
            "Failed" or "Error" or "Timeout" or "Aborted" => TestOutcome.Failed,
            "NotExecuted" or "Inconclusive" or "NotRunnable" or "Pending" or "Disconnected" or "InProgress" or "Completed" => TestOutcome.Skipped,
            _ => throw Problem(at, $"outcome '{outcomeText}' of {name} is not a TRX outcome (Passed, Failed, NotExecuted, …)"),
        };
        var durationText = (string?)element.Attribute("duration");
        var duration = TimeSpan.Zero;
        if (!string.IsNullOrEmpty(durationText) && !TimeSpan.TryParse(durationText, CultureInfo.InvariantCulture, out duration))
        {
            throw Problem(at, $"duration '{durationText}' of {name} is not a time span (hh:mm:ss.fffffff)");
        }

        var errorInfo = element.Descendants().FirstOrDefault(e => e.Name.LocalName == "ErrorInfo");
        var message = errorInfo?.Elements().FirstOrDefault(e => e.Name.LocalName == "Message")?.Value;
        var stack = errorInfo?.Elements().FirstOrDefault(e => e.Name.LocalName == "StackTrace")?.Value;
        results.Add(new Result(
            (string?)element.Attribute("testId") ?? string.Empty,
            name.Trim(),
            outcome,
            duration.TotalMilliseconds,
            string.IsNullOrWhiteSpace(message) ? null : message.Trim(),
            stack,
            Time((string?)element.Attribute("startTime"), "startTime", at),
            Time((string?)element.Attribute("endTime"), "endTime", at),
            (string?)element.Attribute("computerName")));
    }

    private void ReadDefinition(XElement unitTest)
    {
        var id = (string?)unitTest.Attribute("id");
        var method = unitTest.Elements().FirstOrDefault(e => e.Name.LocalName == "TestMethod");
        if (id is not null && method is not null)
        {
            definitions[id] = ((string?)method.Attribute("className") ?? string.Empty, (string?)method.Attribute("codeBase") ?? (string?)unitTest.Attribute("storage"));
        }
    }

    private sealed record Result(
        string DefinitionId, string Name, TestOutcome Outcome, double DurationMs, string? Message, string? StackTrace,
        DateTimeOffset? Start, DateTimeOffset? End, string? Host);
}
