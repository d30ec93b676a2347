using System.Text.RegularExpressions;
using Npgsql;

namespace Hologram.Testing.History.Storage;

/// <summary>Where a history store lives, parsed from the <c>Store</c> setting.</summary>
public sealed partial record StoreLocation
{
    private StoreLocation(bool isSqlite, string target, string description)
    {
        IsSqlite = isSqlite;
        Target = target;
        Description = description;
    }

    /// <summary>True for SQLite, false for PostgreSQL.</summary>
    public bool IsSqlite { get; }

    /// <summary>The absolute SQLite file path, or the Npgsql connection string.</summary>
    public string Target { get; }

    /// <summary>For messages: <c>sqlite:/abs/path</c> or <c>postgresql://user@host:port/db</c>, never a password.</summary>
    public string Description { get; }

    /// <summary>Parses <paramref name="store"/>; relative SQLite paths resolve against <paramref name="repositoryRoot"/>.</summary>
    public static StoreLocation Parse(string store, string repositoryRoot)
    {
        ArgumentNullException.ThrowIfNull(store);
        var text = store.Trim();
        if (text.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase))
        {
            var path = text["sqlite:".Length..].Trim();
            if (path.Length == 0)
            {
                throw Bad(text, "needs a file path after 'sqlite:', e.g. 'sqlite:reports/hologram.db'");
            }

            string full;
            try
            {
                full = Path.GetFullPath(Path.Combine(string.IsNullOrEmpty(repositoryRoot) ? Directory.GetCurrentDirectory() : repositoryRoot, path));
            }
            catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
            {
                throw Bad(text, $"is not a valid file path: {ex.Message}");
            }

            return new StoreLocation(true, full, "sqlite:" + full);
        }

        NpgsqlConnectionStringBuilder builder;
        if (text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            builder = FromUrl(text);
        }
        else if (LooksLikeConnectionString(text))
        {
            try
            {
                builder = new NpgsqlConnectionStringBuilder(text);
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException)
            {
                throw Bad(text, $"is not a valid PostgreSQL connection string: {ex.Message}");
            }
        }
        else
        {
            throw Bad(text, "is neither 'sqlite:<path>' nor a PostgreSQL connection string ('Host=…;Username=…') or 'postgres://user:pass@host:port/db' URL");
        }

        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            throw Bad(text, "names no PostgreSQL host");
        }

        var port = builder.Port == 0 ? 5432 : builder.Port;
        var user = string.IsNullOrEmpty(builder.Username) ? string.Empty : builder.Username + "@";
        var description = $"postgresql://{user}{builder.Host}:{port}/{builder.Database}";
        if (!string.IsNullOrEmpty(builder.SearchPath))
        {
            description += "?search_path=" + builder.SearchPath;
        }

        return new StoreLocation(false, builder.ConnectionString, description);
    }

    /// <summary>Why <paramref name="store"/> names no store (e.g. <c>bogus://x</c>), or null when it parses.</summary>
    /// <param name="store">The <c>Store</c> setting.</param>
    internal static string? Problem(string store)
    {
        try
        {
            Parse(store, Directory.GetCurrentDirectory());
            return null;
        }
        catch (ArgumentException e)
        {
            return e is StoreLocationException bad ? bad.Problem : e.Message;
        }
    }

    /// <summary>The store string with any password replaced by <c>***</c>.</summary>
    public static string Mask(string store) =>
        UrlPassword().Replace(KeyPassword().Replace(store, "$1***"), "$1***$2");

    private static bool LooksLikeConnectionString(string text) =>
        text.Contains('=', StringComparison.Ordinal)
        && (HostKey().IsMatch(text));

    private static NpgsqlConnectionStringBuilder FromUrl(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw Bad(text, "is not a valid 'postgres://user:pass@host:port/db' URL");
        }

        var builder = new NpgsqlConnectionStringBuilder { Host = uri.Host };
        if (uri.Port > 0)
        {
            builder.Port = uri.Port;
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            if (colon >= 0)
            {
                builder.Password = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
            }
        }

        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length > 0)
        {
            builder.Database = database;
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
            var value = eq < 0 ? string.Empty : Uri.UnescapeDataString(pair[(eq + 1)..]);
            try
            {
                builder[key.Replace('_', ' ')] = value;
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException)
            {
                throw Bad(text, $"has an unsupported URL parameter '{key}': {ex.Message}");
            }
        }

        return builder;
    }

    private static StoreLocationException Bad(string store, string problem) =>
        new(HistoryStoreException.OneLine($"Store '{Mask(store)}' {problem}."), HistoryStoreException.OneLine(problem));

    /// <summary>A <c>Store</c> value that does not parse; <see cref="Problem"/> is the message without the value.</summary>
    private sealed class StoreLocationException(string message, string problem) : ArgumentException(message, "store")
    {
        public string Problem { get; } = problem;
    }

    [GeneratedRegex(@"(?i)(?:^|;)\s*(host|server)\s*=")]
    private static partial Regex HostKey();

    [GeneratedRegex(@"(?i)((?:password|pwd)\s*=\s*)[^;]*")]
    private static partial Regex KeyPassword();

    [GeneratedRegex(@"(?i)(://[^:/@\s]*:)[^@/\s]*(@)")]
    private static partial Regex UrlPassword();
}
