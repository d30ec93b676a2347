using Hologram.Testing.History;

namespace Hologram.Testing.Sdk;

/// <summary>
/// The messages a framework reported for one attempt of a test case, held back so that an attempt that will be retried
/// never reaches the runner, and sent on for the final attempt with the core's verdicts applied. Shared by adapters
/// whose frameworks report through a message bus (xUnit v2 and v3); thread-safe for concurrent adds.
/// </summary>
/// <typeparam name="TMessage">The framework's message type.</typeparam>
public sealed class HeldMessages<TMessage>
    where TMessage : class
{
    private readonly List<TMessage> _messages = [];
    private readonly Lock _gate = new();

    /// <summary>Holds back one message.</summary>
    /// <param name="message">The message, in the order the framework sent it.</param>
    public void Add(TMessage message)
    {
        lock (_gate)
        {
            _messages.Add(message);
        }
    }

    /// <summary>The held messages, in order.</summary>
    public IReadOnlyList<TMessage> Snapshot()
    {
        lock (_gate)
        {
            return [.. _messages];
        }
    }

    /// <summary>
    /// Sends the held messages on in order. The <c>i</c>-th message that carries a test's outcome gets verdict
    /// <c>i</c>: when the verdict is a skip, <paramref name="asSkip"/> gives the skip message to send instead of a
    /// failure (null for any other message). Once a failure became a skip, <paramref name="withTotals"/> gives the
    /// test case's closing message with its totals corrected (null for any other message).
    /// </summary>
    /// <param name="verdicts">The core's verdicts, one per outcome message.</param>
    /// <param name="isOutcome">True for a message that carries one test's outcome (passed, failed or skipped).</param>
    /// <param name="asSkip">The skip to send for a failure, given the verdict's reason; null when the message is not a failure.</param>
    /// <param name="withTotals">The corrected closing message given the number of failures turned into skips; null otherwise.</param>
    /// <param name="send">Sends one message to the runner.</param>
    /// <returns>How many failures were sent as skips.</returns>
    public int ForwardTo(
        IReadOnlyList<TestVerdict> verdicts,
        Func<TMessage, bool> isOutcome,
        Func<TMessage, string?, TMessage?> asSkip,
        Func<TMessage, int, TMessage?> withTotals,
        Action<TMessage> send)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        ArgumentNullException.ThrowIfNull(isOutcome);
        ArgumentNullException.ThrowIfNull(asSkip);
        ArgumentNullException.ThrowIfNull(withTotals);
        ArgumentNullException.ThrowIfNull(send);
        var translated = 0;
        var index = 0;
        foreach (var message in Snapshot())
        {
            var outgoing = message;
            if (isOutcome(message))
            {
                var verdict = index < verdicts.Count ? verdicts[index] : default;
                index++;
                if (verdict.ReportAs == TestOutcome.Skipped && asSkip(message, verdict.Reason) is { } skip)
                {
                    translated++;
                    outgoing = skip;
                }
            }
            else if (translated > 0 && withTotals(message, translated) is { } corrected)
            {
                outgoing = corrected;
            }

            send(outgoing);
        }

        return translated;
    }
}
