namespace Hologram.Testing.Cli.Doctor;

/// <summary>The result of one readiness check: what was checked, what was found and, when it failed, how to fix it.</summary>
/// <param name="Name">What was checked.</param>
/// <param name="Ok">Whether it passed.</param>
/// <param name="Finding">What was found.</param>
/// <param name="Fix">How to fix a failure, or null.</param>
/// <param name="File">The file the problem is in (e.g. <c>hologram.json</c>), when known.</param>
/// <param name="Line">The 1-based line of the problem in <paramref name="File"/>, when known.</param>
internal sealed record ReadinessCheck(string Name, bool Ok, string Finding, string? Fix = null, string? File = null, int? Line = null)
{
    /// <summary>One line: <c>✓ name: finding</c> or <c>✗ name: finding — fix: …</c>.</summary>
    public override string ToString() => Ok ? $"✓ {Name}: {Finding}" : $"✗ {Name}: {Finding}{(Fix is null ? string.Empty : " — fix: " + Fix)}";
}
