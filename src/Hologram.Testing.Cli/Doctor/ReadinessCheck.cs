namespace Hologram.Testing.Cli.Doctor;

/// <summary>
/// The result of one readiness check: what was checked, what was found and, when it failed, how to fix it. A warning
/// passes (it does not fail <c>doctor</c>) but is shown with <c>!</c>, never with a tick.
/// </summary>
internal sealed record ReadinessCheck(string Name, bool Ok, string Finding, string? Fix = null, bool Warning = false)
{
    /// <summary>One line: <c>✓ name: finding</c>, <c>! name: finding — note: …</c> or <c>✗ name: finding — fix: …</c>.</summary>
    public override string ToString() =>
        !Ok ? $"✗ {Name}: {Finding}{(Fix is null ? string.Empty : " — fix: " + Fix)}"
        : Warning ? $"! {Name}: {Finding}{(Fix is null ? string.Empty : " — note: " + Fix)}"
        : $"✓ {Name}: {Finding}";
}
