using Hologram.Testing.History;

namespace Hologram.Testing.Tests.History;

public sealed class ErrorSignatureTests
{
    [Theory]
    [InlineData("Timeout after 5000 ms", "Timeout after <n> ms")]
    [InlineData("Order 3fa85f64-5717-4562-b3fc-2c963f66afa6 not found", "Order <guid> not found")]
    [InlineData("Access violation at 0x7ffe12ab", "Access violation at <hex>")]
    [InlineData("Could not find file '/tmp/xyz/run-42/data.json'.", "Could not find file '<path>'.")]
    [InlineData(@"Could not find file 'C:\agent\_work\1\s\data.json'", "Could not find file '<path>'")]
    [InlineData("GET http://localhost:5123/api/items?id=7 returned 500", "GET <url> returned <n>")]
    [InlineData("Connection refused (127.0.0.1:54321)", "Connection refused (<n>:<port>)")]
    [InlineData("hash mismatch: expected deadbeef12 got 9a8b7c6d5e", "hash mismatch: expected <hex> got <hex>")]
    [InlineData("Cannot open tmpA1B2C3.tmp", "Cannot open <tmp>")]
    [InlineData("  Assert.Equal() Failure\n  Expected: 1\n  Actual:   2 ", "Assert.Equal() Failure Expected: <n> Actual: <n>")]
    public void Normalize_replaces_volatile_parts(string message, string expected) =>
        Assert.Equal(expected, ErrorSignature.Normalize(message));

    [Fact]
    public void Same_failure_on_other_machines_and_builds_has_the_same_signature()
    {
        var a = ErrorSignature.Compute("System.TimeoutException", "Timed out after 1503 ms waiting for /tmp/a1/x.sock",
            "   at My.Tests.Client.<SendAsync>d__12.MoveNext() in /home/ci/src/Client.cs:line 88\n   at My.Tests.ClientTests.Sends() in /home/ci/src/ClientTests.cs:line 20\n   at Third.Frame()\n   at Fourth.Frame() in x.cs:line 1");
        var b = ErrorSignature.Compute("System.TimeoutException", "Timed out after 2210 ms waiting for /var/tmp/b7/x.sock",
            @"   at My.Tests.Client.<SendAsync>d__13.MoveNext() in C:\agent\src\Client.cs:line 91
   at My.Tests.ClientTests.Sends() in C:\agent\src\ClientTests.cs:line 21
   at Third.Frame()
   at Another.Fourth()");
        Assert.Equal(a, b);
        Assert.Matches("^[0-9a-f]{12}$", a);
    }

    [Fact]
    public void Different_type_message_or_frames_give_different_signatures()
    {
        var baseline = ErrorSignature.Compute("System.InvalidOperationException", "Sequence contains no elements", "   at A.B()");
        Assert.NotEqual(baseline, ErrorSignature.Compute("System.ArgumentException", "Sequence contains no elements", "   at A.B()"));
        Assert.NotEqual(baseline, ErrorSignature.Compute("System.InvalidOperationException", "Sequence contains more than one element", "   at A.B()"));
        Assert.NotEqual(baseline, ErrorSignature.Compute("System.InvalidOperationException", "Sequence contains no elements", "   at A.C()"));
        Assert.Equal(baseline, ErrorSignature.Compute("System.InvalidOperationException", "Sequence contains no elements", "   at A.B()"));
        Assert.Matches("^[0-9a-f]{12}$", ErrorSignature.Compute(null, null, null));
    }

    [Fact]
    public void Frames_of_the_runtime_s_invocation_and_of_the_test_frameworks_are_not_part_of_the_signature()
    {
        const string Ours = "   at Conformance.Scenario.Fail(String message)\n   at Conformance.FlakyTests.Fails()\n";
        var plain = ErrorSignature.Compute("System.InvalidOperationException", "boom", Ours);
        var underXunit = ErrorSignature.Compute("System.InvalidOperationException", "boom", Ours
            + "   at System.RuntimeMethodHandle.InvokeMethod(Object target, Void** arguments, Signature sig, Boolean isConstructor)\n"
            + "   at System.Reflection.MethodBaseInvoker.InvokeWithNoArgs(Object obj, BindingFlags invokeAttr)\n"
            + "   at Xunit.Sdk.TestInvoker`1.CallTestMethod(Object testClassInstance)");
        var underNUnit = ErrorSignature.Compute("System.InvalidOperationException", "boom", Ours
            + "   at System.Reflection.MethodBaseInvoker.InterpretedInvoke_Method(Object obj, IntPtr* args)\n"
            + "   at NUnit.Framework.Internal.Reflect.InvokeMethod(MethodInfo method, Object fixture, Object[] args)");

        // From the second reflected call of a method on, the runtime invokes it through an emitted stub: a retried
        // attempt under xUnit or NUnit has that frame, the first attempt does not; TUnit calls generated code.
        var retriedUnderXunit = ErrorSignature.Compute("System.InvalidOperationException", "boom", Ours
            + "   at InvokeStub_FlakyTests.Fails(Object, Object, IntPtr*)\n"
            + "   at System.Reflection.MethodBaseInvoker.InvokeWithNoArgs(Object obj, BindingFlags invokeAttr)\n"
            + "   at Xunit.Sdk.TestInvoker`1.CallTestMethod(Object testClassInstance)");
        var underTUnit = ErrorSignature.Compute("System.InvalidOperationException", "boom", Ours
            + "   at TUnit.Generated.Conformance_FlakyTests__TestSource.__Invoke(FlakyTests instance, Int32 methodIndex, Object[] args, CancellationToken cancellationToken)\n"
            + "--- End of stack trace from previous location ---\n"
            + "   at TUnit.Core.ExecutableTest`1.InvokeTestAsync(Object instance, CancellationToken cancellationToken)\n"
            + "   at Hologram.Testing.TUnit.Sdk.HologramTestExecutor.ExecuteTest(TestContext context, Func`1 action)");

        Assert.Equal(plain, underXunit);
        Assert.Equal(plain, underNUnit);
        Assert.Equal(plain, retriedUnderXunit);
        Assert.Equal(plain, underTUnit);
        Assert.NotEqual(plain, ErrorSignature.Compute("System.InvalidOperationException", "boom", Ours + "   at My.Caller.Run()"));
    }
}
