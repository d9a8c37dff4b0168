using MLNet.Recurrent.Data;
using MLNet.Recurrent.Persistence;

namespace MLNet.Recurrent.Tests.Serving;

public class PredictionEngineTests
{
    /// <summary>
    /// Score = w · Features + bias·|Text|, Tokens = the text's characters as keys 1 … 26 (a variable-length output);
    /// stateless per row, so one instance serves every thread.
    /// </summary>
    private sealed class ScoringTransformer(float[] weights, float bias) : RowToRowTransformerBase
    {
        private static readonly KeyDataViewType Letters = new(typeof(uint), 26);

        protected internal override IReadOnlyList<OutputColumn> GetOutputColumns(DataViewSchema inputSchema)
        {
            SchemaMismatchException.Check(nameof(inputSchema), inputSchema, "Features", $"Vector<Single, {weights.Length}>",
                t => t is VectorDataViewType { ItemType: NumberDataViewType n } v && n == NumberDataViewType.Single && v.Size == weights.Length);
            SchemaMismatchException.Check(nameof(inputSchema), inputSchema, "Text", "String", t => t is TextDataViewType);
            return [new OutputColumn("Score", NumberDataViewType.Single), new OutputColumn("Tokens", new VectorDataViewType(Letters))];
        }

        protected internal override IEnumerable<DataViewSchema.Column> GetDependencies(DataViewSchema inputSchema, int outputIndex)
            => outputIndex == 0 ? [inputSchema["Features"], inputSchema["Text"]] : [inputSchema["Text"]];

        protected internal override Delegate?[] CreateGetters(DataViewRow input, Func<int, bool> isOutputActive)
        {
            var text = input.GetGetter<ReadOnlyMemory<char>>(input.Schema["Text"]);
            ValueGetter<float>? score = null;
            if (isOutputActive(0))
            {
                var features = input.GetGetter<VBuffer<float>>(input.Schema["Features"]);
                VBuffer<float> x = default;
                ReadOnlyMemory<char> t = default;
                score = (ref float value) =>
                {
                    features(ref x);
                    text(ref t);
                    float sum = bias * t.Length;
                    var items = x.GetValues();
                    for (int i = 0; i < items.Length; i++)
                    {
                        sum += weights[i] * items[i];
                    }

                    value = sum;
                };
            }

            ReadOnlyMemory<char> chars = default;
            ValueGetter<VBuffer<uint>> tokens = (ref VBuffer<uint> value) =>
            {
                text(ref chars);
                var keys = VBuffer<uint>.GetWritableArray(value, chars.Length);
                for (int i = 0; i < chars.Length; i++)
                {
                    keys[i] = char.IsAsciiLetterLower(chars.Span[i]) ? (uint)(chars.Span[i] - 'a' + 1) : 0;
                }

                value = new VBuffer<uint>(chars.Length, keys);
            };
            return [score, tokens];
        }

        public override void Save(ModelSaveContext context) => throw new NotSupportedException();
    }

    public sealed class Example
    {
        [VectorType(3)] public float[] Features = [];
        public string Text = "";
        public float Label;
    }

    public sealed class Prediction
    {
        public float Score;
        public uint[] Tokens = [];
        public string Text = "";
        public float NotProduced = -1;
    }

    private static readonly ScoringTransformer Model = new([1, 2, 3], 0.5f);

    private static Example Sample(int i) => new() { Features = [i, -i, 0.5f * i], Text = new string((char)('a' + (i % 26)), i % 5) };

    private static float Expected(Example e) => e.Features[0] + 2 * e.Features[1] + 3 * e.Features[2] + 0.5f * e.Text.Length;

    [Fact]
    public void Predict_computes_outputs_and_copies_input_columns()
    {
        var mlContext = new MLContext(1);
        using var engine = mlContext.Model.CreatePredictionEngine<Example, Prediction>(Model);
        var example = new Example { Features = [1, 2, 3], Text = "abc" };
        var prediction = engine.Predict(example);
        Assert.Equal(1 + 4 + 9 + 1.5f, prediction.Score);
        Assert.Equal([1u, 2u, 3u], prediction.Tokens);
        Assert.Equal("abc", prediction.Text);
        Assert.Equal(-1, prediction.NotProduced);
        Assert.Equal(NumberDataViewType.Single, engine.OutputSchema["Score"].Type);
    }

    [Fact]
    public void Predict_by_ref_reuses_the_prediction_and_its_arrays_across_many_examples()
    {
        var mlContext = new MLContext(1);
        using var engine = mlContext.Model.CreatePredictionEngine<Example, Prediction>(Model);
        var prediction = new Prediction { Tokens = new uint[4] };
        var reused = prediction;
        var tokens = prediction.Tokens;
        for (int i = 0; i < 50; i++)
        {
            var example = Sample(i);
            engine.Predict(example, ref prediction);
            Assert.Same(reused, prediction);
            Assert.Equal(Expected(example), prediction.Score);
            Assert.Equal(example.Text.Length, prediction.Tokens.Length);
        }

        Prediction? none = null;
        engine.Predict(Sample(4), ref none!);
        Assert.Equal([5u, 5u, 5u, 5u], none.Tokens);
        var withArray = new Prediction { Tokens = tokens };
        engine.Predict(Sample(4), ref withArray);
        Assert.Same(tokens, withArray.Tokens);
    }

    public sealed class ScoreOnly
    {
        public float Score;
    }

    [Fact]
    public void Predict_by_ref_allocates_nothing_per_call_for_scalar_outputs()
    {
        var mlContext = new MLContext(1);
        using var engine = mlContext.Model.CreatePredictionEngine<Example, ScoreOnly>(Model);
        var examples = Enumerable.Range(0, 16).Select(Sample).ToArray();
        var prediction = new ScoreOnly();
        for (int i = 0; i < 200; i++)
        {
            engine.Predict(examples[i % 16], ref prediction);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        double sum = 0;
        for (int i = 0; i < 2000; i++)
        {
            engine.Predict(examples[i % 16], ref prediction);
            sum += prediction.Score;
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 2000, $"{allocated} bytes for 2000 predictions");
        Assert.Equal(examples.Sum(e => (double)Expected(e)) * 125, sum, 1e-6);
    }

    public sealed class WrongExample
    {
        public float[] Features = [];
        public string Text = "";
    }

    public sealed class WrongPrediction
    {
        public int Score;
    }

    public sealed class MissingPrediction
    {
        public float Absent;
    }

    [Fact]
    public void Schema_errors_surface_when_the_engine_is_created()
    {
        var mlContext = new MLContext(1);
        var input = Assert.Throws<SchemaMismatchException>(() => mlContext.Model.CreatePredictionEngine<WrongExample, Prediction>(Model));
        Assert.Equal("Features", input.ColumnName);

        // The training schema supplies the fixed size the example class cannot state.
        var schema = mlContext.Data.LoadFromEnumerable(new[] { new Example() }).Schema;
        using var sized = mlContext.Model.CreatePredictionEngine<WrongExample, Prediction>(Model, schema);
        Assert.Equal(7f, sized.Predict(new WrongExample { Features = [1, 0, 2], Text = "" }).Score);

        var output = Assert.Throws<SchemaMismatchException>(() => mlContext.Model.CreatePredictionEngine<Example, WrongPrediction>(Model));
        Assert.Equal(("Score", "transformer"), (output.ColumnName, output.ParamName));
        Assert.Equal("Absent", Assert.Throws<SchemaMismatchException>(() =>
            mlContext.Model.CreatePredictionEngine<Example, MissingPrediction>(Model, ignoreMissingColumns: false)).ColumnName);
    }

    [Fact]
    public void Engine_predictions_equal_a_batch_transform()
    {
        var mlContext = new MLContext(1);
        var examples = Enumerable.Range(0, 40).Select(Sample).ToArray();
        var batch = mlContext.Data.CreateEnumerable<Prediction>(Model.Transform(mlContext.Data.LoadFromEnumerable(examples)), false, ignoreMissingColumns: true)
            .Select(p => (p.Score, string.Join(",", p.Tokens))).ToArray();
        using var engine = mlContext.Model.CreatePredictionEngine<Example, Prediction>(Model);
        Assert.Equal(batch, examples.Select(e => engine.Predict(e)).Select(p => (p.Score, string.Join(",", p.Tokens))));
    }

    /// <summary>A pipeline whose Transform filters rows: predictions outside the range have no output row.</summary>
    private sealed class FilteringTransformer(MLContext mlContext) : ITransformer
    {
        public bool IsRowToRowMapper => false;

        public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => inputSchema;

        public IDataView Transform(IDataView input) => mlContext.Data.FilterRowsByColumn(input, "Label", 0, 10);

        public void Save(ModelSaveContext context) => throw new NotSupportedException();
    }

    public sealed class LabelOnly
    {
        public float Label;
    }

    [Fact]
    public void A_filtered_out_example_is_an_error_and_the_engine_recovers()
    {
        var mlContext = new MLContext(1);
        using var engine = mlContext.Model.CreatePredictionEngine<LabelOnly, LabelOnly>(new FilteringTransformer(mlContext));
        Assert.Equal(3, engine.Predict(new LabelOnly { Label = 3 }).Label);
        Assert.Contains("no output row", Assert.Throws<InvalidOperationException>(() => engine.Predict(new LabelOnly { Label = 50 })).Message);
        Assert.Equal(4, engine.Predict(new LabelOnly { Label = 4 }).Label);
        engine.Dispose();
        Assert.Throws<ObjectDisposedException>(() => engine.Predict(new LabelOnly()));
    }

    /// <summary>A pipeline whose cursor reads one row ahead (as a batching step would) and ends when its input ends.</summary>
    private sealed class ReadAheadTransformer : ITransformer
    {
        public bool IsRowToRowMapper => false;

        public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => inputSchema;

        public IDataView Transform(IDataView input) => new ReadAheadView(input);

        public void Save(ModelSaveContext context) => throw new NotSupportedException();

        private sealed class ReadAheadView(IDataView input) : IDataView
        {
            public bool CanShuffle => false;

            public DataViewSchema Schema => input.Schema;

            public long? GetRowCount() => null;

            public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
                => new Cursor(input.GetRowCursor([input.Schema["Label"]]));

            private sealed class Cursor(DataViewRowCursor source) : DataViewRowCursor
            {
                private readonly ValueGetter<float> _label = source.GetGetter<float>(source.Schema["Label"]);
                private readonly Queue<float> _ahead = new();
                private float _current;
                private long _position = -1;
                private bool _ended;

                public override long Position => _position;

                public override DataViewSchema Schema => source.Schema;

                public override bool IsColumnActive(DataViewSchema.Column column) => column.Name == "Label";

                public override bool MoveNext()
                {
                    while (!_ended && _ahead.Count < 2)
                    {
                        if (!source.MoveNext())
                        {
                            _ended = true;
                            break;
                        }

                        float value = 0;
                        _label(ref value);
                        _ahead.Enqueue(value);
                    }

                    if (!_ahead.TryDequeue(out _current))
                    {
                        return false;
                    }

                    _position++;
                    return true;
                }

                public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
                    => (ValueGetter<TValue>)(object)(ValueGetter<float>)((ref float v) => v = _current);

                public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId id) => id = new((ulong)_position, 0);
            }
        }
    }

    [Fact]
    public void A_read_ahead_pipeline_is_reopened_and_stays_correct()
    {
        var mlContext = new MLContext(1);
        using var engine = mlContext.Model.CreatePredictionEngine<LabelOnly, LabelOnly>(new ReadAheadTransformer());
        Assert.Equal([1f, 2f, 3f], new[] { 1f, 2f, 3f }.Select(x => engine.Predict(new LabelOnly { Label = x }).Label));
    }

    [Fact]
    public void Pool_predicts_concurrently_with_single_threaded_results()
    {
        var mlContext = new MLContext(1);
        var examples = Enumerable.Range(0, 500).Select(Sample).ToArray();
        using var single = mlContext.Model.CreatePredictionEngine<Example, Prediction>(Model);
        var expected = examples.Select(e => single.Predict(e)).Select(p => (p.Score, string.Join(",", p.Tokens))).ToArray();

        using var pool = new PredictionEnginePool<Example, Prediction>(Model, maximumRetained: 4);
        Assert.Same(Model, pool.GetModel());
        var results = new (float, string)[8][];
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, t =>
        {
            results[t] = new (float, string)[examples.Length];
            for (int i = 0; i < examples.Length; i++)
            {
                int k = (i + 61 * t) % examples.Length;
                var p = pool.Predict(examples[k]);
                results[t][k] = (p.Score, string.Join(",", p.Tokens));
            }
        });
        Assert.All(results, r => Assert.Equal(expected, r));
    }

    [Fact]
    public void Pool_rents_distinct_engines_and_rejects_foreign_ones()
    {
        var mlContext = new MLContext(1);
        using var pool = new PredictionEnginePool<Example, Prediction>(Model, maximumRetained: 1);
        var a = pool.GetPredictionEngine();
        var b = pool.GetPredictionEngine();
        Assert.NotSame(a, b);
        pool.ReturnPredictionEngine(a);
        pool.ReturnPredictionEngine(b);
        Assert.Same(a, pool.GetPredictionEngine());
        Assert.Throws<ObjectDisposedException>(() => b.Predict(Sample(1)));

        using var foreign = mlContext.Model.CreatePredictionEngine<Example, Prediction>(Model);
        Assert.Throws<ArgumentException>(() => pool.ReturnPredictionEngine(foreign));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PredictionEnginePool<Example, Prediction>(Model, maximumRetained: 0));
        Assert.Throws<SchemaMismatchException>(() => new PredictionEnginePool<WrongExample, Prediction>(Model));
    }
}
