namespace Hologram.Testing.Configuration;

/// <summary>How a user-chosen name (a budget, a service, a profile) is stored.</summary>
internal enum NameCase
{
    AsWritten,
    Lower,
}

/// <summary>A node of the configuration key tree: a value, an object with fixed keys, or a map of user-chosen names.</summary>
internal sealed class KeyNode
{
    private readonly Dictionary<string, (string Name, KeyNode Node)> children = new(StringComparer.OrdinalIgnoreCase);

    public bool IsLeaf { get; private init; }

    /// <summary>True for a value that is a list: a JSON array of strings, or one string of items separated by <c>;</c>.</summary>
    public bool IsList { get; private init; }

    public KeyNode? MapValue { get; private init; }

    public NameCase MapNameCase { get; private init; }

    public IEnumerable<string> ChildNames => children.Values.Select(c => c.Name);

    public static KeyNode Leaf() => new() { IsLeaf = true };

    public static KeyNode List() => new() { IsLeaf = true, IsList = true };

    public static KeyNode Map(KeyNode value, NameCase nameCase) => new() { MapValue = value, MapNameCase = nameCase };

    public static KeyNode Object(params string[] leaves)
    {
        var node = new KeyNode();
        foreach (var leaf in leaves)
        {
            node.Add(leaf, Leaf());
        }

        return node;
    }

    public void Add(string name, KeyNode node) => children.Add(name, (name, node));

    /// <summary>Finds the child for <paramref name="segment"/>; returns its canonical spelling.</summary>
    public bool TryGetChild(string segment, out string canonical, out KeyNode child)
    {
        if (MapValue is not null)
        {
            canonical = MapNameCase == NameCase.Lower ? segment.ToLowerInvariant() : segment;
            child = MapValue;
            return segment.Length > 0;
        }

        if (children.TryGetValue(segment, out var found))
        {
            canonical = found.Name;
            child = found.Node;
            return true;
        }

        canonical = segment;
        child = this;
        return false;
    }

    /// <summary>The closest known child name to a misspelt <paramref name="segment"/>, if any is close.</summary>
    public string? Suggest(string segment)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var name in ChildNames)
        {
            var distance = segment.Length >= 3 && name.StartsWith(segment, StringComparison.OrdinalIgnoreCase)
                ? 1
                : EditDistance(segment.ToUpperInvariant(), name.ToUpperInvariant());
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = name;
            }
        }

        return bestDistance <= Math.Max(2, segment.Length / 3) ? best : null;
    }

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
