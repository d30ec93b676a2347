using Hologram.Testing.History;

namespace Hologram.Testing.Cli.Ingest;

/// <summary>One results file read whole: the run it describes and every attempt of every test in it, numbered.</summary>
/// <param name="Path">The file, as given.</param>
/// <param name="Format"><c>trx</c> or <c>junit</c>.</param>
/// <param name="Run">The run: id derived from the file (so reading it again gives the same), times, host, assembly.</param>
/// <param name="Attempts">Every attempt, grouped by test in file order; the last attempt of a test is its final one.</param>
/// <param name="PassedOnRetry">Tests that failed and then passed within the run, with the signature of the failure.</param>
internal sealed record ResultFile(
    string Path, string Format, RunInfo Run, IReadOnlyList<TestAttempt> Attempts, IReadOnlyList<(string TestId, string? Signature)> PassedOnRetry);
