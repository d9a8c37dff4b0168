using MLNet.Recurrent.Data;

namespace MLNet.Recurrent.Transforms.Text;

/// <summary>The input check the tokenisers share: a String column, or a vector of String.</summary>
internal static class TextInput
{
    /// <summary>The expected type, in words.</summary>
    public const string Expected = "String or a vector of String";

    /// <summary>Finds and checks the text column in a schema.</summary>
    /// <param name="paramName">The argument that carried the schema.</param>
    /// <param name="schema">The schema.</param>
    /// <param name="columnName">The text column.</param>
    /// <returns>The column.</returns>
    /// <exception cref="SchemaMismatchException">Missing or not text.</exception>
    public static DataViewSchema.Column Check(string paramName, DataViewSchema schema, string columnName)
        => SchemaMismatchException.Check(paramName, schema, columnName, Expected, type => ItemTypes.ItemOf(type) is TextDataViewType);

    /// <summary>Finds and checks the text column in a schema shape.</summary>
    /// <param name="shape">The shape (argument "inputSchema").</param>
    /// <param name="columnName">The text column.</param>
    /// <exception cref="SchemaMismatchException">Missing or not text.</exception>
    public static void Check(SchemaShape shape, string columnName)
        => SchemaMismatchException.Check("inputSchema", shape, columnName, Expected, column => column.ItemType is TextDataViewType);
}
