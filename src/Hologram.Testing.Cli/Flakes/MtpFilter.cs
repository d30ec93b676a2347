using System.Text;

namespace Hologram.Testing.Cli.Flakes;

/// <summary>
/// Command-line options that make a Microsoft Testing Platform run (<c>dotnet test</c> in MTP mode, or the test
/// application itself) re-run exact tests, in the form the test framework accepts. Values are quoted for a POSIX shell
/// (single quotes) only when they need it, so an xUnit.net v3 line also works unquoted in <c>$(…)</c>.
/// </summary>
internal static class MtpFilter
{
    /// <summary>Characters with a meaning in a tree-node filter; a literal one is escaped with a backslash.</summary>
    private const string TreeNodeSpecial = "\\()|&[]=!*";

    /// <summary>The filter form of an adapter name as recorded with a run; unknown adapters get the VSTest expression, which MSTest and NUnit take.</summary>
    public static MtpFilterForm FormOf(string? framework) => framework?.ToLowerInvariant() switch
    {
        "xunit3" or "xunit.v3" or "xunitv3" => MtpFilterForm.XunitV3,
        { } name when name.StartsWith("tunit", StringComparison.Ordinal) => MtpFilterForm.TreeNode,
        _ => MtpFilterForm.VsTest,
    };

    /// <summary>
    /// The options for <paramref name="tests"/> in <paramref name="form"/>. A data row selects its method (every row of
    /// it re-runs). <paramref name="exact"/> is false when a tree-node filter over several classes also selects tests of
    /// the same method name in the other listed classes (the filter matches each level on its own, so it selects every
    /// combination of the listed namespaces, classes and methods).
    /// </summary>
    public static string Arguments(MtpFilterForm form, IReadOnlyCollection<FailedTest> tests, out bool exact)
    {
        exact = true;
        var methods = tests.Select(t => VsTestFilter.MethodOf(t.TestId)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        switch (form)
        {
            case MtpFilterForm.XunitV3:
                return string.Join(' ', methods.Select(m => "--filter-method " + Quote(m)));
            case MtpFilterForm.VsTest:
                return "--filter " + Quote(VsTestFilter.ForTests(methods));
            default:
                var parts = tests
                    .Select(t => Split(VsTestFilter.MethodOf(t.TestId), t.ClassName))
                    .Distinct()
                    .ToList();
                // Exact only when the tests are every combination of the namespaces, classes and methods listed.
                exact = parts.Count == parts.Select(p => p.Namespace).Distinct(StringComparer.Ordinal).Count()
                    * parts.Select(p => p.Class).Distinct(StringComparer.Ordinal).Count()
                    * parts.Select(p => p.Method).Distinct(StringComparer.Ordinal).Count();
                return "--treenode-filter " + Quote($"/*/{Segment(parts.Select(p => p.Namespace))}/{Segment(parts.Select(p => p.Class))}/{Segment(parts.Select(p => p.Method))}");
        }
    }

    /// <summary>Namespace, class and method of a test: the class name recorded with the test when the method id starts with it, else the id's last dots.</summary>
    private static (string Namespace, string Class, string Method) Split(string methodId, string className)
    {
        string type, method;
        if (className.Length > 0 && methodId.Length > className.Length + 1 && methodId.StartsWith(className + ".", StringComparison.Ordinal))
        {
            type = className;
            method = methodId[(className.Length + 1)..];
        }
        else
        {
            var dot = methodId.LastIndexOf('.');
            type = dot > 0 ? methodId[..dot] : string.Empty;
            method = dot > 0 ? methodId[(dot + 1)..] : methodId;
        }

        var nsDot = type.LastIndexOf('.');
        return nsDot > 0 ? (type[..nsDot], type[(nsDot + 1)..], method) : ("*", type.Length == 0 ? "*" : type, method);
    }

    /// <summary>One tree-node segment: the value, or <c>(a)|(b)</c> for several.</summary>
    private static string Segment(IEnumerable<string> values)
    {
        var distinct = values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(v => v == "*" ? v : EscapeTreeNode(v)).ToList();
        return distinct.Count == 1 ? distinct[0] : string.Join('|', distinct.Select(v => $"({v})"));
    }

    private static string EscapeTreeNode(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (TreeNodeSpecial.Contains(c, StringComparison.Ordinal))
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>The value as one POSIX shell word: unchanged when it has only safe characters, else in single quotes.</summary>
    public static string Quote(string value)
    {
        if (value.Length > 0 && value.All(c => char.IsLetterOrDigit(c) || "._+-,:=/@%".Contains(c, StringComparison.Ordinal)))
        {
            return value;
        }

        return "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }
}
