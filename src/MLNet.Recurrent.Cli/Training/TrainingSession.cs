using System.Diagnostics;
using System.Globalization;
using MLNet.Recurrent.Cli.Errors;
using MLNet.Recurrent.Cli.Input;
using MLNet.Recurrent.Cli.Scoring;
using MLNet.Recurrent.Cli.Tasks;
using MLNet.Recurrent.Data;
using MLNet.Recurrent.Engine.Training;

namespace MLNet.Recurrent.Cli.Training;

/// <summary>
/// The data of a <c>train</c> or <c>compare</c> run, split once so every model sees the same rows: a seeded random
/// split of the rows for text tasks; for forecasting, the series cut into windows (cached: training makes many
/// passes) and split in time — the oldest windows train, the most recent <c>--test-fraction</c> are held out after a
/// gap of H − 1 windows, so no held-out target was ever a training target.
/// </summary>
internal sealed class TrainingSession
{
    private readonly MLContext _mlContext;
    private readonly ITransformer? _windowing;

    private TrainingSession(MLContext mlContext, TaskSpec task, IDataView all, IDataView trainSet, IDataView testSet, ITransformer? windowing, string split)
    {
        _mlContext = mlContext;
        Task = task;
        All = all;
        TrainSet = trainSet;
        TestSet = testSet;
        _windowing = windowing;
        SplitDescription = split;
    }

    /// <summary>The task.</summary>
    public TaskSpec Task { get; }

    /// <summary>The raw rows of the file (the saved model's input schema).</summary>
    public IDataView All { get; }

    /// <summary>The training rows (forecasting: windows).</summary>
    public IDataView TrainSet { get; }

    /// <summary>The held-out rows (forecasting: windows).</summary>
    public IDataView TestSet { get; }

    /// <summary>How the data was split, in words.</summary>
    public string SplitDescription { get; }

    /// <summary>Loads the task's columns from <paramref name="file"/> and splits them.</summary>
    /// <param name="mlContext">The context.</param>
    /// <param name="file">The data file.</param>
    /// <param name="task">The task and columns.</param>
    /// <param name="testFraction">The share held out, in (0, 1).</param>
    /// <param name="seed">The seed of the random split.</param>
    /// <returns>The session.</returns>
    /// <exception cref="CliDataException">A column is missing, or a series is too short for one training and one held-out window.</exception>
    public static TrainingSession Create(MLContext mlContext, DelimitedFile file, TaskSpec task, double testFraction, int seed)
    {
        IDataView all = file.Load(mlContext, task.TrainingColumns());
        if (task.Kind != TaskKind.Forecasting)
        {
            var split = mlContext.Data.TrainTestSplit(all, testFraction, seed: seed);
            return new TrainingSession(mlContext, task, all, split.TrainSet, split.TestSet, null,
                string.Create(CultureInfo.InvariantCulture, $"random {testFraction:P0} held out (seed {seed})"));
        }

        var windowing = PipelineFactory.Windowing(mlContext, task).Fit(all);
        IDataView windows = mlContext.Data.Cache(windowing.Transform(all));
        long count = 0;
        using (var cursor = windows.GetRowCursor([]))
        {
            while (cursor.MoveNext())
            {
                count++;
            }
        }

        int trainCount = (int)Math.Round(count * (1 - testFraction));
        long testCount = count - trainCount - (task.Horizon - 1);
        if (trainCount < 1 || testCount < 1)
        {
            throw new CliDataException(string.Create(CultureInfo.InvariantCulture,
                $"--series: expected a series long enough for training and held-out windows of {task.Window} + {task.Horizon} values, got {count} windows " +
                $"({trainCount} to train, {Math.Max(testCount, 0)} to hold out with --test-fraction {testFraction}); use a smaller --window or --horizon."));
        }

        return new TrainingSession(mlContext, task, all, mlContext.Data.TakeRows(windows, trainCount),
            mlContext.Data.SkipRows(windows, trainCount + task.Horizon - 1), windowing,
            string.Create(CultureInfo.InvariantCulture, $"{count} windows: the oldest {trainCount} train, the most recent {testCount} are held out"));
    }

    /// <summary>Fits one model on the training rows and evaluates it on the held-out rows.</summary>
    /// <param name="network">The network and budget.</param>
    /// <param name="progress">Training progress, or null.</param>
    /// <returns>The model and its metrics.</returns>
    public TrainedModel Train(NetworkSettings network, IProgress<TrainingProgress>? progress)
    {
        var stopwatch = Stopwatch.StartNew();
        ITransformer model;
        IDataView scored;
        if (_windowing is null)
        {
            model = PipelineFactory.TextPipeline(_mlContext, Task, network, progress).Fit(TrainSet);
            scored = model.Transform(TestSet);
        }
        else
        {
            var forecaster = PipelineFactory.Forecaster(_mlContext, Task, network, progress).Fit(TrainSet);
            model = new TransformerChain<ITransformer>(_windowing, forecaster);
            scored = forecaster.Transform(TestSet);
        }

        double seconds = stopwatch.Elapsed.TotalSeconds;
        var description = ModelDescription.Inspect(model, All.Schema);
        var trainingCounts = Task.Kind == TaskKind.Classification ? Baselines.ClassCounts(model.Transform(TrainSet)) : null;
        var evaluation = TaskScorer.Score(_mlContext, description, scored, trainingCounts);
        return new TrainedModel(network, description, evaluation, seconds, description.Recurrent.TrainingHistory);
    }

    /// <summary>Saves a trained pipeline with the raw rows' schema (atomically: the library writes a temporary file and renames it).</summary>
    /// <param name="model">The model.</param>
    /// <param name="path">The zip to write.</param>
    /// <exception cref="CliDataException">The file cannot be written.</exception>
    public void Save(TrainedModel model, string path)
    {
        try
        {
            _mlContext.Model.Save(model.Model.Model, All.Schema, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliDataException($"--model: cannot write '{path}': {e.Message}", e);
        }
    }
}
