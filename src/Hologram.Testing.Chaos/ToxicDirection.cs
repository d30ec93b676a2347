namespace Hologram.Testing.Chaos;

/// <summary>Which way through the proxy a toxic acts on data.</summary>
public enum ToxicDirection
{
    /// <summary>From the proxy to the client: responses.</summary>
    Downstream,

    /// <summary>From the client to the upstream service: requests.</summary>
    Upstream,

    /// <summary>Both ways.</summary>
    Both,
}
