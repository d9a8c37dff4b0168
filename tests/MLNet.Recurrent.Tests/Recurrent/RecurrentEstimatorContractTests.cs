using MLNet.Recurrent.Persistence;
using MLNet.Recurrent.Data;
using MLNet.Recurrent.Engine.Nn;
using MLNet.Recurrent.Engine.Tensors;
using MLNet.Recurrent.Transforms;

namespace MLNet.Recurrent.Tests.Recurrent;

/// <summary>What every recurrent estimator promises: schema checks, option checks, seeds, save/load, batched lazy prediction.</summary>
public class RecurrentEstimatorContractTests
{
    private static SequenceClassificationOptions Tiny() => new()
    {
        Cell = RecurrentCellKind.Gru,
        HiddenSize = 8,
        EmbeddingSize = 4,
        NumberOfEpochs = 2,
        LearningRate = 0.02f,
    };

    private static SequenceClassificationTransformer FitTiny(int seed = 1, RecurrentAttention attention = RecurrentAttention.None)
    {
        var options = Tiny();
        options.Attention = attention;
        return new MLContext(seed).Transforms.Recurrent.SequenceClassification(options).Fit(SequenceData.ContainsToken(seed: 5, count: 64));
    }

    [Fact]
    public void Fit_rejects_a_missing_or_mistyped_column_naming_it()
    {
        var mlContext = new MLContext(1);
        var data = SequenceData.ContainsToken(seed: 1, count: 8);
        var missing = Assert.Throws<SchemaMismatchException>(() => mlContext.Transforms.Recurrent.SequenceClassification(labelColumnName: "Target").Fit(data));
        Assert.Equal("Target", missing.ColumnName);
        Assert.Equal("missing", missing.Actual);

        var mistypedLabel = Assert.Throws<SchemaMismatchException>(() => mlContext.Transforms.Recurrent.SequenceClassification(labelColumnName: "Id").Fit(data));
        Assert.Equal("Int32", mistypedLabel.Actual);
        Assert.Contains("Boolean", mistypedLabel.Expected);

        var mistypedFeatures = Assert.Throws<SchemaMismatchException>(() => mlContext.Transforms.Recurrent.SequenceClassification(featureColumnName: "Id").Fit(data));
        Assert.Equal("Id", mistypedFeatures.ColumnName);
        Assert.Contains("Vector<Key>", mistypedFeatures.Expected);

        var multiclassOnly = Assert.Throws<SchemaMismatchException>(() => mlContext.MulticlassClassification.Trainers.Recurrent().Fit(data));
        Assert.Equal("Key", multiclassOnly.Expected);
        Assert.Equal("Boolean", multiclassOnly.Actual);

        var shape = Assert.Throws<SchemaMismatchException>(() => mlContext.BinaryClassification.Trainers.Recurrent(featureColumnName: "Tokens")
            .GetOutputSchema(SchemaShape.Create(data.Schema)));
        Assert.Equal("inputSchema", shape.ParamName);
    }

    [Fact]
    public void Options_are_checked_when_the_estimator_is_created()
    {
        var catalog = new MLContext(1).Transforms.Recurrent;
        var hidden = Tiny();
        hidden.HiddenSize = 0;
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => catalog.SequenceClassification(hidden));
        Assert.Equal("options.HiddenSize", error.ParamName);
        Assert.Contains("expected at least 1, got 0", error.Message);

        var earlyStopping = Tiny();
        earlyStopping.EarlyStoppingPatience = 2;
        earlyStopping.ValidationFraction = 0;
        Assert.Equal("options.ValidationFraction", Assert.Throws<ArgumentOutOfRangeException>(() => catalog.SequenceClassification(earlyStopping)).ParamName);

        Assert.Equal("options.LabelColumnName", Assert.Throws<ArgumentException>(() => catalog.SequenceClassification(labelColumnName: "")).ParamName);
    }

    [Fact]
    public void A_device_other_than_the_cpu_is_rejected_with_a_clear_message()
    {
        // This build has no CUDA backend, so Device.Parse refuses "cuda:0"; build such a device the way a future backend would.
        var constructor = typeof(Device).GetConstructors(System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance).Single();
        var cpuBackend = constructor.GetParameters()[2].ParameterType.Assembly.GetType("MLNet.Recurrent.Engine.Kernels.Cpu.CpuBackend")!
            .GetProperty("Instance", System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic)!.GetValue(null);
        var cuda = (Device)constructor.Invoke([DeviceType.Cuda, 0, cpuBackend]);
        var options = Tiny();
        options.Device = cuda;

        var error = Assert.Throws<NotSupportedException>(() => new MLContext(1).Transforms.Recurrent.SequenceClassification(options));
        Assert.Contains("options.Device: expected cpu", error.Message);
        Assert.Contains("cuda:0", error.Message);
    }

    [Fact]
    public void The_same_seed_gives_identical_predictions_and_another_seed_different_ones()
    {
        var test = SequenceData.ContainsToken(seed: 9, count: 40);
        var first = SequenceData.Read<float>(FitTiny(seed: 7).Transform(test), "Score");
        var again = SequenceData.Read<float>(FitTiny(seed: 7).Transform(test), "Score");
        var other = SequenceData.Read<float>(FitTiny(seed: 8).Transform(test), "Score");
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);

        var explicitSeed = Tiny();
        explicitSeed.Seed = 123;
        Assert.Equal(123, new MLContext(1).Transforms.Recurrent.SequenceClassification(explicitSeed).Seed);
    }

    [Fact]
    public void Estimator_output_shape_matches_the_fitted_transformers_schema()
    {
        var data = SequenceData.FirstTokenClass(seed: 1, count: 32);
        var estimator = new MLContext(1).MulticlassClassification.Trainers.Recurrent(Tiny());
        var shape = estimator.GetOutputSchema(SchemaShape.Create(data.Schema));
        var schema = estimator.Fit(data).GetOutputSchema(data.Schema);
        Assert.Equal(SchemaShape.Create(schema).Select(c => c.ToString()), shape.Select(c => c.ToString()));
    }

    [Fact]
    public void Save_and_load_round_trip_gives_identical_predictions_and_history()
    {
        var model = FitTiny(attention: RecurrentAttention.Pooling);
        var loaded = ModelRoundTrip.SaveAndLoad<SequenceClassificationTransformer>(model, new MLContext(2));
        var test = SequenceData.ContainsToken(seed: 9, count: 40);
        Assert.Equal(SequenceData.Read<float>(model.Transform(test), "Score"), SequenceData.Read<float>(loaded.Transform(test), "Score"));
        Assert.Equal(model.GetAttentionWeights(test), loaded.GetAttentionWeights(test));
        Assert.Equal(model.TrainingHistory.TrainingLoss, loaded.TrainingHistory.TrainingLoss);
        Assert.Equal(model.TrainingHistory.TrainingRows, loaded.TrainingHistory.TrainingRows);
        Assert.Equal(model.Model.StateDict().Keys, loaded.Model.StateDict().Keys);
        Assert.Contains("encoder.rnn.weight_hh_l0", loaded.Model.StateDict().Keys);
    }

    [Fact]
    public void A_recurrent_estimator_appends_to_a_pipeline_and_the_fitted_chain_round_trips()
    {
        var mlContext = new MLContext(1);
        var data = SequenceData.ContainsToken(seed: 5, count: 64);
        var pipeline = new EstimatorChain<ITransformer>()
            .Append(mlContext.Transforms.Recurrent.SequenceClassification(Tiny()))
            .Append(mlContext.Transforms.Recurrent.SequenceClassification(new SequenceClassificationOptions
            {
                FeatureColumnName = "Features", ScoreColumnName = "Score2", ProbabilityColumnName = "Probability2", PredictedLabelColumnName = "Predicted2",
                HiddenSize = 4, NumberOfEpochs = 1,
            }));
        var model = pipeline.Fit(data);
        Assert.NotNull(model.LastTransformer);
        var loaded = ModelRoundTrip.SaveAndLoad<TransformerChain<ITransformer>>(model, mlContext);
        var output = model.Transform(data);
        var reloaded = loaded.Transform(data);
        Assert.Equal(SequenceData.Read<float>(output, "Score"), SequenceData.Read<float>(reloaded, "Score"));
        Assert.Equal(SequenceData.Read<bool>(output, "Predicted2"), SequenceData.Read<bool>(reloaded, "Predicted2"));
    }

    [Fact]
    public void Loading_a_damaged_model_names_the_node_and_the_problem()
    {
        var model = FitTiny();
        var mlContext = new MLContext(1);

        var missingWeight = Save(model);
        missingWeight.Tensors.Remove("head.bias");
        Assert.Contains("head.bias", Assert.Throws<ModelFormatException>(() => Load(missingWeight, mlContext)).Message);

        var newer = Save(model);
        newer.Version = 2;
        Assert.Contains("version 2", Assert.Throws<ModelFormatException>(() => Load(newer, mlContext)).Message);

        var noNetwork = Save(model);
        noNetwork.Manifest.Remove("network");
        var error = Assert.Throws<ModelFormatException>(() => Load(noNetwork, mlContext));
        Assert.Equal("model", error.ModelPath);
        Assert.Contains("'network'", error.Message);

        var badHeadSize = Save(model);
        badHeadSize.Manifest["network"]!["OutputSize"] = 3;
        Assert.Throws<ModelFormatException>(() => Load(badHeadSize, mlContext));

        static ModelNode Save(ICanSaveModel model)
        {
            var node = new ModelNode();
            model.Save(new ModelSaveContext(node));
            return node;
        }

        static ICanSaveModel Load(ModelNode node, MLContext mlContext)
            => ModelKinds.Load(new ModelLoadContext(node, mlContext, "model"));
    }

    [Fact]
    public void Transform_predicts_in_blocks_and_keeps_rows_and_pass_through_columns_aligned()
    {
        var model = FitTiny();
        var test = SequenceData.ContainsToken(seed: 9, count: 150);
        model.PredictionBatchSize = 1;
        var oneByOne = SequenceData.Read<float>(model.Transform(test), "Score");
        model.PredictionBatchSize = 64;
        var output = model.Transform(test);

        using var cursor = output.GetRowCursor([output.Schema["Id"], output.Schema["Score"]], new Random(4));
        var id = cursor.GetGetter<int>(output.Schema["Id"]);
        var score = cursor.GetGetter<float>(output.Schema["Score"]);
        var seen = new List<int>();
        while (cursor.MoveNext())
        {
            int i = 0;
            float s = 0;
            id(ref i);
            score(ref s);
            Assert.Equal(oneByOne[i], s, 1e-5f);
            Assert.Equal(seen.Count, cursor.Position);
            seen.Add(i);
        }

        Assert.Equal(Enumerable.Range(0, 150), seen.Order());
        Assert.NotEqual(Enumerable.Range(0, 150), seen);

        // The row-by-row getters of the RowToRowTransformerBase contract agree with the batched view.
        var rowByRow = SequenceData.Read<float>(new MappedDataView(test, model), "Score");
        Assert.Equal(oneByOne.Count, rowByRow.Count);
        Assert.All(oneByOne.Zip(rowByRow), pair => Assert.Equal(pair.First, pair.Second, 1e-5f));
    }

    [Fact]
    public void Transform_is_lazy_and_reads_no_features_for_pass_through_cursors()
    {
        var model = new MLContext(1).BinaryClassification.Trainers.Recurrent(new SequenceClassificationOptions
        {
            FeaturesPerStep = 2, HiddenSize = 4, NumberOfEpochs = 1, Cell = RecurrentCellKind.Gru,
        }).Fit(SequenceData.MeanSign(seed: 1, count: 16));
        var broken = new InMemoryDataView(
        [
            ("Features", new VectorDataViewType(NumberDataViewType.Single), SequenceData.ToFloatColumn([[1f, 2f, 3f]]), null),
            ("Label", BooleanDataViewType.Instance, new[] { true }, null),
        ]);

        var output = model.Transform(broken);
        Assert.Equal([true], SequenceData.Read<bool>(output, "Label"));
        var error = Assert.Throws<InvalidDataException>(() => SequenceData.Read<float>(output, "Score"));
        Assert.Contains("column 'Features', row 0: expected a multiple of 2 values", error.Message);
    }

    [Fact]
    public void Transform_rejects_features_of_another_vocabulary()
    {
        var model = FitTiny();
        var other = new InMemoryDataView([("Features", SequenceData.Keys(11), SequenceData.ToKeyColumn([[1u, 2u]]), null)]);
        var error = Assert.Throws<SchemaMismatchException>(() => model.Transform(other));
        Assert.Equal("Features", error.ColumnName);
        Assert.Contains("0-9", error.Expected);
    }

    [Fact]
    public void Rows_with_a_missing_label_are_skipped_and_counted()
    {
        var tokens = SequenceData.RandomTokens(new Random(1), 40, 10, 2, 6);
        uint[] labels = [.. Enumerable.Range(0, 40).Select(i => i % 4 == 0 ? 0u : (uint)(i % 2 + 1))];
        var data = new InMemoryDataView(
        [
            ("Features", SequenceData.Keys(10), SequenceData.ToKeyColumn(tokens), null),
            ("Label", new KeyDataViewType(typeof(uint), 2), labels, null),
        ]);
        var model = new MLContext(1).MulticlassClassification.Trainers.Recurrent(Tiny()).Fit(data);
        Assert.Equal(10, model.TrainingHistory.SkippedRows);
        Assert.Equal(30, model.TrainingHistory.TrainingRows);
        Assert.Null(model.ClassNames);
    }

    [Fact]
    public void Early_stopping_watches_the_validation_loss_and_keeps_the_best_epoch()
    {
        var random = new Random(3);
        var tokens = SequenceData.RandomTokens(random, 120, 10, 3, 8);
        var data = new InMemoryDataView(
        [
            ("Features", SequenceData.Keys(10), SequenceData.ToKeyColumn(tokens), null),
            ("Label", BooleanDataViewType.Instance, tokens.Select(_ => random.Next(2) == 0).ToArray(), null),
        ]);
        var options = Tiny();
        options.HiddenSize = 32;
        options.NumberOfEpochs = 40;
        options.EarlyStoppingPatience = 2;
        var history = new MLContext(1).BinaryClassification.Trainers.Recurrent(options).Fit(data).TrainingHistory;

        Assert.Equal(MLNet.Recurrent.Engine.Training.StopReason.EarlyStopped, history.StopReason);
        Assert.True(history.Epochs.Count < 40);
        Assert.Equal(history.Epochs.Count, history.ValidationLoss.Count);
        Assert.Equal(history.ValidationLoss.Min(), history.BestMetric);
        Assert.Contains("accuracy", history.Epochs[0].ValidationMetrics.Keys);
    }

    [Fact]
    public void Progress_reports_every_epoch_and_the_history_keeps_gradient_norms_and_diagnostics()
    {
        var reports = new ProgressLog();
        var options = Tiny();
        options.NumberOfEpochs = 3;
        options.BatchSize = 16;
        options.Progress = reports;
        options.DiagnosticsEveryNSteps = 2;
        var history = new MLContext(1).Transforms.Recurrent.SequenceClassification(options).Fit(SequenceData.ContainsToken(seed: 5, count: 64)).TrainingHistory;

        Assert.Equal([1, 2, 3], reports.Items.Where(r => r.IsEpochEnd).Select(r => r.Epoch));
        Assert.Equal(history.TrainingLoss, reports.Items.Where(r => r.IsEpochEnd).Select(r => r.Loss));
        Assert.Equal(12, history.GradientNorms.Count);
        Assert.Equal([1L, 2, 4, 6, 8, 10, 12], history.Diagnostics.Select(d => d.Step));
        Assert.Contains("encoder.rnn", history.Diagnostics[0].SpectralNorms.Keys);
        Assert.True(history.Epochs[^1].LearningRate < 0.02 * 0.1, "the cosine decay ends near 0");
    }

    /// <summary>Records reports synchronously (System.Progress would post them to the thread pool).</summary>
    private sealed class ProgressLog : IProgress<MLNet.Recurrent.Engine.Training.TrainingProgress>
    {
        public List<MLNet.Recurrent.Engine.Training.TrainingProgress> Items { get; } = [];

        public void Report(MLNet.Recurrent.Engine.Training.TrainingProgress value) => Items.Add(value);
    }
}
