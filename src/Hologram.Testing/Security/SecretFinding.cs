namespace Hologram.Testing.Security;

/// <summary>A secret found in a text: where it is, what kind it is and its value.</summary>
/// <param name="Kind">The kind, one of <see cref="SecretKind"/> or a custom pattern's kind.</param>
/// <param name="Index">The position of the secret in the text.</param>
/// <param name="Length">The length of the secret.</param>
/// <param name="Value">The secret itself: never print it, use <see cref="Masked"/>.</param>
public readonly record struct SecretFinding(string Kind, int Index, int Length, string Value)
{
    /// <summary>A printable form that shows at most the first four characters of a long secret.</summary>
    public string Masked => Mask(Value);

    /// <summary>Masks a secret: <c>ghp_********</c> for long values, <c>********</c> otherwise.</summary>
    public static string Mask(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length >= 16 ? string.Concat(value.AsSpan(0, 4), "********") : "********";
    }

    /// <summary>Keeps the value out of logs and debugger displays.</summary>
    public override string ToString() => $"{Kind} at {Index} ({Masked})";
}
