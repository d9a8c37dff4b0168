namespace MLNet.Recurrent;

/// <summary>
/// A column a pipeline step reads is missing or has the wrong type. The message names the argument, the column, what
/// was expected and what was found (for example "inputSchema: column 'Label' expected Boolean, found String").
/// </summary>
public sealed class SchemaMismatchException : ArgumentOutOfRangeException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="paramName">The argument that carried the schema (e.g. "input", "inputSchema").</param>
    /// <param name="columnName">The column concerned.</param>
    /// <param name="expected">What was expected, in words ("Single or Vector&lt;Single&gt;").</param>
    /// <param name="actual">What was found ("String", or "missing").</param>
    public SchemaMismatchException(string paramName, string columnName, string expected, string actual)
        : base(paramName, $"{paramName}: column '{columnName}' expected {expected}, found {actual}.")
    {
        ColumnName = columnName;
        Expected = expected;
        Actual = actual;
    }

    /// <summary>The column concerned.</summary>
    public string ColumnName { get; }

    /// <summary>What was expected.</summary>
    public string Expected { get; }

    /// <summary>What was found ("missing" when the column is absent).</summary>
    public string Actual { get; }

    /// <summary>Finds <paramref name="columnName"/> in <paramref name="schema"/> and checks its type.</summary>
    /// <param name="paramName">The argument that carried the schema.</param>
    /// <param name="schema">The schema.</param>
    /// <param name="columnName">The column to find.</param>
    /// <param name="expected">Expected type, in words.</param>
    /// <param name="accepts">Whether a found type is acceptable.</param>
    /// <returns>The column.</returns>
    /// <exception cref="SchemaMismatchException">Missing or unacceptable.</exception>
    public static DataViewSchema.Column Check(string paramName, DataViewSchema schema, string columnName, string expected,
        Func<DataViewType, bool> accepts)
    {
        var column = schema.GetColumnOrNull(columnName)
            ?? throw new SchemaMismatchException(paramName, columnName, expected, "missing");
        if (!accepts(column.Type))
        {
            throw new SchemaMismatchException(paramName, columnName, expected, column.Type.ToString() ?? "?");
        }

        return column;
    }

    /// <summary>Finds <paramref name="columnName"/> in <paramref name="shape"/> and checks it.</summary>
    /// <param name="paramName">The argument that carried the shape.</param>
    /// <param name="shape">The schema shape.</param>
    /// <param name="columnName">The column to find.</param>
    /// <param name="expected">Expected type, in words.</param>
    /// <param name="accepts">Whether a found column shape is acceptable.</param>
    /// <returns>The column shape.</returns>
    /// <exception cref="SchemaMismatchException">Missing or unacceptable.</exception>
    public static SchemaShape.Column Check(string paramName, SchemaShape shape, string columnName, string expected,
        Func<SchemaShape.Column, bool> accepts)
    {
        if (!shape.TryFindColumn(columnName, out var column))
        {
            throw new SchemaMismatchException(paramName, columnName, expected, "missing");
        }

        if (!accepts(column))
        {
            throw new SchemaMismatchException(paramName, columnName, expected, column.ToString());
        }

        return column;
    }
}
