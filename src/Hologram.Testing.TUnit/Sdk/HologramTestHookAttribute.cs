using System.Reflection;
using Hologram.Testing.Sdk;
using TUnit.Core;
using TUnit.Core.Interfaces;

namespace Hologram.Testing.TUnit.Sdk;

/// <summary>
/// Hologram's TUnit hook, applied to the test assembly by the package's <c>buildTransitive</c> targets. When TUnit
/// registers a test it skips the tests outside this shard and those the profile skips (<c>[NoCi]</c>) with the reason,
/// sets TUnit's retry limit to the attempts Hologram gives the test, and wraps the test body in
/// <see cref="HologramTestExecutor"/> (recording, run-time and quarantine skips). After the assembly's last test it
/// ends the run (history store, flake policy).
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class HologramTestHookAttribute
    : Attribute, ITestDiscoveryEventReceiver, ITestRegisteredEventReceiver, ILastTestInAssemblyEventReceiver, IScopedAttribute
{
    /// <summary>After TUnit's own receivers (categories, skips, executors, retries), so Hologram sees what they set.</summary>
    public int Order => int.MaxValue;

    /// <summary>
    /// A scope of its own: TUnit runs scoped receivers (such as <c>[TestExecutor&lt;T&gt;]</c>) after all others, in
    /// <see cref="Order"/>; as one of them, the hook runs after a user's test executor is set, and wraps it.
    /// </summary>
    public Type ScopeType => typeof(HologramTestHookAttribute);

    /// <inheritdoc />
    public ValueTask OnTestDiscovered(DiscoveredTestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        RunOf(context.TestContext).Ids.Discovered(context.TestContext);
        return default;
    }

    /// <inheritdoc />
    public async ValueTask OnTestRegistered(TestRegisteredContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var test = context.TestContext;
        var details = test.Metadata.TestDetails;
        var tunitRun = RunOf(test);
        var run = await tunitRun.Started.ConfigureAwait(false);
        var testId = tunitRun.Ids.For(test);
        if (run.Selection is { IsSharded: true } selection && !selection.InShard(testId))
        {
            context.SetSkipped(ShardSkipReason(run));
            return;
        }

        var authorSkipped = test.Execution.SkipReason is { Length: > 0 };
        var testCaseRun = run.BeginTestCase(new TestCaseInfo
        {
            ClassName = details.ClassType.FullName ?? details.ClassType.Name,
            DisplayName = test.Metadata.DisplayName,
            Categories = details.Categories,
            Method = MethodOf(details),
            Class = details.ClassType,
            SkippedByFramework = authorSkipped,
        });
        if (testCaseRun.SkipReason is { } skipReason)
        {
            context.SetSkipped(skipReason);
            return;
        }

        details.RetryLimit = testCaseRun.MaxAttempts - 1;
        context.SetTestExecutor(new HologramTestExecutor(tunitRun, testCaseRun, testId, context.DiscoveredTest.TestExecutor));
    }

    /// <inheritdoc />
    public ValueTask OnLastTestInAssembly(AssemblyHookContext context, TestContext testContext)
    {
        ArgumentNullException.ThrowIfNull(testContext);
        RunOf(testContext).End();
        return default;
    }

    private static TUnitRun RunOf(TestContext test) => TUnitRun.For(test.Metadata.TestDetails.ClassType.Assembly);

    private static string ShardSkipReason(AdapterRun run) =>
        $"outside shard {run.Session!.Options.Shard} (HOLOGRAM_SHARD)";

    private static MethodInfo? MethodOf(TestDetails details)
    {
        const BindingFlags Flags = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;
        var parameters = details.MethodMetadata.Parameters;
        try
        {
            return details.ClassType.GetMethod(details.MethodName, Flags, [.. parameters.Select(p => p.Type)]);
        }
        catch (AmbiguousMatchException)
        {
            return null;
        }
    }
}
