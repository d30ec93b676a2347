namespace Hologram.Testing.Sdk;

/// <summary>
/// The semantics of every adapter's retry attribute, defined once: a failed test gets up to <see cref="Retries"/> extra
/// attempts, overriding the profile's <c>Retries</c>; on a method or a class, the nearest wins; <c>0</c> turns retries
/// off. Every attempt is recorded, and a test that fails and then passes is reported as passed and recorded as a flake.
/// The other properties override the <c>Retry:*</c> setting of the same name for this test; one left unset keeps the
/// setting. A bad value fails the test with one line naming the property.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
public abstract class TestRetryAttribute : Attribute
{
    private int? _delayMs;
    private RetryBackoff? _backoff;
    private int? _maxDelayMs;
    private bool? _jitter;
    private bool? _onlyKnownFlaky;

    /// <summary>Creates the attribute.</summary>
    /// <param name="retries">Extra attempts after a failure (0 = none).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="retries"/> is negative.</exception>
    protected TestRetryAttribute(int retries)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(retries);
        Retries = retries;
    }

    /// <summary>Extra attempts after a failure.</summary>
    public int Retries { get; }

    /// <summary>The wait in milliseconds before the first retry (<c>Retry:DelayMs</c>); -1 when not set here.</summary>
    public int DelayMs { get => _delayMs ?? -1; set => _delayMs = value; }

    /// <summary>How the wait grows with each retry (<c>Retry:Backoff</c>).</summary>
    public RetryBackoff Backoff { get => _backoff ?? RetryBackoff.Constant; set => _backoff = value; }

    /// <summary>The longest wait in milliseconds before any retry, 0 for no cap (<c>Retry:MaxDelayMs</c>); -1 when not set here.</summary>
    public int MaxDelayMs { get => _maxDelayMs ?? -1; set => _maxDelayMs = value; }

    /// <summary>Whether each wait is spread randomly over 75% to 125% of its value (<c>Retry:Jitter</c>).</summary>
    public bool Jitter { get => _jitter ?? false; set => _jitter = value; }

    /// <summary>
    /// The exception types whose failures are retried, derived types included (<c>Retry:ExceptionTypes</c>); with
    /// <see cref="MessagePatterns"/>, a failure matching either is retried. Set here, both lists replace the settings'.
    /// </summary>
    public Type[]? ExceptionTypes { get; set; }

    /// <summary>Regular expressions; a failure whose message one of them matches is retried (<c>Retry:MessagePatterns</c>).</summary>
    public string[]? MessagePatterns { get; set; }

    /// <summary>Whether the test is retried only when the history knows it as flaky (<c>Retry:OnlyKnownFlaky</c>).</summary>
    public bool OnlyKnownFlaky { get => _onlyKnownFlaky ?? false; set => _onlyKnownFlaky = value; }

    internal int? DelayMsOverride => _delayMs;

    internal RetryBackoff? BackoffOverride => _backoff;

    internal int? MaxDelayMsOverride => _maxDelayMs;

    internal bool? JitterOverride => _jitter;

    internal bool? OnlyKnownFlakyOverride => _onlyKnownFlaky;
}
