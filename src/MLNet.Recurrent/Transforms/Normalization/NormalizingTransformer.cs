using MLNet.Recurrent.Data;
using MLNet.Recurrent.Persistence;

namespace MLNet.Recurrent.Transforms;

/// <summary>
/// Applies fitted normaliser <see cref="Parameters"/> to a float column (ML.NET's NormalizingTransformer); see
/// <see cref="NormalizingEstimator"/>. Use <see cref="NormalizerParameters.Denormalize(ReadOnlySpan{float}, Span{float})"/>
/// to turn predictions made in normalised units back into original units.
/// </summary>
public sealed class NormalizingTransformer : OneToOneTransformerBase
{
    /// <summary>The kind name in model files.</summary>
    public const string KindName = "NormalizingTransformer";

    private readonly SchemaShape.Column.VectorKind _inputKind;

    internal NormalizingTransformer(string outputColumnName, string inputColumnName, SchemaShape.Column.VectorKind inputKind, NormalizerParameters parameters)
        : base(outputColumnName, inputColumnName)
    {
        _inputKind = inputKind;
        Parameters = parameters;
    }

    /// <summary>The fitted parameters: <see cref="AffineNormalizerParameters"/> (scale, offset) or <see cref="CdfNormalizerParameters"/> (mean, σ).</summary>
    public NormalizerParameters Parameters { get; }

    private protected override string Kind => KindName;

    private protected override OutputColumn GetOutputColumn(DataViewSchema inputSchema)
    {
        string expected = _inputKind switch
        {
            SchemaShape.Column.VectorKind.Scalar => "Single",
            SchemaShape.Column.VectorKind.Vector => $"Vector<Single, {Parameters.SlotCount}>",
            _ => "Vector<Single> (variable length)",
        };
        var input = SchemaMismatchException.Check(nameof(inputSchema), inputSchema, InputColumnName, expected,
            type => NormalizingEstimator.IsFloatColumn(type) && SchemaShape.Column.From("", type).Kind == _inputKind
                && (type is not VectorDataViewType { IsKnownSize: true } vector || vector.Size == Parameters.SlotCount));
        return new OutputColumn(OutputColumnName, input.Type);
    }

    private protected override Delegate CreateGetter(DataViewRow input, DataViewSchema.Column column)
    {
        if (_inputKind == SchemaShape.Column.VectorKind.Scalar)
        {
            var scalar = input.GetGetter<float>(column);
            return (ValueGetter<float>)((ref float value) =>
            {
                scalar(ref value);
                value = Parameters.Normalize(value);
            });
        }

        var items = ColumnItems.Create<float>(input, column);
        return (ValueGetter<VBuffer<float>>)((ref VBuffer<float> value) =>
        {
            var source = items();
            var array = VBuffer<float>.GetWritableArray(value, source.Length);
            Parameters.Normalize(source, array.AsSpan(0, source.Length));
            value = new VBuffer<float>(source.Length, array);
        });
    }

    private protected override void SaveContents(ModelSaveContext context)
    {
        context.Manifest["inputKind"] = _inputKind.ToString();
        Parameters.Save(context);
    }

    internal static NormalizingTransformer Load(ModelLoadContext context)
    {
        var (output, input) = LoadColumnNames(context);
        string kind = context.Get<string>("inputKind");
        if (!Enum.TryParse<SchemaShape.Column.VectorKind>(kind, out var inputKind) || !Enum.IsDefined(inputKind))
        {
            throw new ModelFormatException(context.Path, $"field 'inputKind' must be Scalar, Vector or VariableVector, got '{kind}'.");
        }

        var parameters = NormalizerParameters.Load(context);
        if (parameters.IsShared != (inputKind == SchemaShape.Column.VectorKind.VariableVector) || (inputKind == SchemaShape.Column.VectorKind.Scalar && parameters.SlotCount != 1))
        {
            throw new ModelFormatException(context.Path, $"{parameters.SlotCount} slot(s) (shared: {parameters.IsShared}) do not fit an input of kind {inputKind}.");
        }

        return new NormalizingTransformer(output, input, inputKind, parameters);
    }
}
