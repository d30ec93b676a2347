using Hologram.Testing.History;
using Hologram.Testing.Sdk;
using Hologram.Testing.XunitV3.Sdk;
using Xunit.Sdk;
using Xunit.v3;

namespace Hologram.Testing.XunitV3.Tests.Sdk;

public sealed class AttemptBusTests
{
    [Fact]
    public void A_failure_is_observed_with_its_exception_and_a_skip_verdict_forwards_it_as_an_xunit_skip_with_corrected_totals()
    {
        using var bus = new AttemptBus();
        bus.QueueMessage(new TestStarting
        {
            AssemblyUniqueID = "a", TestCollectionUniqueID = "col", TestClassUniqueID = "cls", TestMethodUniqueID = "m",
            TestCaseUniqueID = "tc", TestUniqueID = "t", TestDisplayName = "Ns.C.M", TestLabel = null, Explicit = false, StartTime = DateTimeOffset.UtcNow,
            Timeout = 0, Traits = new Dictionary<string, IReadOnlyCollection<string>>(),
        });
        bus.QueueMessage(new TestFailed
        {
            AssemblyUniqueID = "a", TestCollectionUniqueID = "col", TestClassUniqueID = "cls", TestMethodUniqueID = "m",
            TestCaseUniqueID = "tc", TestUniqueID = "t", Cause = FailureCause.Exception, ExceptionParentIndices = [-1],
            ExceptionTypes = [typeof(SkipException).FullName!], Messages = ["no service"], StackTraces = [null],
            ExecutionTime = 0.5m, FinishTime = DateTimeOffset.UtcNow, Output = string.Empty, Warnings = null,
        });
        bus.QueueMessage(new TestCaseFinished
        {
            AssemblyUniqueID = "a", TestCollectionUniqueID = "col", TestClassUniqueID = "cls", TestMethodUniqueID = "m",
            TestCaseUniqueID = "tc", ExecutionTime = 0.5m, FinishTime = DateTimeOffset.UtcNow,
            TestsFailed = 1, TestsNotRun = 0, TestsSkipped = 0, TestsTotal = 1,
        });

        var observation = Assert.Single(bus.Observations(name => "id:" + name));
        Assert.Equal(
            ("id:Ns.C.M", "Ns.C.M", TestOutcome.Failed, typeof(SkipException).FullName, "no service", 500d),
            (observation.TestId, observation.DisplayName, observation.Outcome, observation.ExceptionType, observation.Message, observation.DurationMs));

        using var target = new CollectingBus();
        using var cancellation = new CancellationTokenSource();
        var translated = bus.ForwardTo(target, [new TestVerdict(TestOutcome.Skipped, "no service")], cancellation);

        Assert.Equal(1, translated);
        Assert.Equal("no service", Assert.IsAssignableFrom<ITestSkipped>(target.Messages[1]).Reason);
        var finished = Assert.IsAssignableFrom<ITestCaseFinished>(target.Messages[2]);
        Assert.Equal((0, 1, 1), (finished.TestsFailed, finished.TestsSkipped, finished.TestsTotal));
    }

    private sealed class CollectingBus : IMessageBus
    {
        public List<IMessageSinkMessage> Messages { get; } = [];

        public bool QueueMessage(IMessageSinkMessage message)
        {
            Messages.Add(message);
            return true;
        }

        public void Dispose()
        {
        }
    }
}
