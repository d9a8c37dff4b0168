using MLNet.Recurrent.Data;
using MLNet.Recurrent.Persistence;

namespace MLNet.Recurrent.Tests.Evaluation;

/// <summary>Trivial test-only estimators whose fitted state is easy to predict, for the cross-validation tests.</summary>
internal static class CrossValidationTestEstimators
{
    /// <summary>Adds constant output columns (no input read), so a model is a few fixed values.</summary>
    public sealed class ConstantTransformer(params (string Name, DataViewType Type, object Value)[] outputs) : RowToRowTransformerBase
    {
        public IReadOnlyList<(string Name, DataViewType Type, object Value)> Outputs => outputs;

        protected internal override IReadOnlyList<OutputColumn> GetOutputColumns(DataViewSchema inputSchema)
            => outputs.Select(o => new OutputColumn(o.Name, o.Type)).ToArray();

        protected internal override IEnumerable<DataViewSchema.Column> GetDependencies(DataViewSchema inputSchema, int outputIndex) => [];

        protected internal override Delegate?[] CreateGetters(DataViewRow input, Func<int, bool> isOutputActive)
            => outputs.Select(o => o.Value switch
            {
                float f => (Delegate)(ValueGetter<float>)((ref float v) => v = f),
                uint k => (ValueGetter<uint>)((ref uint v) => v = k),
                float[] vector => (ValueGetter<VBuffer<float>>)((ref VBuffer<float> v) => v = new VBuffer<float>(vector.Length, [.. vector])),
                _ => throw new NotSupportedException(),
            }).ToArray();

        public override void Save(ModelSaveContext context) => throw new NotSupportedException();
    }

    /// <summary>Predicts the training mean of Label as Score (regression).</summary>
    public sealed class MeanRegressor : IEstimator<ConstantTransformer>
    {
        public ConstantTransformer Fit(IDataView input)
            => new(("Score", NumberDataViewType.Single, (float)EvaluationData.Read<float>(input, "Label").Average()));

        public SchemaShape GetOutputSchema(SchemaShape inputSchema)
            => inputSchema.With([SchemaShape.Column.From("Score", NumberDataViewType.Single)]);
    }

    /// <summary>
    /// Predicts the training class frequencies as Score and the most frequent class as PredictedLabel (multiclass,
    /// Label a key of <paramref name="classes"/> values).
    /// </summary>
    public sealed class PriorClassifier(int classes) : IEstimator<ConstantTransformer>
    {
        public ConstantTransformer Fit(IDataView input)
        {
            var label = input.Schema["Label"];
            var counts = new float[classes];
            using (var cursor = input.GetRowCursor([label]))
            {
                var getter = cursor.GetGetter<uint>(label);
                uint key = 0;
                while (cursor.MoveNext())
                {
                    getter(ref key);
                    counts[key - 1]++;
                }
            }

            float total = counts.Sum();
            var keyType = new KeyDataViewType(typeof(uint), (ulong)classes);
            return new(
                ("Score", new VectorDataViewType(NumberDataViewType.Single, classes), counts.Select(c => c / total).ToArray()),
                ("PredictedLabel", keyType, (uint)(Array.IndexOf(counts, counts.Max()) + 1)));
        }

        public SchemaShape GetOutputSchema(SchemaShape inputSchema) => inputSchema;
    }

    /// <summary>Scores each row by its Single column X: Score = X, Probability = σ(X), PredictedLabel = X &gt; 0 (binary; nothing learned).</summary>
    public sealed class IdentityScorer : IEstimator<IdentityScorer.Transformer>
    {
        public Transformer Fit(IDataView input) => new();

        public SchemaShape GetOutputSchema(SchemaShape inputSchema) => inputSchema;

        public sealed class Transformer : RowToRowTransformerBase
        {
            protected internal override IReadOnlyList<OutputColumn> GetOutputColumns(DataViewSchema inputSchema)
                => [new("Score", NumberDataViewType.Single), new("Probability", NumberDataViewType.Single), new("PredictedLabel", BooleanDataViewType.Instance)];

            protected internal override IEnumerable<DataViewSchema.Column> GetDependencies(DataViewSchema inputSchema, int outputIndex) => [inputSchema["X"]];

            protected internal override Delegate?[] CreateGetters(DataViewRow input, Func<int, bool> isOutputActive)
            {
                var x = input.GetGetter<float>(input.Schema["X"]);
                float Read()
                {
                    float value = 0;
                    x(ref value);
                    return value;
                }

                return [
                    (ValueGetter<float>)((ref float v) => v = Read()),
                    (ValueGetter<float>)((ref float v) => v = 1 / (1 + MathF.Exp(-Read()))),
                    (ValueGetter<bool>)((ref bool v) => v = Read() > 0),
                ];
            }

            public override void Save(ModelSaveContext context) => throw new NotSupportedException();
        }
    }
}
