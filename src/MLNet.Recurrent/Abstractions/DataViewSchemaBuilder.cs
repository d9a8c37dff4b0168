namespace MLNet.Recurrent;

public sealed partial class DataViewSchema
{
    /// <summary>Builds a <see cref="DataViewSchema"/> column by column (ML.NET's DataViewSchema.Builder).</summary>
    public sealed class Builder
    {
        private readonly List<(string, DataViewType, Annotations?)> _columns = [];

        /// <summary>Appends a column.</summary>
        /// <param name="name">Column name (not empty).</param>
        /// <param name="type">Column type.</param>
        /// <param name="annotations">Optional annotations, e.g. key values.</param>
        /// <exception cref="ArgumentException"><paramref name="name"/> is null or empty.</exception>
        public void AddColumn(string name, DataViewType type, Annotations? annotations = null)
        {
            ArgumentException.ThrowIfNullOrEmpty(name);
            ArgumentNullException.ThrowIfNull(type);
            _columns.Add((name, type, annotations));
        }

        /// <summary>Appends every column of <paramref name="schema"/>, hidden ones included, in order.</summary>
        /// <param name="schema">The schema to copy.</param>
        public void AddColumns(IEnumerable<Column> schema)
        {
            foreach (var column in schema)
            {
                _columns.Add((column.Name, column.Type, column.Annotations));
            }
        }

        /// <summary>The schema built so far.</summary>
        /// <returns>A new schema.</returns>
        public DataViewSchema ToSchema() => new(_columns);
    }
}
