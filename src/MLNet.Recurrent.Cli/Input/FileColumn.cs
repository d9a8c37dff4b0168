using MLNet.Recurrent.Data;

namespace MLNet.Recurrent.Cli.Input;

/// <summary>A column to load from a delimited file: its header name, the type to load it as, and the option that named it.</summary>
/// <param name="Name">The header name (0-based field index as text for a file without a header).</param>
/// <param name="Kind">The type the column loads as.</param>
/// <param name="Option">The command-line option that named it (for messages), e.g. "--label".</param>
internal sealed record FileColumn(string Name, DataKind Kind, string Option);
