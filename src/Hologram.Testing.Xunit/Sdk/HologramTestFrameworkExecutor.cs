using Hologram.Testing.Sdk;
using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Hologram.Testing.Xunit.Sdk;

/// <summary>Runs the test cases of one assembly: keeps this shard's test cases and hands them to Hologram's assembly runner.</summary>
public class HologramTestFrameworkExecutor : XunitTestFrameworkExecutor
{
    private readonly Func<AssemblyName, HologramOptions> _loadOptions;

    /// <summary>Creates the executor; called by <see cref="HologramTestFramework"/>.</summary>
    /// <param name="assemblyName">The test assembly.</param>
    /// <param name="sourceInformationProvider">xUnit's source information provider.</param>
    /// <param name="diagnosticMessageSink">xUnit's diagnostic message sink.</param>
    /// <param name="loadOptions">Loads the run's configuration.</param>
    public HologramTestFrameworkExecutor(
        AssemblyName assemblyName,
        ISourceInformationProvider sourceInformationProvider,
        IMessageSink diagnosticMessageSink,
        Func<AssemblyName, HologramOptions> loadOptions)
        : base(assemblyName, sourceInformationProvider, diagnosticMessageSink)
    {
        _loadOptions = loadOptions;
    }

    /// <summary>The adapter name recorded with every run.</summary>
    public const string Framework = "xunit2";

    /// <summary>The clock of the run.</summary>
    internal TimeProvider Time { get; init; } = TimeProvider.System;

    private void Warn(string message)
    {
        DiagnosticMessageSink.OnMessage(new DiagnosticMessage(message));
        Console.Error.WriteLine(message);
    }

    /// <inheritdoc />
    protected override async void RunTestCases(
        IEnumerable<IXunitTestCase> testCases,
        IMessageSink executionMessageSink,
        ITestFrameworkExecutionOptions executionOptions)
    {
        var assemblyName = new AssemblyName(TestAssembly.Assembly.Name);
        await using var run = await AdapterRun.StartAsync(
            () => _loadOptions(assemblyName), Framework, assemblyName.Name ?? "tests", Warn, Time);
        if (run.Session is { } session)
        {
            // Set here, not inside the awaited start: an async-local value set in a callee does not flow back.
            HologramContext.Use(session.Options);
        }

        var ids = new XunitTestIds();
        IEnumerable<IXunitTestCase> selected = testCases;
        if (run.Selection is { IsSharded: true } selection)
        {
            // The shard is chosen by id, so the ids (and their groups of rows that read alike) are resolved first.
            var all = testCases as IReadOnlyCollection<IXunitTestCase> ?? testCases.ToList();
            ids.Register(all);
            selected = all.Where(testCase => selection.InShard(ids.For(testCase)));
        }

        using var assemblyRunner = new HologramTestAssemblyRunner(
            run, ids, TestAssembly, selected.ToList(), DiagnosticMessageSink, executionMessageSink, executionOptions);
        await assemblyRunner.RunAsync();
    }
}
