using MLNet.Recurrent.Engine.Nn;
using MLNet.Recurrent.Engine.Tensors;
using MLNet.Recurrent.Engine.Training;
using TrainerClass = MLNet.Recurrent.Engine.Training.Trainer;

namespace MLNet.Recurrent.Engine.Tests.Training.Trainer;

public sealed class TrainerTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mlnet-trainer-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static (SequenceSumTask Task, Adam Optimizer) Setup(long seed = 1, float dropout = 0f)
    {
        var model = new SequenceRegressor(hidden: 12, seed, dropout);
        return (new SequenceSumTask(model), new Adam(model.Parameters(), 0.01f));
    }

    [Fact]
    public void Fit_LearnsTheSumOfVariableLengthSequences()
    {
        var (task, optimizer) = Setup();
        var data = SequenceSumTask.MakeData(384, 3, 12, seed: 5);
        var trainer = new TrainerClass(new TrainerOptions { Epochs = 12, BatchSize = 32, ValidationFraction = 0.25, BucketByLength = true, Seed = 3 });
        TrainingResult result = trainer.Fit(task, optimizer, data);

        Assert.Equal(StopReason.Completed, result.StopReason);
        Assert.Equal(12, result.Epochs.Count);
        Assert.Equal(12 * 9, result.Steps);
        Assert.Equal(result.Steps, result.GradientNorms.Count);
        double first = result.Epochs[0].ValidationMetrics["loss"], last = result.Epochs[^1].ValidationMetrics["loss"];
        // Predicting 0 scores E[(Σx/4)²] ≈ L/48 ≈ 0.16 for L ≈ 7.5.
        Assert.True(last < 0.02 && last < first / 5, $"validation MSE {first} → {last}");
    }

    [Fact]
    public void Fit_ResumedFromACheckpoint_ReproducesTheUninterruptedRunExactly()
    {
        var data = SequenceSumTask.MakeData(96, 2, 9, seed: 8);
        string path = Path.Combine(_directory, "run.safetensors");
        TrainerOptions Options(int epochs, string? checkpoint) => new()
        {
            Epochs = epochs, BatchSize = 16, Seed = 4, ValidationFraction = 0.25, BucketByLength = true,
            EarlyStoppingPatience = 10, ClipGradientNorm = 1f, CheckpointPath = checkpoint,
        };

        var (fullTask, fullOptimizer) = Setup(seed: 2, dropout: 0.3f);
        var fullSchedule = new StepLR(fullOptimizer, stepSize: 2, gamma: 0.5f);
        TrainingResult full = new TrainerClass(Options(5, null)).Fit(fullTask, fullOptimizer, data, schedule: fullSchedule);

        var (firstTask, firstOptimizer) = Setup(seed: 2, dropout: 0.3f);
        new TrainerClass(Options(2, path)).Fit(firstTask, firstOptimizer, data, schedule: new StepLR(firstOptimizer, 2, 0.5f));
        Assert.Equal([path], Directory.GetFiles(_directory));

        // A fresh model with other initial weights: everything must come from the checkpoint.
        var (resumedTask, resumedOptimizer) = Setup(seed: 99, dropout: 0.3f);
        TrainingResult resumed = new TrainerClass(Options(5, path)).Fit(resumedTask, resumedOptimizer, data,
            schedule: new StepLR(resumedOptimizer, 2, 0.5f), resumeFrom: path);

        Assert.Equal(full.Steps, resumed.Steps);
        Assert.Equal(full.Epochs.Select(e => (e.TrainingLoss, e.ValidationMetrics["loss"], e.LearningRate)),
            resumed.Epochs.Select(e => (e.TrainingLoss, e.ValidationMetrics["loss"], e.LearningRate)));
        foreach (var (name, parameter) in fullTask.Model.NamedParameters())
        {
            Assert.Equal(parameter.ToArray(), resumedTask.Model.StateDict()[name].ToArray());
        }
    }

    [Fact]
    public void Fit_EarlyStopping_StopsAndRestoresTheBestWeights()
    {
        var (task, optimizer) = Setup();
        var metrics = new ScriptedMetricTask(task, [0.5, 0.3, 0.4, 0.35, 0.6, 0.1]);
        var weightsAtEpoch = new Dictionary<int, float[]>();
        var progress = new SynchronousProgress<TrainingProgress>(p =>
        {
            if (p.IsEpochEnd)
            {
                weightsAtEpoch[p.Epoch] = task.Model.StateDict()["head.weight"].ToArray();
            }
        });
        var data = SequenceSumTask.MakeData(64, 2, 5, seed: 1);
        TrainingResult result = new TrainerClass(new TrainerOptions { Epochs = 6, BatchSize = 16, ValidationFraction = 0.25, EarlyStoppingPatience = 3 })
            .Fit(metrics, optimizer, data, progress: progress);

        Assert.Equal(StopReason.EarlyStopped, result.StopReason);
        Assert.Equal(5, result.Epochs.Count);
        Assert.Equal(2, result.BestEpoch);
        Assert.Equal(0.3, result.BestMetric);
        Assert.Equal(weightsAtEpoch[2], task.Model.StateDict()["head.weight"].ToArray());
        Assert.NotEqual(weightsAtEpoch[5], weightsAtEpoch[2]);
    }

    [Fact]
    public void Fit_NonFiniteLoss_ThrowsAndKeepsTheLastGoodWeights()
    {
        var (task, optimizer) = Setup();
        var poisoned = new PoisonedTask(task, poisonAtCall: 4);
        var snapshots = new List<float[]>();
        poisoned.BeforeLoss = () => snapshots.Add(task.Model.StateDict()["head.weight"].ToArray());
        var data = SequenceSumTask.MakeData(64, 2, 5, seed: 1);
        var error = Assert.Throws<NonFiniteLossException>(() =>
            new TrainerClass(new TrainerOptions { Epochs = 3, BatchSize = 16 }).Fit(poisoned, optimizer, data));
        Assert.Equal(4, error.Step);
        Assert.Equal("loss", error.What);
        Assert.Contains("step 4", error.Message);
        // The 4th loss was computed from the weights after step 3 and came out NaN; the weights that last gave a
        // finite loss are those the 3rd loss was computed from.
        Assert.Equal(snapshots[2], task.Model.StateDict()["head.weight"].ToArray());
    }

    [Fact]
    public void Fit_Cancelled_StopsAfterTheCurrentStep()
    {
        var (task, optimizer) = Setup();
        using var cancellation = new CancellationTokenSource();
        var progress = new SynchronousProgress<TrainingProgress>(p =>
        {
            if (p.Step == 5)
            {
                cancellation.Cancel();
            }
        });
        TrainingResult result = new TrainerClass(new TrainerOptions { Epochs = 50, BatchSize = 8, ProgressEveryNSteps = 1 })
            .Fit(task, optimizer, SequenceSumTask.MakeData(64, 2, 5, seed: 1), progress: progress, cancellationToken: cancellation.Token);
        Assert.Equal(StopReason.Cancelled, result.StopReason);
        Assert.Equal(5, result.Steps);
    }

    [Fact]
    public void Fit_TruncatedBptt_StepsOncePerChunkAndCarriesDetachedState()
    {
        var (task, optimizer) = Setup();
        var recorder = new ChunkRecorder(task);
        var data = SequenceSumTask.MakeData(32, 10, 10, seed: 2);
        TrainingResult result = new TrainerClass(new TrainerOptions { Epochs = 2, BatchSize = 16, TruncatedBpttSteps = 4 })
            .Fit(recorder, optimizer, data);
        // 2 epochs × 2 batches × ⌈10/4⌉ chunks.
        Assert.Equal(12, result.Steps);
        Assert.Equal([0, 4, 8, 0, 4, 8], recorder.Starts.Take(6));
        Assert.Equal([4, 4, 2], recorder.Lengths.Take(3));
        Assert.Null(recorder.States[0]);
        Assert.All(recorder.States.Where((_, i) => i % 3 != 0), s => Assert.False(s!.Hidden.RequiresGrad));
    }

    [Fact]
    public void Fit_RecordsDiagnosticsOnRequest()
    {
        var (task, optimizer) = Setup();
        TrainingResult result = new TrainerClass(new TrainerOptions { Epochs = 1, BatchSize = 8, DiagnosticsEveryNSteps = 4 })
            .Fit(task, optimizer, SequenceSumTask.MakeData(64, 6, 6, seed: 1));
        Assert.Equal([1L, 4, 8], result.Diagnostics.Select(d => d.Step));
        DiagnosticsRecord record = result.Diagnostics[1];
        Assert.Equal(result.GradientNorms[3], record.GradientNorm);
        Assert.Equal(6, record.HiddenStateGradientNorms["rnn"][0, 0].Count);
        Assert.All(record.HiddenStateGradientNorms["rnn"][0, 0], v => Assert.True(v > 0));
        Assert.Single(record.SpectralNorms["rnn"]);
        Assert.False(((SequenceRegressor)task.Model).Rnn.RecordHiddenStateGradientNorms);
    }

    [Fact]
    public void Fit_ReportsProgressWithThroughput()
    {
        var (task, optimizer) = Setup();
        var reports = new List<TrainingProgress>();
        new TrainerClass(new TrainerOptions { Epochs = 2, BatchSize = 8, ProgressEveryNSteps = 2, ValidationFraction = 0.25 })
            .Fit(task, optimizer, SequenceSumTask.MakeData(64, 2, 5, seed: 1), progress: new SynchronousProgress<TrainingProgress>(reports.Add));
        Assert.Equal(2, reports.Count(r => r.IsEpochEnd));
        Assert.Equal(6, reports.Count(r => !r.IsEpochEnd));
        Assert.All(reports, r => Assert.True(r.SequencesPerSecond > 0 && r.GradientNorm > 0 && r.LearningRate == 0.01f));
        Assert.All(reports.Where(r => r.IsEpochEnd), r => Assert.NotNull(r.ValidationMetric));
    }

    [Fact]
    public void Options_AndArguments_AreValidated()
    {
        Assert.Equal("BatchSize", Assert.Throws<ArgumentOutOfRangeException>(() => new TrainerClass(new TrainerOptions { BatchSize = 0 })).ParamName);
        Assert.Equal("ValidationFraction", Assert.Throws<ArgumentOutOfRangeException>(() => new TrainerClass(new TrainerOptions { ValidationFraction = 1 })).ParamName);
        var (task, optimizer) = Setup();
        var trainer = new TrainerClass(new TrainerOptions());
        Assert.Equal("training", Assert.Throws<ArgumentException>(() => trainer.Fit(task, optimizer, Array.Empty<float[]>())).ParamName);
        var plateau = new ReduceLROnPlateau(optimizer);
        Assert.Equal("schedule", Assert.Throws<ArgumentException>(() => trainer.Fit(task, optimizer, SequenceSumTask.MakeData(8, 2, 3, 1), schedule: plateau)).ParamName);
        var other = new Sgd(new SequenceRegressor(4, 1).Parameters(), 0.1f);
        Assert.Equal("schedule", Assert.Throws<ArgumentException>(() => trainer.Fit(task, optimizer, SequenceSumTask.MakeData(8, 2, 3, 1), schedule: new StepLR(other, 1))).ParamName);
    }

    [Fact]
    public void BatchPlanner_BucketsCoverEveryExampleOnceWithSimilarLengths()
    {
        int[] lengths = [.. Enumerable.Range(0, 500).Select(i => (i * 37) % 101 + 1)];
        var batches = BatchPlanner.Plan(500, 20, shuffle: true, bucketByLength: true, poolBatches: 25, i => lengths[i], new RandomGenerator(1));
        Assert.Equal(Enumerable.Range(0, 500), batches.SelectMany(b => b).Order());
        double meanSpread = batches.Average(b => b.Max(i => lengths[i]) - b.Min(i => lengths[i]));
        Assert.True(meanSpread < 10, $"mean length spread within a batch {meanSpread}");
    }

    /// <summary>Delivers reports on the calling thread (Progress{T} would post them to the thread pool).</summary>
    private sealed class SynchronousProgress<T>(Action<T> handler) : IProgress<T>
    {
        public void Report(T value) => handler(value);
    }

    /// <summary>Trains like the inner task but returns scripted validation metrics, one per epoch.</summary>
    private sealed class ScriptedMetricTask(SequenceSumTask inner, double[] script) : ISupervisedTask<float[]>
    {
        private int _epoch = -1;
        private int _lastCall = -1;
        private int _calls;

        public Module Model => inner.Model;

        public int Length(float[] example) => inner.Length(example);

        public Tensor Loss(IReadOnlyList<float[]> batch)
        {
            _calls++;
            return inner.Loss(batch);
        }

        public IReadOnlyDictionary<string, double> Evaluate(IReadOnlyList<float[]> batch)
        {
            if (_calls != _lastCall)
            {
                _epoch++;
                _lastCall = _calls;
            }
            return new Dictionary<string, double> { ["loss"] = script[_epoch] };
        }
    }

    private sealed class PoisonedTask(SequenceSumTask inner, int poisonAtCall) : ISupervisedTask<float[]>
    {
        private int _calls;

        public Action? BeforeLoss { get; set; }

        public Module Model => inner.Model;

        public int Length(float[] example) => inner.Length(example);

        public Tensor Loss(IReadOnlyList<float[]> batch)
        {
            BeforeLoss?.Invoke();
            Tensor loss = inner.Loss(batch);
            return ++_calls == poisonAtCall ? loss * float.NaN : loss;
        }

        public IReadOnlyDictionary<string, double> Evaluate(IReadOnlyList<float[]> batch) => inner.Evaluate(batch);
    }

    private sealed class ChunkRecorder(SequenceSumTask inner) : ITruncatedBpttTask<float[]>
    {
        public List<int> Starts { get; } = [];

        public List<int> Lengths { get; } = [];

        public List<RecurrentState?> States { get; } = [];

        public Module Model => inner.Model;

        public int Length(float[] example) => inner.Length(example);

        public Tensor Loss(IReadOnlyList<float[]> batch) => inner.Loss(batch);

        public IReadOnlyDictionary<string, double> Evaluate(IReadOnlyList<float[]> batch) => inner.Evaluate(batch);

        public (Tensor Loss, RecurrentState State) ChunkLoss(IReadOnlyList<float[]> batch, int start, int length, RecurrentState? state)
        {
            Starts.Add(start);
            Lengths.Add(length);
            States.Add(state);
            return inner.ChunkLoss(batch, start, length, state);
        }
    }
}
