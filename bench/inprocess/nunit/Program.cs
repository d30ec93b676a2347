using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.Loader;
using NUnit.Framework.Api;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;

// Usage: Hologram.Bench.InProcess.NUnit <test assembly>. The assembly's own folder supplies what it references (the
// Hologram hook included), as under a test host; NUnit runs fixtures on one worker per core.
if (args is not [var suite])
{
    Console.Error.WriteLine("usage: Hologram.Bench.InProcess.NUnit <test assembly>");
    return 2;
}

var path = Path.GetFullPath(suite);
if (!File.Exists(path))
{
    Console.Error.WriteLine($"test assembly not found: {path}");
    return 2;
}

var directory = Path.GetDirectoryName(path)!;
AssemblyLoadContext.Default.Resolving += (context, name) =>
    Path.Combine(directory, name.Name + ".dll") is var file && File.Exists(file) ? context.LoadFromAssemblyPath(file) : null;
var assembly = Assembly.LoadFrom(path);
var process = Process.GetCurrentProcess();
var cpu = process.TotalProcessorTime;
var allocated = GC.GetTotalAllocatedBytes();
var clock = Stopwatch.StartNew();
var runner = new NUnitTestAssemblyRunner(new DefaultTestAssemblyBuilder());
runner.Load(assembly, new Dictionary<string, object> { ["NumberOfTestWorkers"] = Environment.ProcessorCount });
var loaded = clock.Elapsed.TotalMilliseconds;
var result = runner.Run(TestListener.NULL, TestFilter.Empty);
clock.Stop();
process.Refresh();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"passed={result.PassCount} failed={result.FailCount} skipped={result.SkipCount} load_ms={loaded:F0} wall_ms={clock.Elapsed.TotalMilliseconds:F0} cpu_ms={(process.TotalProcessorTime - cpu).TotalMilliseconds:F0} alloc_mb={(GC.GetTotalAllocatedBytes() - allocated) / 1048576.0:F1} peak_ws_mb={process.PeakWorkingSet64 / 1048576.0:F1}"));
return result.FailCount == 0 ? 0 : 1;
