using System.Globalization;

namespace Hologram.Testing;

/// <summary>A service address as configured (<c>http://host:port/…</c> or <c>host:port</c>), with the host and port to probe.</summary>
public sealed record ServiceEndpoint(string Value, string Host, int Port)
{
    /// <summary>Parses a configured endpoint; returns false when it is neither an absolute URL with a host nor <c>host:port</c>.</summary>
    public static bool TryParse(string? value, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ServiceEndpoint? endpoint)
    {
        endpoint = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var text = value.Trim();
        if (text.Contains("://", StringComparison.Ordinal))
        {
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.Host))
            {
                var port = uri.Port > 0 ? uri.Port : DefaultPort(uri.Scheme);
                if (port > 0)
                {
                    endpoint = new ServiceEndpoint(text, uri.IdnHost.Trim('[', ']'), port);
                    return true;
                }
            }

            return false;
        }

        var colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1)
        {
            return false;
        }

        var host = text[..colon].Trim('[', ']');
        if (host.Length == 0 || host.Contains('/', StringComparison.Ordinal)
            || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var p)
            || p is < 1 or > 65535)
        {
            return false;
        }

        endpoint = new ServiceEndpoint(text, host, p);
        return true;
    }

    private static int DefaultPort(string scheme) => scheme.ToUpperInvariant() switch
    {
        "HTTP" or "WS" => 80,
        "HTTPS" or "WSS" => 443,
        "POSTGRES" or "POSTGRESQL" => 5432,
        "REDIS" => 6379,
        _ => -1,
    };

    /// <inheritdoc />
    public override string ToString() => Value;
}
