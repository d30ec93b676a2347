using System.Reflection;
using Hologram.Testing.Sdk;
using Xunit.Sdk;
using Xunit.v3;

namespace Hologram.Testing.XunitV3.Sdk;

/// <summary>
/// Runs the test cases of one assembly through xUnit v3's own runners: starts the Hologram run, keeps this shard's
/// test cases, wraps each in a <see cref="HologramTestCase"/>, and ends the run before xUnit reports the assembly finished.
/// </summary>
public class HologramTestFrameworkExecutor : XunitTestFrameworkExecutor
{
    /// <summary>The adapter name recorded with every run.</summary>
    public const string Framework = "xunit3";

    private readonly Func<Assembly, HologramOptions> _loadOptions;

    /// <summary>Creates the executor; called by <see cref="HologramTestFramework"/>.</summary>
    /// <param name="testAssembly">The test assembly.</param>
    /// <param name="loadOptions">Loads the run's configuration.</param>
    public HologramTestFrameworkExecutor(IXunitTestAssembly testAssembly, Func<Assembly, HologramOptions> loadOptions)
        : base(testAssembly)
    {
        _loadOptions = loadOptions;
    }

    /// <summary>The clock of the run.</summary>
    internal TimeProvider Time { get; init; } = TimeProvider.System;

    /// <inheritdoc />
    public override async ValueTask RunTestCases(
        IReadOnlyCollection<IXunitTestCase> testCases,
        IMessageSink executionMessageSink,
        ITestFrameworkExecutionOptions executionOptions,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(testCases);
        ArgumentNullException.ThrowIfNull(executionMessageSink);
        var assembly = TestAssembly.Assembly;
        await using var run = await AdapterRun.StartAsync(
            () => _loadOptions(assembly),
            Framework,
            assembly.GetName().Name ?? "tests",
            message =>
            {
                executionMessageSink.OnMessage(new DiagnosticMessage(message));
                Console.Error.WriteLine(message);
            },
            Time);
        if (run.Session is { } session)
        {
            // Set here, not inside the awaited start: an async-local value set in a callee does not flow back.
            HologramContext.Use(session.Options);
        }

        var all = testCases as IReadOnlyCollection<IXunitTestCase> ?? testCases.ToList();
        var ids = new XunitV3TestIds();
        ids.Register(all.Select(testCase => testCase is HologramTestCase hologram ? hologram.Inner : testCase));
        var selected = all
            .Where(testCase => run.Selection is not { IsSharded: true } selection || selection.InShard(ids.For(testCase)))
            .Select(testCase => (IXunitTestCase)new HologramTestCase(testCase, run, ids))
            .ToList();
        await base.RunTestCases(selected, new SessionEndingSink(executionMessageSink, run), executionOptions, cancellationToken);
    }
}
