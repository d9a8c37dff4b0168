using MLNet.Recurrent.Data;

namespace MLNet.Recurrent.Cli.Input;

/// <summary>A column to load from a delimited file: its header name, the type to load it as, and who named it (for messages).</summary>
/// <param name="Name">The header name (0-based field index as text for a file without a header).</param>
/// <param name="Kind">The type the column loads as.</param>
/// <param name="Role">
/// The option that named it ("--label"), or, for a column the model names, what it is to the model ("the model's
/// label column"): messages then blame <c>--data</c>.
/// </param>
internal sealed record FileColumn(string Name, DataKind Kind, string Role)
{
    /// <summary>Whether an option on the command line named the column.</summary>
    public bool NamedByOption => Role.StartsWith("--", StringComparison.Ordinal);
}
