using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal.Commands;

namespace Hologram.Testing.NUnit.Sdk;

/// <summary>Wraps a test's command in <see cref="HologramTestCommand"/>; NUnit applies it as the outermost decorator.</summary>
internal sealed class HologramRepeat(NUnitRun run) : IRepeatTest
{
    public TestCommand Wrap(TestCommand command) => new HologramTestCommand(command, run);
}
