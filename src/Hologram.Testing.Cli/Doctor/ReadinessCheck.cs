namespace Hologram.Testing.Cli.Doctor;

/// <summary>
/// The result of one readiness check: what was checked, what was found and, when it failed, how to fix it. A warning
/// passes (it does not fail <c>doctor</c>) but is shown with <c>!</c>, never with a tick.
/// </summary>
/// <param name="Name">What was checked.</param>
/// <param name="Ok">Whether it passed.</param>
/// <param name="Finding">What was found.</param>
/// <param name="Fix">How to fix a failure, or null.</param>
/// <param name="Warning">True for a check that passes with a note.</param>
/// <param name="File">The file the problem is in (e.g. <c>hologram.json</c>), when known.</param>
/// <param name="Line">The 1-based line of the problem in <paramref name="File"/>, when known.</param>
internal sealed record ReadinessCheck(string Name, bool Ok, string Finding, string? Fix = null, bool Warning = false, string? File = null, int? Line = null)
{
    /// <summary>One line: <c>✓ name: finding</c>, <c>! name: finding — note: …</c> or <c>✗ name: finding — fix: …</c>.</summary>
    public override string ToString() =>
        !Ok ? $"✗ {Name}: {Finding}{(Fix is null ? string.Empty : " — fix: " + Fix)}"
        : Warning ? $"! {Name}: {Finding}{(Fix is null ? string.Empty : " — note: " + Fix)}"
        : $"✓ {Name}: {Finding}";
}
