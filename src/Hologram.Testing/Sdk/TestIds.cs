namespace Hologram.Testing.Sdk;

/// <summary>
/// The stable test id scheme shared by every adapter: <c>Namespace.Class.Method</c>, followed by the argument list
/// <c>(…)</c> for a data row that the framework enumerated before the run, with secrets in the arguments redacted.
/// Used for sharding, history and filters. Two cases of one test method whose readable ids are equal (their arguments
/// differ only where the display form hides it) are told apart by <see cref="Resolve"/>: each gets a suffix
/// <c>#xxxxxxxx</c> derived from its own exact arguments, so ids are unique within an assembly and stable across runs,
/// shards and filters.
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

    /// <summary>
    /// Like <see cref="Resolve(IReadOnlyList{string}, IReadOnlyList{string})"/> over <paramref name="cases"/>, reading a
    /// case's exact key only when its readable id collides: formatting every row's arguments exactly cost more than the
    /// rest of the id on suites of long arguments.
    /// </summary>
    /// <typeparam name="TCase">The framework's test case type.</typeparam>
    /// <param name="cases">Every case of one method, in declaration order.</param>
    /// <param name="readable">A case's readable id (<see cref="Create"/>).</param>
    /// <param name="exactKey">A case's exact key (the framework's unique id or <see cref="ExactArguments"/>).</param>
    /// <returns>The ids, in the order of <paramref name="cases"/>.</returns>
    public static IReadOnlyList<string> Resolve<TCase>(IReadOnlyList<TCase> cases, Func<TCase, string> readable, Func<TCase, string> exactKey)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(readable);
        ArgumentNullException.ThrowIfNull(exactKey);
        return Resolve(cases.Select(readable).ToList(), new ExactKeys<TCase>(cases, exactKey));
    }

    /// <summary>
    /// Makes the ids of one test method's cases unique: a case whose readable id no other case shares keeps it; the
    /// cases that share one each get <c>#</c> and 8 hex digits of the FNV-1a 64-bit hash of their own exact key (the
    /// framework's unique id or <see cref="ExactArguments"/>); cases whose exact keys are equal too (identical rows)
    /// get <c>~n</c> after that, n counting them from 1 in declaration order.
    /// </summary>
    /// <param name="readableIds">The readable ids (<see cref="Create"/>) of every case of the method, in declaration order.</param>
    /// <param name="exactKeys">Per case, a text that tells its data apart exactly, in the same order.</param>
    /// <returns>The ids, in the same order.</returns>
    public static IReadOnlyList<string> Resolve(IReadOnlyList<string> readableIds, IReadOnlyList<string> exactKeys)
    {
        ArgumentNullException.ThrowIfNull(readableIds);
        ArgumentNullException.ThrowIfNull(exactKeys);
        if (readableIds.Count != exactKeys.Count)
        {
            throw new ArgumentException("One exact key is needed per id.", nameof(exactKeys));
        }

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var id in readableIds)
        {
            counts[id] = counts.GetValueOrDefault(id) + 1;
        }

        var result = new string[readableIds.Count];
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < readableIds.Count; i++)
        {
            var id = readableIds[i];
            if (counts[id] == 1)
            {
                result[i] = id;
                continue;
            }

            var suffixed = id + "#" + ShortHash(exactKeys[i]);
            var ordinal = seen[suffixed] = seen.GetValueOrDefault(suffixed) + 1;
            result[i] = suffixed;
            if (ordinal > 1)
            {
                result[i] = suffixed + "~" + ordinal.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        // The first of several identical rows is "~1" once a second one exists.
        for (var i = 0; i < readableIds.Count; i++)
        {
            if (counts[readableIds[i]] > 1 && seen.GetValueOrDefault(result[i]) > 1)
            {
                result[i] += "~1";
            }
        }

        return result;
    }

    /// <summary>
    /// An exact text of a data row's values, for <see cref="Resolve"/>: each value with its type, strings and characters
    /// in full with every character outside printable ASCII as <c>\uXXXX</c>, numbers round-trip in the invariant
    /// culture, arrays and other collections element by element.
    /// </summary>
    /// <param name="values">The row's values, in order.</param>
    public static string ExactArguments(IReadOnlyList<object?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var text = new System.Text.StringBuilder();
        foreach (var value in values)
        {
            AppendExact(text, value, 0);
            text.Append(';');
        }

        return text.ToString();
    }

    /// <summary>
    /// Makes the ids of one attempt's observations unique: the tests of one test case that the framework enumerated at
    /// run time (a theory whose rows are not known up front) and that share an id each get <c>~n</c>, n counting them
    /// from 1 in the order the framework ran them (the order of the data, the same in every run: such rows are never
    /// split by a shard or a filter). Observations whose ids are unique are returned as they are.
    /// </summary>
    /// <param name="observations">One attempt's observations, in order.</param>
    /// <returns>The observations with unique ids, in the same order.</returns>
    public static IReadOnlyList<TestObservation> Distinct(IReadOnlyList<TestObservation> observations)
    {
        ArgumentNullException.ThrowIfNull(observations);
        if (observations.Count < 2)
        {
            return observations;
        }

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var observation in observations)
        {
            counts[observation.TestId] = counts.GetValueOrDefault(observation.TestId) + 1;
        }

        if (counts.Count == observations.Count)
        {
            return observations;
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var result = new TestObservation[observations.Count];
        for (var i = 0; i < observations.Count; i++)
        {
            var observation = observations[i];
            if (counts[observation.TestId] == 1)
            {
                result[i] = observation;
                continue;
            }

            var ordinal = seen[observation.TestId] = seen.GetValueOrDefault(observation.TestId) + 1;
            result[i] = observation with
            {
                TestId = observation.TestId + "~" + ordinal.ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
        }

        return result;
    }

    internal static string ShortHash(string text) =>
        ((uint)(ShardSpec.Hash(text) >> 32)).ToString("x8", System.Globalization.CultureInfo.InvariantCulture);

    private static void AppendExact(System.Text.StringBuilder text, object? value, int depth)
    {
        if (value is null)
        {
            text.Append("null");
            return;
        }

        text.Append(value.GetType().FullName).Append(':');
        switch (value)
        {
            case string s:
                AppendEscaped(text, s);
                break;
            case char c:
                AppendEscaped(text, c.ToString());
                break;
            case double d:
                text.Append(d.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
                break;
            case float f:
                text.Append(f.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
                break;
            case IFormattable formattable:
                AppendEscaped(text, formattable.ToString(null, System.Globalization.CultureInfo.InvariantCulture));
                break;
            case System.Collections.IEnumerable items when depth < 4:
                text.Append('[');
                foreach (var item in items)
                {
                    AppendExact(text, item, depth + 1);
                    text.Append(',');
                }

                text.Append(']');
                break;
            default:
                AppendEscaped(text, value.ToString() ?? string.Empty);
                break;
        }
    }

    private static void AppendEscaped(System.Text.StringBuilder text, string value)
    {
        text.Append('"');
        foreach (var c in value)
        {
            if (c is >= ' ' and <= '~' and not '\\' and not '"')
            {
                text.Append(c);
            }
            else
            {
                text.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        text.Append('"');
    }

    /// <summary>The cases' exact keys, each read when asked for.</summary>
    private sealed class ExactKeys<TCase>(IReadOnlyList<TCase> cases, Func<TCase, string> key) : IReadOnlyList<string>
    {
        public int Count => cases.Count;

        public string this[int index] => key(cases[index]);

        public IEnumerator<string> GetEnumerator() => cases.Select(key).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
