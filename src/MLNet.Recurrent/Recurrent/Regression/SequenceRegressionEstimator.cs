using MLNet.Recurrent.Data;

namespace MLNet.Recurrent.Transforms;

/// <summary>
/// Trains a recurrent sequence regressor: one Single label per sequence. Created by
/// <c>mlContext.Transforms.Recurrent.SequenceRegression</c> or <c>mlContext.Regression.Trainers.Recurrent</c>.
/// </summary>
/// <remarks>
/// <para><b>Input columns.</b> Features: a vector of keys or of Single, as for <see cref="SequenceClassificationEstimator"/>.
/// Label: Single.</para>
/// <para><b>Output column.</b> Score (Single): the predicted value.</para>
/// <para><b>Training.</b> The rows are read into memory; rows with a NaN label or non-finite features are skipped. The
/// label is standardised with the training mean μ and standard deviation σ, the network learns it by mean squared
/// error, and predictions are mapped back: Score = z·σ + μ. Single features are standardised per feature too.</para>
/// </remarks>
public sealed class SequenceRegressionEstimator : RecurrentEstimator<SequenceRegressionTransformer, SequenceRegressionOptions>
{
    internal SequenceRegressionEstimator(MLContext context, SequenceRegressionOptions options)
        : base(context, options)
    {
    }

    private protected override IEnumerable<SchemaShape.Column> GetOutputColumns(SchemaShape inputSchema)
    {
        SchemaMismatchException.Check(nameof(inputSchema), inputSchema, Options.LabelColumnName, "Single",
            c => c.Kind == SchemaShape.Column.VectorKind.Scalar && c.ItemType.Equals(NumberDataViewType.Single));
        return [new(Options.ScoreColumnName, SchemaShape.Column.VectorKind.Scalar, NumberDataViewType.Single, false)];
    }

    private protected override SequenceRegressionTransformer FitCore(IDataView input)
    {
        var label = SchemaMismatchException.Check(nameof(input), input.Schema, Options.LabelColumnName, "Single", t => t.Equals(NumberDataViewType.Single));
        var (parts, spec, network, labelScaling) = PooledRegression.Fit(Options, Seed, input, label);
        return new SequenceRegressionTransformer(parts, spec, network, labelScaling, Options.ScoreColumnName);
    }
}
