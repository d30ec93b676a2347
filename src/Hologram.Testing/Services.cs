namespace Hologram.Testing;

/// <summary>
/// Declares the external services a test needs. A service is named (<c>IPFS_API</c>, <c>GRAPHQL_URL</c>, …) and its
/// endpoint comes from <c>Hologram:Services:&lt;NAME&gt;</c> or the environment variable <c>&lt;NAME&gt;</c>.
/// </summary>
public static class Services
{
    private static readonly Lazy<ServiceProbe> DefaultProbe =
        new(() => new ServiceProbe(HologramContext.Options.ServiceConnectTimeout));

    /// <summary>
    /// Returns the endpoint of service <paramref name="name"/>, or skips the test (naming the service and endpoint)
    /// when it is not configured or does not accept a TCP connection within the configured connect timeout.
    /// </summary>
    /// <param name="name">The service name, e.g. <c>IPFS_API</c>.</param>
    /// <returns>The configured endpoint, e.g. <c>http://127.0.0.1:5001</c>.</returns>
    public static string Require(string name) => RequireAsync(name).GetAwaiter().GetResult();

    /// <summary>Asynchronous form of <see cref="Require(string)"/>.</summary>
    /// <param name="name">The service name, e.g. <c>IPFS_API</c>.</param>
    /// <returns>The configured endpoint.</returns>
    public static async Task<string> RequireAsync(string name)
    {
        var (endpoint, problem) = await CheckAsync(name, HologramContext.Options, DefaultProbe.Value).ConfigureAwait(false);
        if (problem is not null)
        {
            throw new SkipException(problem);
        }

        return endpoint!;
    }

    /// <summary>True when service <paramref name="name"/> is configured and accepts a TCP connection.</summary>
    /// <param name="name">The service name.</param>
    public static bool IsAvailable(string name) =>
        CheckAsync(name, HologramContext.Options, DefaultProbe.Value).GetAwaiter().GetResult().Problem is null;

    /// <summary>Resolves and probes a service; returns its endpoint, or the skip reason when it cannot be used.</summary>
    /// <param name="name">The service name (a <c>Services:&lt;NAME&gt;</c> key or environment variable).</param>
    /// <param name="options">The configuration to resolve it in.</param>
    /// <param name="probe">The reachability probe.</param>
    public static async Task<(string? Endpoint, string? Problem)> CheckAsync(string name, HologramOptions options, ServiceProbe probe)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!options.TryGetService(name, out var configured) || string.IsNullOrWhiteSpace(configured))
        {
            return (null, $"service {name} is not configured (set environment variable {name} or Hologram:Services:{name})");
        }

        if (!ServiceEndpoint.TryParse(configured, out var endpoint))
        {
            return (null, $"service {name} endpoint '{configured}' is not a URL or host:port");
        }

        var problem = await probe.ProbeAsync(endpoint).ConfigureAwait(false);
        return problem is null
            ? (configured, null)
            : (null, $"service {name} at {configured} is not reachable ({problem})");
    }
}
