using System.Diagnostics;
using System.Globalization;

namespace Hologram.Testing.Tests.Faults;

/// <summary>The suite a child test host runs: <see cref="Tests"/> tests, every <see cref="FlakyEvery"/>-th failing once and passing on retry.</summary>
internal sealed record SuitePlan(int Tests, int FlakyEvery)
{
    public bool IsFlaky(int index) => FlakyEvery > 0 && index % FlakyEvery == 0;

    /// <summary>Attempts the first <paramref name="tests"/> tests make (a flaky one makes two).</summary>
    public int AttemptsOf(int tests) => Enumerable.Range(0, Math.Min(tests, Tests)).Sum(i => IsFlaky(i) ? 2 : 1);

    public int FlakyTests => Enumerable.Range(0, Tests).Count(IsFlaky);
}

/// <summary>How a child suite run ended: its run id, the last "ran N" it printed, whether it was killed, its stderr.</summary>
internal sealed record SuiteResult(SuitePlan Plan, string? RunId, int Ran, bool Killed, int ExitCode, string Error)
{
    /// <summary>Attempts the child reported as run: none of them may be lost.</summary>
    public int AttemptsReported => Plan.AttemptsOf(Ran);

    /// <summary>At most this many can be recorded: the reported ones and the test in flight when it was killed.</summary>
    public int AttemptsPossible => Killed ? Plan.AttemptsOf(Ran + 1) : AttemptsReported;

    public void AssertCompleted()
    {
        Assert.False(Killed);
        Assert.True(ExitCode == 0, $"suite run exited {ExitCode}: {Error}");
        Assert.Equal(Plan.Tests, Ran);
    }
}

/// <summary>Runs a suite in a child process and reads its progress; kills it (SIGKILL) at a chosen point.</summary>
internal static class SuiteChild
{
    public static async Task<SuiteResult> RunAsync(Process process, SuitePlan plan, int? killAfter, Func<int, Task>? onRan, TimeSpan timeout)
    {
        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            string? runId = null;
            var ran = 0;
            var killed = false;
            using var cancel = new CancellationTokenSource(timeout);
            try
            {
                while (await process.StandardOutput.ReadLineAsync(cancel.Token) is { } line)
                {
                    if (line.StartsWith("run ", StringComparison.Ordinal))
                    {
                        runId = line[4..];
                    }
                    else if (line.StartsWith("ran ", StringComparison.Ordinal))
                    {
                        ran = int.Parse(line[4..], CultureInfo.InvariantCulture);
                        if (!killed && ran >= killAfter)
                        {
                            // SIGKILL on Unix: no finally block, no flush, no end-of-run work in the child.
                            process.Kill(entireProcessTree: true);
                            killed = true;
                        }
                        else if (onRan is not null && !killed)
                        {
                            await onRan(ran);
                        }
                    }
                }

                await process.WaitForExitAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"suite run did not end within {timeout}: ran {ran}; stderr: {await stderr}");
            }

            return new SuiteResult(plan, runId, ran, killed, process.ExitCode, (await stderr).Trim());
        }
    }
}
