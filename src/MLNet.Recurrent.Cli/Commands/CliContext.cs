namespace MLNet.Recurrent.Cli.Commands;

/// <summary>Where a command writes: results on <see cref="Out"/>, nothing but the error line on <see cref="Error"/>.</summary>
/// <param name="Out">Standard output (results, progress, JSON lines).</param>
/// <param name="Error">Standard error (the one-line error message).</param>
internal sealed record CliContext(TextWriter Out, TextWriter Error);
