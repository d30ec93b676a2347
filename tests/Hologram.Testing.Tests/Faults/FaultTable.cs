using System.Globalization;
using Xunit.Abstractions;

namespace Hologram.Testing.Tests.Faults;

/// <summary>One row of the fault-injection table: what a scenario ran and what the store (or spool) holds afterwards.</summary>
internal sealed record FaultRow(string Scenario, int Runs, string Expected, int Recorded, int Duplicates, string Audit)
{
    public const string Header = "| scenario | runs | attempts expected | attempts recorded | duplicates | audit entries / real changes |";

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"| {Scenario} | {Runs} | {Expected} | {Recorded} | {Duplicates} | {Audit} |");
}

/// <summary>
/// Prints each scenario's row to the test output and, when <c>HOLOGRAM_FAULT_TABLE</c> names a file, appends it there
/// (bench/faults/run.sh prints that file as one table).
/// </summary>
internal static class FaultTable
{
    private static readonly Lock Gate = new();

    public static void Print(ITestOutputHelper output, FaultRow row)
    {
        output.WriteLine(FaultRow.Header);
        output.WriteLine(row.ToString());
        if (Environment.GetEnvironmentVariable("HOLOGRAM_FAULT_TABLE") is { Length: > 0 } file)
        {
            lock (Gate)
            {
                File.AppendAllText(file, row + Environment.NewLine);
            }
        }
    }

    /// <summary>"13 / 13": audit entries against real quarantine changes (entries that changed a test's state).</summary>
    public static string Audit(StoreLedger ledger) =>
        string.Create(CultureInfo.InvariantCulture, $"{ledger.QuarantineAudit + ledger.ReleaseAudit} / {ledger.RealChanges}");

    /// <summary>One audit entry per real change, and the quarantine table agrees with the last entry of every test.</summary>
    public static void AssertAudit(StoreLedger ledger)
    {
        Assert.Equal(0, ledger.RedundantAudit);
        Assert.Equal(0, ledger.StateMismatches);
    }
}
