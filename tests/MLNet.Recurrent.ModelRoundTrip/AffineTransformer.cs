using MLNet.Recurrent.Data;
using MLNet.Recurrent.Engine.Tensors;
using MLNet.Recurrent.Persistence;

namespace MLNet.Recurrent.ModelRoundTrip;

/// <summary>
/// A test transformer with weights: Output = W·Input + b on a Vector&lt;Single, I&gt; column, W of shape [O, I] and b
/// of shape [O], saved as the tensors "weight" and "bias".
/// </summary>
public sealed class AffineTransformer : RowToRowTransformerBase
{
    /// <summary>The kind name.</summary>
    public const string KindName = "Test.Affine";

    private readonly float[] _weight;
    private readonly float[] _bias;

    /// <summary>Creates the transformer.</summary>
    /// <param name="inputColumnName">The input vector column.</param>
    /// <param name="outputColumnName">The output vector column.</param>
    /// <param name="weight">W, [O, I].</param>
    /// <param name="bias">b, [O].</param>
    public AffineTransformer(string inputColumnName, string outputColumnName, Tensor weight, Tensor bias)
    {
        if (weight.Rank != 2 || bias.Rank != 1 || bias.Shape[0] != weight.Shape[0])
        {
            throw new ArgumentException($"weight: expected [O, I] with bias [O], got [{string.Join(", ", weight.Shape.ToArray())}] and [{string.Join(", ", bias.Shape.ToArray())}].", nameof(weight));
        }

        InputColumnName = inputColumnName;
        OutputColumnName = outputColumnName;
        Weight = weight;
        Bias = bias;
        _weight = weight.ToArray();
        _bias = bias.ToArray();
    }

    /// <summary>The input column.</summary>
    public string InputColumnName { get; }

    /// <summary>The output column.</summary>
    public string OutputColumnName { get; }

    /// <summary>W.</summary>
    public Tensor Weight { get; }

    /// <summary>b.</summary>
    public Tensor Bias { get; }

    private int Inputs => Weight.Shape[1];

    private int Outputs => Weight.Shape[0];

    /// <summary>Loads a saved transformer.</summary>
    /// <param name="context">The saved object.</param>
    /// <returns>The transformer.</returns>
    public static AffineTransformer Load(ModelLoadContext context)
    {
        context.CheckVersion(1);
        return new AffineTransformer(
            context.Get<string>("inputColumnName"), context.Get<string>("outputColumnName"),
            context.GetTensor("weight"), context.GetTensor("bias"));
    }

    /// <inheritdoc/>
    public override void Save(ModelSaveContext context)
    {
        context.SetKind(KindName, 1);
        context.Manifest["inputColumnName"] = InputColumnName;
        context.Manifest["outputColumnName"] = OutputColumnName;
        context.SaveTensors([new("weight", Weight), new("bias", Bias)]);
    }

    /// <inheritdoc/>
    protected internal override IReadOnlyList<OutputColumn> GetOutputColumns(DataViewSchema inputSchema)
    {
        var expected = new VectorDataViewType(NumberDataViewType.Single, Inputs);
        SchemaMismatchException.Check(nameof(inputSchema), inputSchema, InputColumnName, expected.ToString(), t => t.Equals(expected));
        return [new OutputColumn(OutputColumnName, new VectorDataViewType(NumberDataViewType.Single, Outputs))];
    }

    /// <inheritdoc/>
    protected internal override IEnumerable<DataViewSchema.Column> GetDependencies(DataViewSchema inputSchema, int outputIndex)
        => [inputSchema[InputColumnName]];

    /// <inheritdoc/>
    protected internal override Delegate?[] CreateGetters(DataViewRow input, Func<int, bool> isOutputActive)
    {
        var source = input.GetGetter<VBuffer<float>>(input.Schema[InputColumnName]);
        VBuffer<float> x = default;
        ValueGetter<VBuffer<float>> getter = (ref VBuffer<float> value) =>
        {
            source(ref x);
            var y = VBuffer<float>.GetWritableArray(value, Outputs);
            var xs = x.GetValues();
            for (int o = 0; o < Outputs; o++)
            {
                float sum = _bias[o];
                for (int i = 0; i < Inputs; i++)
                {
                    sum += _weight[(o * Inputs) + i] * xs[i];
                }

                y[o] = sum;
            }

            value = new VBuffer<float>(Outputs, y);
        };
        return [getter];
    }
}
