using MLNet.Recurrent.Data;
using static MLNet.Recurrent.Tests.Evaluation.CrossValidationTestEstimators;

namespace MLNet.Recurrent.Tests.Evaluation;

public class CrossValidationTests
{
    private const int Rows = 300;

    /// <summary>Id = row index, Label = a value per row, Group = row index / 10 (30 groups), X = a binary score.</summary>
    private static InMemoryDataView Data()
    {
        var random = new Random(5);
        return EvaluationData.View(
            ("Id", NumberDataViewType.Int32, Enumerable.Range(0, Rows).ToArray()),
            ("Label", NumberDataViewType.Single, Enumerable.Range(0, Rows).Select(_ => (float)random.NextDouble() * 10).ToArray()),
            ("Group", TextDataViewType.Instance, Enumerable.Range(0, Rows).Select(i => $"g{i / 10}".AsMemory()).ToArray()));
    }

    private static List<int> Ids(IDataView data) => EvaluationData.Read<int>(data, "Id");

    [Fact]
    public void Regression_folds_partition_the_rows_and_each_model_is_fitted_on_the_other_folds()
    {
        var data = Data();
        var labels = EvaluationData.Read<float>(data, "Label");
        var results = new MLContext(seed: 1).Regression.CrossValidate(data, new MeanRegressor(), numberOfFolds: 5, seed: 3);

        Assert.Equal([0, 1, 2, 3, 4], results.Select(r => r.Fold));
        var heldOut = results.Select(r => Ids(r.ScoredHoldOutSet)).ToArray();
        Assert.Equal(Enumerable.Range(0, Rows), heldOut.SelectMany(ids => ids).Order());
        Assert.All(heldOut, ids => Assert.InRange(ids.Count, Rows / 5 / 2, Rows / 5 * 2));
        foreach (var (result, ids) in results.Zip(heldOut))
        {
            float trainingMean = (float)Enumerable.Range(0, Rows).Except(ids).Select(i => labels[i]).Average();
            var model = Assert.IsType<ConstantTransformer>(result.Model);
            Assert.Equal(trainingMean, (float)model.Outputs[0].Value, 4);
            var direct = new MLContext().Regression.Evaluate(result.ScoredHoldOutSet);
            Assert.Equal(direct.MeanAbsoluteError, result.Metrics.MeanAbsoluteError, 12);
            double expectedMae = ids.Average(i => Math.Abs((double)labels[i] - (float)model.Outputs[0].Value));
            Assert.Equal(expectedMae, result.Metrics.MeanAbsoluteError, 9);
        }
    }

    [Fact]
    public void Fold_assignment_depends_only_on_the_seed()
    {
        var data = Data();
        List<int>[] Folds(MLContext context, int? seed)
            => context.Regression.CrossValidate(data, new MeanRegressor(), numberOfFolds: 3, seed: seed).Select(r => Ids(r.ScoredHoldOutSet)).ToArray();

        Assert.Equal(Folds(new MLContext(1), 7), Folds(new MLContext(2), 7));
        Assert.NotEqual(Folds(new MLContext(1), 7), Folds(new MLContext(1), 8));
        Assert.Equal(Folds(new MLContext(4), null), Folds(new MLContext(4), null));
    }

    [Fact]
    public void Fold_membership_follows_the_row_id_so_a_shuffled_cursor_sees_the_same_rows()
    {
        var result = new MLContext(1).Regression.CrossValidate(Data(), new MeanRegressor(), numberOfFolds: 4, seed: 2)[1];
        var holdOut = result.ScoredHoldOutSet;
        var shuffled = EvaluationData.Read<int>(holdOut, "Id", new Random(9));
        Assert.NotEqual(Ids(holdOut), shuffled);
        Assert.Equal(Ids(holdOut), shuffled.Order());
        Assert.Null(holdOut.GetRowCount());
    }

    [Fact]
    public void Sampling_key_keeps_every_group_in_one_fold()
    {
        var results = new MLContext(1).Regression.CrossValidate(Data(), new MeanRegressor(), numberOfFolds: 4, samplingKeyColumnName: "Group", seed: 1);
        var foldOfGroup = new Dictionary<int, int>();
        foreach (var result in results)
        {
            foreach (int id in Ids(result.ScoredHoldOutSet))
            {
                Assert.Equal(result.Fold, foldOfGroup.TryAdd(id / 10, result.Fold) ? result.Fold : foldOfGroup[id / 10]);
            }
        }

        Assert.Equal(30, foldOfGroup.Count);
        Assert.True(foldOfGroup.Values.Distinct().Count() > 1);
    }

    [Fact]
    public void Binary_and_multiclass_cross_validation_evaluate_each_fold_with_the_catalog_defaults()
    {
        var random = new Random(3);
        float[] x = Enumerable.Range(0, 200).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray();
        var binaryData = EvaluationData.View(
            ("X", NumberDataViewType.Single, x),
            ("Label", BooleanDataViewType.Instance, x.Select(v => v + random.NextDouble() - 0.5 > 0).ToArray()));
        var context = new MLContext(1);
        foreach (var result in context.BinaryClassification.CrossValidate(binaryData, new IdentityScorer(), numberOfFolds: 3, seed: 1))
        {
            var direct = context.BinaryClassification.Evaluate(result.ScoredHoldOutSet);
            Assert.Equal(direct.AreaUnderRocCurve, result.Metrics.AreaUnderRocCurve);
            Assert.Equal(direct.LogLoss, result.Metrics.LogLoss);
            Assert.InRange(result.Metrics.AreaUnderRocCurve, 0.8, 1.0);
        }

        Assert.Equal(3, context.BinaryClassification.CrossValidateNonCalibrated(binaryData, new IdentityScorer(), numberOfFolds: 3).Count);

        uint[] classes = Enumerable.Range(0, 200).Select(i => (uint)(i % 10 < 6 ? 1 : i % 10 < 9 ? 2 : 3)).ToArray();
        var multiclassData = EvaluationData.View(("Label", new KeyDataViewType(typeof(uint), 3), classes));
        foreach (var result in context.MulticlassClassification.CrossValidate(multiclassData, new PriorClassifier(3), numberOfFolds: 4, seed: 5))
        {
            var model = Assert.IsType<ConstantTransformer>(result.Model);
            float[] prior = (float[])model.Outputs[0].Value;
            Assert.True(prior[0] > prior[1] && prior[1] > prior[2]);
            Assert.Equal(result.Metrics.ConfusionMatrix.PerClassRecall[0], result.Metrics.MacroAccuracy * 3, 12);
            Assert.Equal(1.0, result.Metrics.ConfusionMatrix.PerClassRecall[0]);
        }
    }

    [Fact]
    public void Invalid_arguments_are_rejected_with_named_arguments()
    {
        var context = new MLContext(1);
        var tooFew = Assert.Throws<ArgumentOutOfRangeException>(() => context.Regression.CrossValidate(Data(), new MeanRegressor(), numberOfFolds: 1));
        Assert.Equal("numberOfFolds", tooFew.ParamName);
        Assert.Contains("expected ≥ 2, got 1", tooFew.Message);

        var missingKey = Assert.Throws<SchemaMismatchException>(() => context.Regression.CrossValidate(Data(), new MeanRegressor(), samplingKeyColumnName: "Nope"));
        Assert.Equal("Nope", missingKey.ColumnName);
        Assert.Equal("missing", missingKey.Actual);

        Assert.Throws<ArgumentNullException>(() => context.Regression.CrossValidate(Data(), null!));
    }
}
