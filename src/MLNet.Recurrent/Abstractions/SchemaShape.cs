using System.Collections;
using MLNet.Recurrent.Data;

namespace MLNet.Recurrent;

/// <summary>
/// What an estimator knows about a schema before it has data (ML.NET's SchemaShape): each column's name, whether it
/// is a scalar, a fixed-size vector or a variable-length vector, its item type, and whether it holds keys.
/// </summary>
public sealed class SchemaShape : IReadOnlyList<SchemaShape.Column>
{
    private readonly Column[] _columns;

    /// <summary>Creates a shape from columns (later columns replace earlier ones of the same name).</summary>
    /// <param name="columns">The columns.</param>
    public SchemaShape(IEnumerable<Column> columns)
    {
        var byName = new Dictionary<string, Column>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var column in columns)
        {
            if (!byName.ContainsKey(column.Name))
            {
                order.Add(column.Name);
            }

            byName[column.Name] = column;
        }

        _columns = order.Select(name => byName[name]).ToArray();
    }

    /// <summary>The shape of <paramref name="schema"/>'s visible columns.</summary>
    /// <param name="schema">A schema.</param>
    /// <returns>Its shape.</returns>
    public static SchemaShape Create(DataViewSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return new SchemaShape(schema.Where(c => !c.IsHidden).Select(c => Column.From(c.Name, c.Type)));
    }

    /// <inheritdoc/>
    public int Count => _columns.Length;

    /// <inheritdoc/>
    public Column this[int index] => _columns[index];

    /// <summary>Finds a column by name.</summary>
    /// <param name="name">Column name.</param>
    /// <param name="column">The column when found.</param>
    /// <returns>Whether it was found.</returns>
    public bool TryFindColumn(string name, out Column column)
    {
        foreach (var candidate in _columns)
        {
            if (candidate.Name == name)
            {
                column = candidate;
                return true;
            }
        }

        column = default;
        return false;
    }

    /// <summary>This shape with <paramref name="added"/> appended (replacing same-named columns).</summary>
    /// <param name="added">Columns to add.</param>
    /// <returns>A new shape.</returns>
    public SchemaShape With(IEnumerable<Column> added) => new(_columns.Concat(added));

    /// <inheritdoc/>
    public IEnumerator<Column> GetEnumerator() => ((IEnumerable<Column>)_columns).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>One column of a shape.</summary>
    /// <param name="Name">The column's name.</param>
    /// <param name="Kind">Scalar, vector or variable-length vector.</param>
    /// <param name="ItemType">The type of one item.</param>
    /// <param name="IsKey">Whether the items are keys.</param>
    public readonly record struct Column(string Name, Column.VectorKind Kind, DataViewType ItemType, bool IsKey)
    {
        /// <summary>Whether a column is a scalar, a fixed-size vector or a variable-length vector.</summary>
        public enum VectorKind
        {
            /// <summary>One value per row.</summary>
            Scalar,

            /// <summary>A vector of a fixed size.</summary>
            Vector,

            /// <summary>A vector whose length varies by row (a sequence).</summary>
            VariableVector,
        }

        /// <summary>The shape of a column of type <paramref name="type"/>.</summary>
        /// <param name="name">Column name.</param>
        /// <param name="type">Column type.</param>
        /// <returns>The column shape.</returns>
        public static Column From(string name, DataViewType type) => type switch
        {
            VectorDataViewType vector => new Column(name, vector.IsKnownSize ? VectorKind.Vector : VectorKind.VariableVector,
                vector.ItemType, vector.ItemType is KeyDataViewType),
            _ => new Column(name, VectorKind.Scalar, type, type is KeyDataViewType),
        };

        /// <inheritdoc/>
        public override string ToString() => Kind switch
        {
            VectorKind.Scalar => $"{Name}: {ItemType}",
            VectorKind.Vector => $"{Name}: Vector<{ItemType}>",
            _ => $"{Name}: VarVector<{ItemType}>",
        };
    }
}
