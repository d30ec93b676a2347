using System.Runtime.CompilerServices;

// The hologram tool's assembly is named "hologram" (its command name), not "Hologram.Testing.Cli";
// it reads provenance and loads single profiles through internal configuration members.
[assembly: InternalsVisibleTo("hologram")]
