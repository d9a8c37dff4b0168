using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace MLNet.Recurrent;

/// <summary>
/// The columns of an <see cref="IDataView"/>, in order. A later column may share a name with an earlier one; the
/// earlier one is then hidden (ML.NET semantics: a transform that writes an existing name replaces it for readers by
/// name, while the old values stay reachable by index).
/// </summary>
public sealed partial class DataViewSchema : IReadOnlyList<DataViewSchema.Column>
{
    private readonly Column[] _columns;
    private readonly Dictionary<string, int> _visibleByName;

    /// <summary>Creates a schema from columns given in order; hidden flags are derived from repeated names.</summary>
    /// <param name="columns">Name, type and annotations of each column.</param>
    internal DataViewSchema(IEnumerable<(string Name, DataViewType Type, Annotations? Annotations)> columns)
    {
        var list = columns.ToList();
        _columns = new Column[list.Count];
        _visibleByName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int index = 0; index < list.Count; index++)
        {
            _visibleByName[list[index].Name] = index;
        }

        for (int index = 0; index < list.Count; index++)
        {
            var (name, type, annotations) = list[index];
            _columns[index] = new Column(name, index, _visibleByName[name] != index, type, annotations ?? Annotations.Empty);
        }
    }

    /// <summary>The number of columns, hidden ones included.</summary>
    public int Count => _columns.Length;

    /// <summary>The column at <paramref name="columnIndex"/>.</summary>
    /// <param name="columnIndex">0 ≤ index &lt; <see cref="Count"/>.</param>
    public Column this[int columnIndex] => _columns[columnIndex];

    /// <summary>The visible column named <paramref name="name"/>.</summary>
    /// <param name="name">A column name (case-sensitive).</param>
    /// <exception cref="ArgumentOutOfRangeException">No column has that name; the message lists the columns there are.</exception>
    public Column this[string name]
        => GetColumnOrNull(name) ?? throw new ArgumentOutOfRangeException(nameof(name), name,
            $"Column '{name}' not found; the schema has: {string.Join(", ", this.Where(c => !c.IsHidden).Select(c => c.Name))}.");

    /// <summary>The visible column named <paramref name="name"/>, or null.</summary>
    /// <param name="name">A column name (case-sensitive).</param>
    public Column? GetColumnOrNull(string name)
        => _visibleByName.TryGetValue(name, out int index) ? _columns[index] : null;

    /// <summary>Tries to find the visible column named <paramref name="name"/>.</summary>
    /// <param name="name">A column name.</param>
    /// <param name="column">The column when found.</param>
    /// <returns>Whether it was found.</returns>
    public bool TryGetColumn(string name, out Column column)
    {
        var found = GetColumnOrNull(name);
        column = found.GetValueOrDefault();
        return found.HasValue;
    }

    /// <inheritdoc/>
    public IEnumerator<Column> GetEnumerator() => ((IEnumerable<Column>)_columns).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc/>
    public override string ToString()
        => string.Join(", ", _columns.Where(c => !c.IsHidden).Select(c => $"{c.Name}: {c.Type}"));

    /// <summary>One column: its name, position, whether a later column hides it, its type and annotations (a value type, as ML.NET's DataViewSchema.Column).</summary>
    /// <param name="Name">The column's name.</param>
    /// <param name="Index">Its position in the schema.</param>
    /// <param name="IsHidden">True when a later column has the same name.</param>
    /// <param name="Type">The type of its values.</param>
    /// <param name="Annotations">Metadata such as the key values of a key column.</param>
    public readonly record struct Column(string Name, int Index, bool IsHidden, DataViewType Type, Annotations Annotations)
    {
        /// <inheritdoc/>
        public override string ToString() => $"{Name} ({Type})";
    }
}
