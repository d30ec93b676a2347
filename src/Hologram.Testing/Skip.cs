using System.Diagnostics.CodeAnalysis;

namespace Hologram.Testing;

/// <summary>Skips the running test at run time; the adapter reports it as skipped with the reason.</summary>
public static class Skip
{
    /// <summary>Skips the test when <paramref name="condition"/> is true.</summary>
    /// <param name="condition">When true, the test ends here as skipped.</param>
    /// <param name="reason">Why the test is skipped; shown by the test runner.</param>
    public static void If([DoesNotReturnIf(true)] bool condition, string reason)
    {
        if (condition)
        {
            throw new SkipException(reason);
        }
    }

    /// <summary>Skips the test unless <paramref name="condition"/> is true.</summary>
    /// <param name="condition">When false, the test ends here as skipped.</param>
    /// <param name="reason">Why the test is skipped; shown by the test runner.</param>
    public static void Unless([DoesNotReturnIf(false)] bool condition, string reason)
    {
        if (!condition)
        {
            throw new SkipException(reason);
        }
    }

    /// <summary>Skips the test unconditionally.</summary>
    /// <param name="reason">Why the test is skipped; shown by the test runner.</param>
    [DoesNotReturn]
    public static void Test(string reason) => throw new SkipException(reason);
}
