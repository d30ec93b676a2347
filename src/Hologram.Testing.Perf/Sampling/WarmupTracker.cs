using System.Runtime;

namespace Hologram.Testing.Perf.Sampling;

/// <summary>
/// Decides when warm-up is over: at least the configured calls, at least the minimum time, and — when the JIT must
/// settle — at least <see cref="SamplingPlan.TierUpCalls"/> calls (or 1 s) with no method compiled anywhere in the
/// process for <see cref="SamplingPlan.JitQuietTime"/>. <see cref="SamplingPlan.MaxWarmupTime"/> ends it regardless.
/// </summary>
internal sealed class WarmupTracker
{
    private readonly SamplingPlan _plan;
    private readonly Func<long> _compiledMethods;
    private readonly long _start;
    private long _lastCount;
    private long _lastChange;

    public WarmupTracker(SamplingPlan plan, Func<long>? compiledMethods = null)
    {
        _plan = plan;
        _compiledMethods = compiledMethods ?? (static () => JitInfo.GetCompiledMethodCount(currentThread: false));
        _start = plan.Time.GetTimestamp();
        _lastChange = _start;
        _lastCount = _compiledMethods();
    }

    public int Calls { get; private set; }

    public bool JitSettled { get; private set; }

    public TimeSpan Elapsed => _plan.Time.GetElapsedTime(_start);

    /// <summary>Counts one finished call and says whether warm-up may end now.</summary>
    public bool CallFinished()
    {
        Calls++;
        var now = _plan.Time.GetTimestamp();
        var count = _compiledMethods();
        if (count != _lastCount)
        {
            _lastCount = count;
            _lastChange = now;
        }

        var elapsed = _plan.Time.GetElapsedTime(_start, now);
        if (Calls < _plan.WarmupCalls || elapsed < _plan.MinWarmupTime)
        {
            return elapsed >= _plan.MaxWarmupTime && Calls >= 1;
        }

        if (!_plan.SettleJit)
        {
            return true;
        }

        var enoughCalls = Calls >= SamplingPlan.TierUpCalls || elapsed >= SamplingPlan.TierUpTimeAlternative;
        var quiet = _plan.Time.GetElapsedTime(_lastChange, now) >= _plan.JitQuietTime;
        if (enoughCalls && quiet)
        {
            JitSettled = true;
            return true;
        }

        return elapsed >= _plan.MaxWarmupTime;
    }
}
