namespace MLNet.Recurrent.Data;

/// <summary>
/// The name of the column a member of a row class maps to, when it differs from the member's name (ML.NET's
/// ColumnNameAttribute). Used by every object ↔ row mapping: <c>LoadFromEnumerable</c>, <c>CreateEnumerable</c>,
/// <c>LoadFromTextFile&lt;T&gt;</c> and prediction engines.
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property, AllowMultiple = false)]
public sealed class ColumnNameAttribute : Attribute
{
    /// <summary>Maps the member to the column <paramref name="name"/>.</summary>
    /// <param name="name">Column name (not empty).</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or empty.</exception>
    public ColumnNameAttribute(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
    }

    /// <summary>The column name.</summary>
    public string Name { get; }
}
