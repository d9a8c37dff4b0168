using MLNet.Recurrent.Data;

namespace MLNet.Recurrent.Transforms;

/// <summary>
/// The training shared by sequence regression and forecasting: K Single targets per sequence (K = 1 for a scalar
/// label, the vector's size for a horizon), standardised per target with the training rows' mean and standard
/// deviation, learned by mean squared error; predictions are mapped back to the label's scale.
/// </summary>
internal static class PooledRegression
{
    /// <summary>Reads the rows, trains the network and returns what the transformer holds.</summary>
    /// <param name="options">The estimator's options.</param>
    /// <param name="seed">The estimator's seed.</param>
    /// <param name="input">The training data.</param>
    /// <param name="label">The label column: Single or a Vector&lt;Single&gt; of known size.</param>
    /// <param name="level">When given, builds the window level from the input layout: windows and labels are taken relative to ℓ.</param>
    /// <returns>The transformer's parts, the architecture, the trained network and the target standardisation.</returns>
    /// <exception cref="SchemaMismatchException">The feature column is missing or mistyped.</exception>
    public static (TransformerParts Parts, RecurrentNetworkSpec Spec, PooledSequenceNetwork Network, FeatureScaling LabelScaling) Fit(
        PooledSequenceOptions options, int seed, IDataView input, DataViewSchema.Column label, Func<SequenceInput, WindowLevel>? level = null)
    {
        var (features, layout) = SequenceInput.Resolve(nameof(input), input.Schema, options.FeatureColumnName, options.FeaturesPerStep);
        int targets = label.Type is VectorDataViewType vector ? vector.Size : 1;
        var (examples, skipped) = TrainingRows.Read(input, layout, features, label, row => CreateLabelReader(row, label, targets));
        if (level?.Invoke(layout) is { } windowLevel)
        {
            examples = examples.ConvertAll(example =>
            {
                float last = windowLevel.Of(example.Features);
                WindowLevel.Shift(example.Label, -last);
                return example with { Features = windowLevel.Remove(example.Features, last) };
            });
        }
        var labelScaling = FeatureScaling.Fit(examples.Select(e => e.Label), targets);
        foreach (var example in examples)
        {
            labelScaling.Standardize(example.Label);
        }

        var scaling = TrainingRows.FitScaling(layout, examples);
        var spec = RecurrentNetworkSpec.From(options, layout, targets, seed);
        var network = new PooledSequenceNetwork(spec);
        var history = RecurrentTraining.Train(options, seed, new PooledSequenceTask<float[]>(network, new RegressionObjective(), scaling), examples, skipped);
        return (new TransformerParts(options.FeatureColumnName, layout, scaling, history), spec, network, labelScaling);
    }

    /// <summary>Reads a Single or Vector&lt;Single&gt; label into a new array; NaN or infinite values mark the row as missing.</summary>
    private static TrainingRows.LabelReader<float[]> CreateLabelReader(DataViewRow row, DataViewSchema.Column label, int targets)
    {
        if (label.Type is VectorDataViewType)
        {
            var getter = row.GetGetter<VBuffer<float>>(label);
            var buffer = default(VBuffer<float>);
            return (FeatureSequence _, out float[] y) =>
            {
                getter(ref buffer);
                y = buffer.GetValues().ToArray();
                return y.Length == targets && y.All(float.IsFinite);
            };
        }

        var scalar = row.GetGetter<float>(label);
        return (FeatureSequence _, out float[] y) =>
        {
            float value = 0;
            scalar(ref value);
            y = [value];
            return float.IsFinite(value);
        };
    }
}
