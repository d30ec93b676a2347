using System.Collections;
using System.Reflection;
using Hologram.Testing.History;

namespace Hologram.Testing.Conformance.Tests;

/// <summary>
/// Compares the recorded attempts of two adapters field by field. Every property of <see cref="TestAttempt"/> is
/// compared for equality unless it is named here as the run's or the framework's own (then only its presence is
/// checked), so a field added to the record is compared from the day it exists.
/// </summary>
public static class AttemptFields
{
    /// <summary>Fields that differ by nature: the run's id, the name the framework's runner shows.</summary>
    private static readonly HashSet<string> FrameworkOwn = [nameof(TestAttempt.RunId), nameof(TestAttempt.DisplayName)];

    /// <summary>Fields whose value depends on the clock: each must be present (positive, or a real time).</summary>
    private static readonly HashSet<string> Present = [nameof(TestAttempt.DurationMs), nameof(TestAttempt.FinishedAt)];

    private static readonly PropertyInfo[] Properties = typeof(TestAttempt).GetProperties(BindingFlags.Public | BindingFlags.Instance);

    /// <summary>Every difference between the attempts of two runs, one line each, attempts paired by test id and number.</summary>
    public static IReadOnlyList<string> Differences(IReadOnlyList<TestAttempt> expected, IReadOnlyList<TestAttempt> actual)
    {
        var differences = new List<string>();
        var byKey = actual.ToDictionary(a => (a.TestId, a.Attempt));
        foreach (var attempt in expected)
        {
            if (!byKey.Remove((attempt.TestId, attempt.Attempt), out var other))
            {
                differences.Add($"{attempt.TestId} #{attempt.Attempt}: missing");
                continue;
            }

            foreach (var property in Properties)
            {
                var (a, b) = (property.GetValue(attempt), property.GetValue(other));
                if (Present.Contains(property.Name))
                {
                    if (!IsPresent(b))
                    {
                        differences.Add($"{attempt.TestId} #{attempt.Attempt} {property.Name}: not recorded ({b})");
                    }
                }
                else if (!FrameworkOwn.Contains(property.Name) && !Equal(a, b))
                {
                    differences.Add($"{attempt.TestId} #{attempt.Attempt} {property.Name}: {Show(a)} ≠ {Show(b)}");
                }
            }
        }

        differences.AddRange(byKey.Keys.Select(k => $"{k.TestId} #{k.Attempt}: not expected"));
        return differences;
    }

    private static bool IsPresent(object? value) => value switch
    {
        double d => double.IsFinite(d) && d >= 0,
        DateTimeOffset t => t > DateTimeOffset.UnixEpoch,
        _ => value is not null,
    };

    private static bool Equal(object? a, object? b) =>
        a is IEnumerable x and not string && b is IEnumerable y and not string
            ? x.Cast<object>().Select(o => o.ToString()).Order(StringComparer.Ordinal)
                .SequenceEqual(y.Cast<object>().Select(o => o.ToString()).Order(StringComparer.Ordinal))
            : Equals(a, b);

    private static string Show(object? value) =>
        value is IEnumerable e and not string ? "[" + string.Join(",", e.Cast<object>()) + "]" : value?.ToString() ?? "null";
}
