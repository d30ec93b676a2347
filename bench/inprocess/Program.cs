using System.Diagnostics;
using System.Reflection;
using Hologram.Testing.Xunit.Sdk;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

// In-process cost of the hook on a built xUnit v2 test assembly: discovers and runs it through xUnit's own framework
// ("plain") or Hologram's ("hook", with the store HOLOGRAM_STORE names), and prints wall time, CPU time, allocations
// and peak working set. Usage:
//   Hologram.Bench.InProcess <test assembly> <plain|hook> [class-name-prefix]
// The optional prefix runs only the test cases of matching classes (a small run measures the fixed cost).
if (args.Length < 2 || args[1] is not ("plain" or "hook"))
{
    Console.Error.WriteLine("usage: Hologram.Bench.InProcess <test assembly> <plain|hook> [class-name-prefix]");
    return 2;
}

var path = Path.GetFullPath(args[0]);
var mode = args[1];
var prefix = args.Length > 2 ? args[2] : null;
var assembly = Assembly.LoadFrom(path);
var sink = new NullSink();
using var framework = mode == "hook" ? new HologramTestFramework(sink) : new XunitTestFramework(sink);

var discoverer = framework.GetDiscoverer(Reflector.Wrap(assembly));
var discovery = new CollectingSink<IDiscoveryCompleteMessage>();
discoverer.Find(false, discovery, new Options());
discovery.Finished.Wait();
var testCases = discovery.TestCases
    .Where(t => prefix is null || t.TestMethod.TestClass.Class.Name.StartsWith(prefix, StringComparison.Ordinal))
    .ToList();

var process = Process.GetCurrentProcess();
GC.Collect();
var cpu0 = process.TotalProcessorTime;
var alloc0 = GC.GetTotalAllocatedBytes(precise: true);
var pause0 = GC.GetTotalPauseDuration();
int[] collections0 = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
var wall = Stopwatch.StartNew();
using (var executor = framework.GetExecutor(assembly.GetName()))
{
    var execution = new CollectingSink<ITestAssemblyFinished>();
    executor.RunTests(testCases, execution, new Options());
    execution.Finished.Wait();
    wall.Stop();
    process.Refresh();
    var cpu = process.TotalProcessorTime - cpu0;
    var alloc = GC.GetTotalAllocatedBytes(precise: true) - alloc0;
    Console.WriteLine(
        $"mode={mode} cases={testCases.Count} results={execution.Results} failed={execution.Failed} " +
        $"wall_ms={wall.Elapsed.TotalMilliseconds:F1} cpu_ms={cpu.TotalMilliseconds:F1} alloc_mb={alloc / 1048576.0:F1} " +
        $"peak_ws_mb={process.PeakWorkingSet64 / 1048576.0:F1} gc_pause_ms={(GC.GetTotalPauseDuration() - pause0).TotalMilliseconds:F0} " +
        $"gen0={GC.CollectionCount(0) - collections0[0]} gen1={GC.CollectionCount(1) - collections0[1]} gen2={GC.CollectionCount(2) - collections0[2]} " +
        $"pool_threads={ThreadPool.ThreadCount}");
}

return 0;

internal sealed class Options : ITestFrameworkDiscoveryOptions, ITestFrameworkExecutionOptions
{
    private readonly Dictionary<string, object?> _values = [];

    public TValue GetValue<TValue>(string name) => _values.TryGetValue(name, out var v) && v is TValue t ? t : default!;

    public void SetValue<TValue>(string name, TValue value) => _values[name] = value;
}

internal sealed class NullSink : IMessageSink
{
    public bool OnMessage(IMessageSinkMessage message) => true;
}

// Collects discovered test cases and counts results, as a runner would (each result's name and outcome are read).
internal sealed class CollectingSink<TFinal> : IMessageSink
{
    private int _results;
    private int _failed;

    public List<IXunitTestCase> TestCases { get; } = [];

    public ManualResetEventSlim Finished { get; } = new();

    public int Results => _results;

    public int Failed => _failed;

    public bool OnMessage(IMessageSinkMessage message)
    {
        switch (message)
        {
            case ITestCaseDiscoveryMessage discovered:
                TestCases.Add((IXunitTestCase)discovered.TestCase);
                break;
            case ITestFailed:
                Interlocked.Increment(ref _failed);
                Interlocked.Increment(ref _results);
                break;
            case ITestResultMessage:
                Interlocked.Increment(ref _results);
                break;
        }

        if (message is TFinal)
        {
            Finished.Set();
        }

        return true;
    }
}
