namespace Hologram.Testing.Cli.Flakes;

/// <summary>A test whose final outcome failed, with what a filter needs to select it.</summary>
/// <param name="TestId">The test id (<c>Namespace.Class.Method</c>, plus <c>(args)</c> for a data row).</param>
/// <param name="ClassName">The fully qualified class name.</param>
/// <param name="Framework">The adapter that ran it (<c>xunit3</c>, <c>nunit</c>, …), or null when its run is not known.</param>
internal sealed record FailedTest(string TestId, string ClassName, string? Framework);
