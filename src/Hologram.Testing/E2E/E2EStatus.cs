namespace Hologram.Testing.E2E;

/// <summary>The values of the <c>status</c> field of an event.</summary>
public static class E2EStatus
{
    /// <summary>The step succeeded.</summary>
    public const string Pass = "pass";

    /// <summary>The step failed.</summary>
    public const string Fail = "fail";

    /// <summary>The step was skipped (e.g. its service is absent).</summary>
    public const string Skip = "skip";
}
