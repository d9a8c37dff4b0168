using MLNet.Recurrent.Data;
using MLNet.Recurrent.Persistence;

namespace MLNet.Recurrent.ModelRoundTrip;

/// <summary>
/// A test transformer with settings only: Output = Factor · Input on a Vector&lt;Single&gt; column. Its format is at
/// version 2 (the setting "factor"); version 1 called the setting "scale" and still loads, which is how a kind's
/// format evolves.
/// </summary>
/// <param name="inputColumnName">The input vector column.</param>
/// <param name="outputColumnName">The output vector column.</param>
/// <param name="factor">The factor.</param>
public sealed class ScaleTransformer(string inputColumnName, string outputColumnName, float factor) : RowToRowTransformerBase
{
    /// <summary>The kind name.</summary>
    public const string KindName = "Test.Scale";

    /// <summary>The factor.</summary>
    public float Factor => factor;

    /// <summary>Loads a saved transformer (versions 1 and 2).</summary>
    /// <param name="context">The saved object.</param>
    /// <returns>The transformer.</returns>
    public static ScaleTransformer Load(ModelLoadContext context)
    {
        context.CheckVersion(2);
        float factor = context.Version == 1 ? context.Get<float>("scale") : context.Get<float>("factor");
        return new ScaleTransformer(context.Get<string>("inputColumnName"), context.Get<string>("outputColumnName"), factor);
    }

    /// <inheritdoc/>
    public override void Save(ModelSaveContext context)
    {
        context.SetKind(KindName, 2);
        context.Manifest["inputColumnName"] = inputColumnName;
        context.Manifest["outputColumnName"] = outputColumnName;
        context.Manifest["factor"] = factor;
    }

    /// <inheritdoc/>
    protected internal override IReadOnlyList<OutputColumn> GetOutputColumns(DataViewSchema inputSchema)
    {
        var column = SchemaMismatchException.Check(nameof(inputSchema), inputSchema, inputColumnName, "Vector<Single>",
            t => t is VectorDataViewType { ItemType: NumberDataViewType n } && n.Equals(NumberDataViewType.Single));
        return [new OutputColumn(outputColumnName, column.Type)];
    }

    /// <inheritdoc/>
    protected internal override IEnumerable<DataViewSchema.Column> GetDependencies(DataViewSchema inputSchema, int outputIndex)
        => [inputSchema[inputColumnName]];

    /// <inheritdoc/>
    protected internal override Delegate?[] CreateGetters(DataViewRow input, Func<int, bool> isOutputActive)
    {
        var source = input.GetGetter<VBuffer<float>>(input.Schema[inputColumnName]);
        VBuffer<float> x = default;
        ValueGetter<VBuffer<float>> getter = (ref VBuffer<float> value) =>
        {
            source(ref x);
            var y = VBuffer<float>.GetWritableArray(value, x.Length);
            var xs = x.GetValues();
            for (int i = 0; i < xs.Length; i++)
            {
                y[i] = factor * xs[i];
            }

            value = new VBuffer<float>(x.Length, y);
        };
        return [getter];
    }
}
