namespace Hologram.Testing.Sdk;

/// <summary>
/// The stable test id scheme shared by every adapter: <c>Namespace.Class.Method</c>, followed by the argument list
/// <c>(…)</c> for a data row that the framework enumerated before the run, with secrets in the arguments redacted.
/// Used for sharding, history and filters.
/// </summary>
public static class TestIds
{
    /// <summary>Builds a test id.</summary>
    /// <param name="className">The full class name (nested classes with <c>+</c>).</param>
    /// <param name="methodName">The method name.</param>
    /// <param name="arguments">The formatted argument list including parentheses, or null for a whole test method.</param>
    public static string Create(string className, string methodName, string? arguments = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(className);
        ArgumentException.ThrowIfNullOrEmpty(methodName);
        // Data-row arguments can carry secrets (connection strings, tokens); ids are stored and reported, so they are
        // redacted here, once, which keeps them stable for sharding, history and quarantine alike.
        return string.IsNullOrEmpty(arguments)
            ? $"{className}.{methodName}"
            : $"{className}.{methodName}{Security.SecretRedactor.Default.Redact(arguments)}";
    }

    /// <summary>
    /// Formats a data row's arguments the way xUnit shows them, so every adapter builds the same id for the same row:
    /// <c>(name: value, …)</c> with strings in double quotes, characters in single quotes, <c>null</c>, and numbers in the
    /// invariant culture.
    /// </summary>
    /// <param name="parameterNames">The method's parameter names, in order.</param>
    /// <param name="values">The row's values, in order.</param>
    public static string FormatArguments(IReadOnlyList<string> parameterNames, IReadOnlyList<object?> values)
    {
        ArgumentNullException.ThrowIfNull(parameterNames);
        ArgumentNullException.ThrowIfNull(values);
        var parts = new string[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            var value = values[i] switch
            {
                null => "null",
                string text => "\"" + text + "\"",
                char c => "'" + c + "'",
                bool b => b ? "True" : "False",
                IFormattable formattable => formattable.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
                var other => other.ToString() ?? string.Empty,
            };
            parts[i] = i < parameterNames.Count ? $"{parameterNames[i]}: {value}" : value;
        }

        return "(" + string.Join(", ", parts) + ")";
    }
}
