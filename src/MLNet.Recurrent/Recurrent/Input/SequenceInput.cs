using System.Text.Json.Serialization;
using MLNet.Recurrent.Data;

namespace MLNet.Recurrent.Transforms;

/// <summary>
/// The layout of a feature column as the network reads it: key sequences over a vocabulary of
/// <see cref="VocabularySize"/> keys (embedded with V + 1 rows, row 0 the zero padding for the missing key 0), or
/// Single sequences of <see cref="FeaturesPerStep"/> features per step.
/// </summary>
/// <param name="Kind">Tokens or vectors.</param>
/// <param name="VocabularySize">V, the key count of a token column (0 for vectors).</param>
/// <param name="FeaturesPerStep">F for a vector column (1 for tokens).</param>
internal sealed record SequenceInput(
    [property: JsonConverter(typeof(JsonStringEnumConverter<SequenceInputKind>))] SequenceInputKind Kind,
    int VocabularySize,
    int FeaturesPerStep)
{
    /// <summary>What a feature column may be, in words (for schema errors).</summary>
    public const string ExpectedType = "Vector<Key> (token keys) or Vector<Single> (L steps of F features)";

    /// <summary>Whether the column holds token keys.</summary>
    public bool IsTokens => Kind == SequenceInputKind.Tokens;

    /// <summary>Finds the feature column and works out its layout.</summary>
    /// <param name="paramName">The argument that carried the schema.</param>
    /// <param name="schema">The input schema.</param>
    /// <param name="columnName">The feature column.</param>
    /// <param name="featuresPerStep">F from the options, or null.</param>
    /// <returns>The column and its layout.</returns>
    /// <exception cref="SchemaMismatchException">The column is missing, is not a vector of keys or Single, or has more than two dimensions.</exception>
    /// <exception cref="ArgumentException">F from the options contradicts the column's dimensions.</exception>
    public static (DataViewSchema.Column Column, SequenceInput Input) Resolve(string paramName, DataViewSchema schema, string columnName, int? featuresPerStep)
    {
        var column = SchemaMismatchException.Check(paramName, schema, columnName, ExpectedType,
            t => t is VectorDataViewType { ItemType: KeyDataViewType or NumberDataViewType } v
                && (v.ItemType is KeyDataViewType || v.ItemType.Equals(NumberDataViewType.Single)) && v.Dimensions.Count <= 2);
        var vector = (VectorDataViewType)column.Type;
        if (vector.ItemType is KeyDataViewType key)
        {
            return (column, new SequenceInput(SequenceInputKind.Tokens, checked((int)key.Count), 1));
        }

        int? fromType = vector.Dimensions.Count == 2 && vector.Dimensions[1] > 0 ? vector.Dimensions[1] : null;
        if (fromType is int f && featuresPerStep is int given && given != f)
        {
            throw new ArgumentException(
                $"options.FeaturesPerStep: expected null or {f} (column '{columnName}' has dimensions [{string.Join(", ", vector.Dimensions)}]), got {given}.",
                "options.FeaturesPerStep");
        }

        int features = fromType ?? featuresPerStep ?? 1;
        if (vector.IsKnownSize && vector.Size % features != 0)
        {
            throw new ArgumentException(
                $"options.FeaturesPerStep: expected a divisor of column '{columnName}''s size {vector.Size}, got {features}.", "options.FeaturesPerStep");
        }

        return (column, new SequenceInput(SequenceInputKind.Vectors, 0, features));
    }

    /// <summary>Checks a schema shape's feature column without data.</summary>
    /// <param name="paramName">The argument that carried the shape.</param>
    /// <param name="shape">The input shape.</param>
    /// <param name="columnName">The feature column.</param>
    /// <exception cref="SchemaMismatchException">Missing, or not a vector of keys or Single.</exception>
    public static void CheckShape(string paramName, SchemaShape shape, string columnName)
        => SchemaMismatchException.Check(paramName, shape, columnName, ExpectedType,
            c => c.Kind != SchemaShape.Column.VectorKind.Scalar && (c.IsKey || c.ItemType.Equals(NumberDataViewType.Single)));

    /// <summary>Finds the feature column in a schema to transform and checks it has the layout the model was trained on.</summary>
    /// <param name="paramName">The argument that carried the schema.</param>
    /// <param name="schema">The schema.</param>
    /// <param name="columnName">The feature column.</param>
    /// <returns>The column.</returns>
    /// <exception cref="SchemaMismatchException">Missing, or of another type or vocabulary size than in training.</exception>
    public DataViewSchema.Column Check(string paramName, DataViewSchema schema, string columnName)
        => IsTokens
            ? SchemaMismatchException.Check(paramName, schema, columnName, $"Vector<{new KeyDataViewType(typeof(uint), (ulong)VocabularySize)}> (the training vocabulary)",
                t => t is VectorDataViewType { ItemType: KeyDataViewType key } && key.Count == (ulong)VocabularySize)
            : SchemaMismatchException.Check(paramName, schema, columnName, $"Vector<Single> of {FeaturesPerStep} feature(s) per step",
                t => t is VectorDataViewType { ItemType: NumberDataViewType item } v && item.Equals(NumberDataViewType.Single)
                    && (v.Dimensions.Count == 1 || (v.Dimensions.Count == 2 && v.Dimensions[1] == FeaturesPerStep))
                    && (!v.IsKnownSize || v.Size % FeaturesPerStep == 0));

    /// <summary>
    /// A reader of <paramref name="column"/>'s value in <paramref name="row"/>'s current row. Keys become embedding
    /// indices (key k → k; keys above V → 0); an empty row becomes one padding step (index 0, or F zeros).
    /// </summary>
    /// <param name="row">The row (the column active).</param>
    /// <param name="column">The feature column.</param>
    /// <returns>A function reading the current row into a new sequence.</returns>
    /// <exception cref="InvalidDataException">(When called) a Single row's value count is not a multiple of F.</exception>
    public Func<FeatureSequence> CreateReader(DataViewRow row, DataViewSchema.Column column)
    {
        if (IsTokens)
        {
            var getKeys = row.GetGetter<VBuffer<uint>>(column);
            var keys = default(VBuffer<uint>);
            int vocabulary = VocabularySize;
            return () =>
            {
                getKeys(ref keys);
                var source = keys.GetValues();
                var tokens = new int[Math.Max(1, source.Length)];
                for (int i = 0; i < source.Length; i++)
                {
                    tokens[i] = source[i] <= (uint)vocabulary ? (int)source[i] : 0;
                }

                return FeatureSequence.FromTokens(tokens);
            };
        }

        var getValues = row.GetGetter<VBuffer<float>>(column);
        var buffer = default(VBuffer<float>);
        int features = FeaturesPerStep;
        return () =>
        {
            getValues(ref buffer);
            var source = buffer.GetValues();
            if (source.Length % features != 0)
            {
                throw new InvalidDataException(
                    $"column '{column.Name}', row {row.Position}: expected a multiple of {features} values ({features} features per step), got {source.Length}.");
            }

            var values = new float[Math.Max(features, source.Length)];
            source.CopyTo(values);
            return FeatureSequence.FromValues(values, features);
        };
    }
}
