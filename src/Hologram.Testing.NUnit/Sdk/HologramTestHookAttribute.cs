using NUnit.Framework;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;

namespace Hologram.Testing.NUnit.Sdk;

/// <summary>
/// Hologram's NUnit hook, applied to the test assembly by the package's <c>buildTransitive</c> targets. When NUnit has
/// built the assembly's test tree it drops the tests outside this shard, marks tests the profile skips (<c>[NoCi]</c>)
/// as ignored with the reason, and gives every test method Hologram's command decorator (retries, recording, run-time
/// skips, quarantine). Around the assembly suite it starts and ends the run (history store, flake policy).
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class HologramTestHookAttribute : NUnitAttribute, IApplyToTest, ITestAction
{
    /// <inheritdoc />
    public ActionTargets Targets => ActionTargets.Suite;

    /// <inheritdoc />
    public void ApplyToTest(Test test)
    {
        if (test is not TestAssembly { Assembly: { } assembly })
        {
            return;
        }

        var run = NUnitRun.For(assembly);
        Prepare(test, run, run.Selection);
    }

    /// <inheritdoc />
    public void BeforeTest(ITest test)
    {
        if (test is TestAssembly { Assembly: { } assembly })
        {
            NUnitRun.For(assembly).Start();
        }
    }

    /// <inheritdoc />
    public void AfterTest(ITest test)
    {
        if (test is TestAssembly { Assembly: { } assembly })
        {
            NUnitRun.For(assembly).End();
        }
    }

    /// <summary>Applies shard, profile skips and the command decorator below <paramref name="suite"/>; true when tests remain.</summary>
    internal static bool Prepare(Test suite, NUnitRun run, global::Hologram.Testing.Sdk.TestSelection? selection)
    {
        var assembly = (suite as TestAssembly)?.Assembly;
        foreach (var child in suite.Tests.Cast<Test>().ToList())
        {
            var keep = child is TestMethod method ? PrepareMethod(method, run, selection) : Prepare(child, run, selection);
            if (!keep)
            {
                suite.Tests.Remove(child);
            }
        }

        return suite.Tests.Count > 0 || assembly is not null;
    }

    private static bool PrepareMethod(TestMethod test, NUnitRun run, global::Hologram.Testing.Sdk.TestSelection? selection)
    {
        if (selection is { IsSharded: true } && !selection.InShard(NUnitTestIds.For(test)))
        {
            return false;
        }

        var assembly = test.TypeInfo?.Assembly;
        if (test.RunState == RunState.Runnable
            && selection?.ProfileSkipReason(NUnitCategories.Of(test, assembly)) is { } reason)
        {
            test.RunState = RunState.Ignored;
            test.Properties.Set(PropertyNames.SkipReason, reason);
        }

        if (test.Method is { } method and not HologramMethodInfo)
        {
            test.Method = run.Wrap(method);
        }

        return true;
    }
}
