using Hologram.Testing.Sdk;
using Xunit.Sdk;

namespace Hologram.Testing.XunitV3.Sdk;

/// <summary>
/// Passes execution messages on; ends the Hologram run (flush, cross-run flakes, quarantine policy) just before the
/// assembly-finished message, so the runner never ends the test process in the middle of a write.
/// </summary>
internal sealed class SessionEndingSink(IMessageSink inner, AdapterRun run) : IMessageSink
{
    public bool OnMessage(IMessageSinkMessage message)
    {
        if (message is ITestAssemblyFinished)
        {
            // The sink is synchronous; the session's end does not capture a synchronization context.
            run.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        return inner.OnMessage(message);
    }
}
