namespace Hologram.Testing.Cli.Annotations;

/// <summary>One finding shown by the CI system next to the job (and next to the file and line when they are known).</summary>
/// <param name="Level">Error, warning or notice.</param>
/// <param name="Title">A short title, e.g. <c>perf budget breached: verify</c>.</param>
/// <param name="Message">The finding; may span several lines.</param>
/// <param name="File">The file it is about (absolute, or relative to the current directory), or null.</param>
/// <param name="Line">The 1-based line in <paramref name="File"/>, or null.</param>
internal sealed record Annotation(AnnotationLevel Level, string Title, string Message, string? File = null, int? Line = null);
