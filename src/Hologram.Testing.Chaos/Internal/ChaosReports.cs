using Hologram.Testing.Reports;
using Hologram.Testing.Security;

namespace Hologram.Testing.Chaos.Internal;

/// <summary>Where chaos reports and logs go, <see cref="ReportsLayout.ChaosDirectory"/> unless the options name a folder.</summary>
internal static class ChaosReports
{
    /// <summary>The chaos folder: <paramref name="overrideDirectory"/>, or <c>&lt;ReportsDir&gt;/chaos</c> when null.</summary>
    public static string Folder(string? overrideDirectory) =>
        overrideDirectory ?? ReportsLayout.For(HologramContext.Options).ChaosDirectory;

    /// <summary>
    /// Writes <paramref name="report"/> to <c>&lt;directory&gt;/&lt;name&gt;.json</c> (atomically, every string through
    /// <see cref="SecretRedactor.Default"/>); returns the path.
    /// </summary>
    public static string Write(string? directory, string name, ChaosReportFile report)
    {
        var path = Path.Combine(Folder(directory), ReportsLayout.ChaosReportFileName(name));
        report.Write(path);
        return path;
    }
}
