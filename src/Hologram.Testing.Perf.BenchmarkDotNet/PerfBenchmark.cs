using System.Reflection;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Hologram.Testing.Perf.Records;
using Hologram.Testing.Perf.Sampling;
using Hologram.Testing.Reports;

namespace Hologram.Testing.Perf.BenchmarkDotNet;

/// <summary>
/// Runs a BenchmarkDotNet <c>[Benchmark]</c> class in this process with a latency job — one invocation per iteration,
/// unroll 1, no forced GC, <c>Perf:Samples</c> iterations — and turns each benchmark into a <see cref="PerfResult"/>.
/// </summary>
public static class PerfBenchmark
{
    /// <summary>Runs every benchmark of <typeparamref name="TBenchmark"/>.</summary>
    /// <typeparam name="TBenchmark">The benchmark class.</typeparam>
    /// <param name="options">Sample and warm-up counts and judgement options; <see langword="null"/> uses the active configuration.</param>
    /// <param name="config">A BenchmarkDotNet configuration whose loggers, exporters and columns to keep (its jobs are replaced).</param>
    /// <returns>The summary and one result per benchmark.</returns>
    public static PerfBenchmarkRun Run<TBenchmark>(PerfOptions? options = null, IConfig? config = null)
        where TBenchmark : class => Run(typeof(TBenchmark), options, config);

    /// <summary>Runs every benchmark of <paramref name="benchmarkType"/>.</summary>
    /// <param name="benchmarkType">The benchmark class.</param>
    /// <param name="options">Sample and warm-up counts and judgement options; <see langword="null"/> uses the active configuration.</param>
    /// <param name="config">A BenchmarkDotNet configuration whose loggers, exporters and columns to keep (its jobs are replaced).</param>
    /// <returns>The summary and one result per benchmark.</returns>
    public static PerfBenchmarkRun Run(Type benchmarkType, PerfOptions? options = null, IConfig? config = null)
    {
        ArgumentNullException.ThrowIfNull(benchmarkType);
        var (configuration, plan, rerun, resolved) = Perf.Resolve(options);
        Prewarm(benchmarkType, plan);
        var summary = Execute(benchmarkType, plan.Samples, plan.WarmupCalls, configuration, config, method: null);
        var results = new List<PerfBenchmarkResult>();
        foreach (var report in summary.Reports)
        {
            var method = report.BenchmarkCase.Descriptor.WorkloadMethod;
            var context = new PerfContext(resolved, configuration, plan, rerun, Perf.RunId, (samples, _) =>
            {
                var again = Execute(benchmarkType, samples, plan.WarmupCalls, configuration, config, method);
                var report2 = again.Reports.Single(r => r.BenchmarkCase.Descriptor.WorkloadMethod == method);
                return Task.FromResult(ToResult(report2, again, new PerfContext(resolved, configuration, plan with { Samples = samples }, rerun, Perf.RunId, null)));
            });
            var result = ToResult(report, summary, context);
            results.Add(new PerfBenchmarkResult(method.Name, result, method.GetCustomAttribute<PerfBudgetAttribute>(), (report.ResultStatistics?.Percentiles.P95 ?? double.NaN) / 1e6));
        }

        return new PerfBenchmarkRun(summary, results);
    }

    private static PerfResult ToResult(BenchmarkReport report, Summary summary, PerfContext context)
    {
        var method = report.BenchmarkCase.Descriptor.WorkloadMethod;
        var name = method.GetCustomAttribute<PerfBudgetAttribute>()?.Name ?? $"{method.DeclaringType!.Name}.{method.Name}";
        var samples = report.AllMeasurements
            .Where(m => m.IterationMode == IterationMode.Workload && m.IterationStage == IterationStage.Actual)
            .Select(m => m.Nanoseconds / m.Operations / 1e6)
            .ToArray();
        if (samples.Length == 0)
        {
            throw new InvalidOperationException($"BenchmarkDotNet produced no measurements for {name}: {string.Join("; ", summary.ValidationErrors.Select(e => e.Message))}");
        }

        var allocated = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) ?? 0;
        var raw = new RawMeasurement(samples, double.NaN, context.Plan.WarmupCalls, TimeSpan.Zero, null, allocated, 1, report.GcStats.Gen0Collections, report.GcStats.Gen1Collections, report.GcStats.Gen2Collections);
        return Perf.Build(name, PerfPhase.Warm, raw, context);
    }

    private static Summary Execute(Type type, int iterations, int warmup, HologramOptions configuration, IConfig? userConfig, MethodInfo? method)
    {
        var job = new Job("HologramLatency")
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithInvocationCount(1)
            .WithUnrollFactor(1)
            .WithGcForce(false)
            .WithWarmupCount(Math.Max(1, warmup))
            .WithIterationCount(iterations);
        var config = ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumnProvider(userConfig?.GetColumnProviders().ToArray() is { Length: > 0 } columns ? columns : [.. DefaultColumnProviders.Instance])
            .AddLogger(userConfig?.GetLoggers().ToArray() is { Length: > 0 } loggers ? loggers : [NullLogger.Instance])
            .AddExporter(userConfig?.GetExporters().ToArray() ?? [])
            .WithArtifactsPath(userConfig?.ArtifactsPath ?? new ReportsLayout(configuration.ReportsDir).PerfBenchmarkDotNetDirectory)
            .WithOptions(ConfigOptions.DisableOptimizationsValidator | ConfigOptions.DisableLogFile);
        if (method is not null)
        {
            config = config.AddFilter(new SimpleFilter(c => c.Descriptor.WorkloadMethod == method));
        }

        return BenchmarkRunner.Run(type, config);
    }

    /// <summary>
    /// Warms each benchmark method up with the same rule as <see cref="Perf.Measure"/> (count, time and a settled JIT)
    /// before BenchmarkDotNet's own count-based warm-up, so tiered compilation has promoted the measured code.
    /// </summary>
    private static void Prewarm(Type type, SamplingPlan plan)
    {
        var methods = type.GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null && m.GetParameters().Length == 0 && !m.ContainsGenericParameters)
            .ToList();
        if (methods.Count == 0 || type.GetConstructor(Type.EmptyTypes) is null)
        {
            return;
        }

        var instance = Activator.CreateInstance(type)!;
        Invoke<GlobalSetupAttribute>(type, instance);
        try
        {
            var tracker = new WarmupTracker(plan);
            do
            {
                foreach (var method in methods)
                {
                    method.Invoke(instance, null);
                }
            }
            while (!tracker.CallFinished());
        }
        finally
        {
            Invoke<GlobalCleanupAttribute>(type, instance);
        }
    }

    private static void Invoke<TAttribute>(Type type, object instance)
        where TAttribute : Attribute
    {
        foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance).Where(m => m.GetCustomAttribute<TAttribute>() is not null && m.GetParameters().Length == 0))
        {
            method.Invoke(instance, null);
        }
    }
}
