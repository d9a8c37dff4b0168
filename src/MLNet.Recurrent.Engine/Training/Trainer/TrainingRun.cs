using System.Diagnostics;
using MLNet.Recurrent.Engine.Autograd;
using MLNet.Recurrent.Engine.Nn;
using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Engine.Training;

/// <summary>The state and loop of one <see cref="Trainer.Fit{TExample}"/> call.</summary>
internal sealed class TrainingRun<TExample>
{
    private const ulong ValidationSplitSalt = 0x5EED_5EED_5EED_5EEDUL;

    private readonly TrainerOptions _options;
    private readonly ISupervisedTask<TExample> _task;
    private readonly Optimizer _optimizer;
    private readonly LearningRateSchedule? _schedule;
    private readonly IProgress<TrainingProgress>? _progress;
    private readonly CancellationToken _cancellation;
    private readonly List<KeyValuePair<string, Tensor>> _parameters;
    private readonly List<KeyValuePair<string, RecurrentLayer>> _recurrentLayers;
    private readonly RandomGenerator _random;
    private readonly float[][] _lastGoodWeights;
    private bool _haveLastGoodWeights;

    private IReadOnlyList<TExample> _training;
    private IReadOnlyList<TExample>? _validation;
    private int _completedEpochs;
    private long _step;
    private int? _bestEpoch;
    private double? _bestMetric;
    private Dictionary<string, Tensor>? _bestWeights;
    private int _epochsWithoutImprovement;
    private readonly List<EpochRecord> _history = [];
    private readonly List<double> _gradientNorms = [];
    private readonly List<DiagnosticsRecord> _diagnostics = [];

    public TrainingRun(TrainerOptions options, ISupervisedTask<TExample> task, Optimizer optimizer,
        IReadOnlyList<TExample> training, IReadOnlyList<TExample>? validation, LearningRateSchedule? schedule,
        IProgress<TrainingProgress>? progress, CancellationToken cancellation)
    {
        _options = options;
        _task = task;
        _optimizer = optimizer;
        _schedule = schedule;
        _progress = progress;
        _cancellation = cancellation;
        _parameters = [.. task.Model.NamedParameters()];
        _recurrentLayers = [.. task.Model.NamedModules()
            .Where(m => m.Value is RecurrentLayer)
            .Select(m => new KeyValuePair<string, RecurrentLayer>(m.Key, (RecurrentLayer)m.Value))];
        _random = new RandomGenerator(options.Seed);
        _lastGoodWeights = [.. _parameters.Select(p => new float[p.Value.Count])];
        _training = training;
        _validation = validation;
        if (validation is null && options.ValidationFraction > 0)
        {
            SplitValidation(training);
        }
    }

    /// <summary>Holds out a seeded fraction of the training set (a generator of its own, so the split never shifts the shuffling stream).</summary>
    private void SplitValidation(IReadOnlyList<TExample> all)
    {
        int count = Math.Max(1, (int)Math.Round(all.Count * _options.ValidationFraction));
        if (count >= all.Count)
        {
            throw new ArgumentException($"training: ValidationFraction {_options.ValidationFraction} of {all.Count} examples leaves none to train on.", "training");
        }
        int[] order = [.. Enumerable.Range(0, all.Count)];
        new RandomGenerator(_options.Seed ^ unchecked((long)ValidationSplitSalt)).Shuffle(order.AsSpan());
        int[] validationIndices = [.. order[..count].Order()];
        var held = new HashSet<int>(validationIndices);
        _validation = [.. validationIndices.Select(i => all[i])];
        _training = [.. Enumerable.Range(0, all.Count).Where(i => !held.Contains(i)).Select(i => all[i])];
    }

    public void Resume(TrainingCheckpoint checkpoint)
    {
        TrainerState state = checkpoint.State;
        _task.Model.LoadStateDict(checkpoint.Model);
        _optimizer.LoadStateDict(checkpoint.Optimizer);
        if (_schedule is not null)
        {
            _schedule.LoadStateDict(checkpoint.Schedule
                ?? throw new InvalidDataException($"checkpoint: a schedule ({_schedule.GetType().Name}) was passed, but the checkpoint holds no schedule state."));
        }
        _random.SetState(state.TrainerRandomState);
        foreach (var (name, generator) in _task.Model.NamedGenerators())
        {
            if (state.ModuleRandomStates.TryGetValue(name, out ulong[]? words))
            {
                generator.SetState(words);
            }
        }
        _completedEpochs = state.Epoch;
        _step = state.Step;
        _bestEpoch = state.BestEpoch;
        _bestMetric = state.BestMetric;
        _bestWeights = checkpoint.Best?.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        _epochsWithoutImprovement = state.EpochsWithoutImprovement;
        _history.AddRange(state.History);
    }

    public TrainingResult Execute()
    {
        StopReason reason = StopReason.Completed;
        Module model = _task.Model;
        model.Train();
        for (int epoch = _completedEpochs + 1; epoch <= _options.Epochs; epoch++)
        {
            if (!RunEpoch(epoch))
            {
                reason = StopReason.Cancelled;
                break;
            }
            if (_options.EarlyStoppingPatience is int patience && _epochsWithoutImprovement >= patience)
            {
                reason = StopReason.EarlyStopped;
                break;
            }
        }
        if (_options.EarlyStoppingPatience is not null && _bestWeights is not null && reason != StopReason.Cancelled)
        {
            model.LoadStateDict(_bestWeights);
        }
        return new TrainingResult(_history, _gradientNorms, _diagnostics, reason, _bestEpoch, _bestMetric, _step);
    }

    /// <summary>One epoch; false when cancelled part-way.</summary>
    private bool RunEpoch(int epoch)
    {
        var clock = Stopwatch.StartNew();
        List<int[]> batches = BatchPlanner.Plan(_training.Count, _options.BatchSize, _options.Shuffle,
            _options.BucketByLength, _options.BucketPoolBatches, i => _task.Length(_training[i]), _random);
        double lossSum = 0;
        long examples = 0, stepsBefore = _step;
        foreach (int[] indices in batches)
        {
            if (_cancellation.IsCancellationRequested)
            {
                return false;
            }
            TExample[] batch = [.. indices.Select(i => _training[i])];
            double loss = _options.TruncatedBpttSteps is int k
                ? TrainTruncated((ITruncatedBpttTask<TExample>)_task, batch, k, epoch)
                : TrainStep(() => _task.Loss(batch), epoch);
            lossSum += loss * batch.Length;
            examples += batch.Length;
            if (_progress is not null && _step % _options.ProgressEveryNSteps == 0)
            {
                _progress.Report(new TrainingProgress(epoch, _step, loss, null, examples / clock.Elapsed.TotalSeconds,
                    _gradientNorms[^1], _optimizer.LearningRate, false));
            }
        }

        IReadOnlyDictionary<string, double> metrics = Validate();
        double? monitored = null;
        if (metrics.Count > 0)
        {
            if (!metrics.TryGetValue(_options.MonitorMetric, out double value))
            {
                throw new ArgumentException($"task: Evaluate returned [{string.Join(", ", metrics.Keys)}], expected it to include the monitored metric '{_options.MonitorMetric}'.", "task");
            }
            monitored = value;
            TrackBest(epoch, value);
        }
        if (_schedule is not null && !_options.StepScheduleEveryBatch)
        {
            if (_schedule.RequiresMetric)
            {
                _schedule.Step((float)(monitored ?? throw new ArgumentException(
                    $"schedule: {_schedule.GetType().Name} follows a metric, so expected a validation set (or ValidationFraction > 0), got none.", "schedule")));
            }
            else
            {
                _schedule.Step();
            }
        }
        var record = new EpochRecord(epoch, lossSum / examples, metrics, _step - stepsBefore, clock.Elapsed.TotalSeconds, _optimizer.LearningRate);
        _history.Add(record);
        _completedEpochs = epoch;
        _progress?.Report(new TrainingProgress(epoch, _step, record.TrainingLoss, monitored,
            examples / clock.Elapsed.TotalSeconds, _gradientNorms.Count > 0 ? _gradientNorms[^1] : 0, _optimizer.LearningRate, true));
        if (_options.CheckpointPath is not null)
        {
            WriteCheckpoint(_options.CheckpointPath);
        }
        return true;
    }

    /// <summary>Feeds the batch k steps at a time, carrying the detached state; one optimizer step per chunk. Returns the mean chunk loss.</summary>
    private double TrainTruncated(ITruncatedBpttTask<TExample> task, TExample[] batch, int chunk, int epoch)
    {
        int length = batch.Max(task.Length);
        RecurrentState? state = null;
        double sum = 0;
        int chunks = 0;
        for (int start = 0; start < length; start += chunk)
        {
            int size = Math.Min(chunk, length - start);
            RecurrentState? carried = state;
            sum += TrainStep(() =>
            {
                (Tensor loss, RecurrentState next) = task.ChunkLoss(batch, start, size, carried);
                state = next.Detach();
                return loss;
            }, epoch);
            chunks++;
        }
        return sum / chunks;
    }

    /// <summary>One optimizer step: loss, backward, checks, clipping, diagnostics, update. Returns the loss.</summary>
    private double TrainStep(Func<Tensor> computeLoss, int epoch)
    {
        long step = _step + 1;
        bool diagnose = _options.DiagnosticsEveryNSteps > 0 && (step == 1 || step % _options.DiagnosticsEveryNSteps == 0);
        foreach (var (_, layer) in _recurrentLayers)
        {
            layer.RecordHiddenStateGradientNorms = diagnose;
        }
        _optimizer.ZeroGrad();
        Tensor loss = computeLoss();
        double value = loss.ToScalar();
        if (!double.IsFinite(value))
        {
            RestoreLastGoodWeights();
            throw new NonFiniteLossException(epoch, step, "loss", value);
        }
        loss.Backward();
        double norm = GradientClipping.GlobalGradientNorm(_parameters.Select(p => p.Value));
        if (!double.IsFinite(norm))
        {
            // The current weights gave a finite loss: they are the last good ones.
            throw new NonFiniteLossException(epoch, step, "gradient norm", norm);
        }
        if (_options.ClipGradientValue is float clipValue)
        {
            GradientClipping.ClipGradientValue(_parameters.Select(p => p.Value), clipValue);
        }
        if (_options.ClipGradientNorm is float maxNorm)
        {
            GradientClipping.ClipGradientNorm(_parameters.Select(p => p.Value), maxNorm);
        }
        if (diagnose)
        {
            RecordDiagnostics(epoch, step, norm);
        }
        SaveLastGoodWeights();
        _optimizer.Step();
        _step = step;
        _gradientNorms.Add(norm);
        if (_options.StepScheduleEveryBatch)
        {
            _schedule?.Step();
        }
        return value;
    }

    private void RecordDiagnostics(int epoch, long step, double norm)
    {
        var profiles = new Dictionary<string, HiddenStateGradientNorms>();
        var spectral = new Dictionary<string, IReadOnlyList<HiddenWeightSpectralNorm>>();
        foreach (var (name, layer) in _recurrentLayers)
        {
            if (layer.LastHiddenStateGradientNorms is { } profile)
            {
                profiles[name] = profile;
            }
            spectral[name] = layer.HiddenWeightSpectralNorms();
            layer.RecordHiddenStateGradientNorms = false;
        }
        _diagnostics.Add(new DiagnosticsRecord(epoch, step, norm, profiles, spectral));
    }

    private IReadOnlyDictionary<string, double> Validate()
    {
        if (_validation is null || _validation.Count == 0)
        {
            return new Dictionary<string, double>();
        }
        Module model = _task.Model;
        model.Eval();
        var sums = new Dictionary<string, double>(StringComparer.Ordinal);
        using (GradMode.NoGrad())
        {
            for (int start = 0; start < _validation.Count; start += _options.BatchSize)
            {
                TExample[] batch = [.. Enumerable.Range(start, Math.Min(_options.BatchSize, _validation.Count - start)).Select(i => _validation[i])];
                foreach (var (name, value) in _task.Evaluate(batch))
                {
                    sums[name] = sums.GetValueOrDefault(name) + value * batch.Length;
                }
            }
        }
        model.Train();
        return sums.ToDictionary(p => p.Key, p => p.Value / _validation.Count, StringComparer.Ordinal);
    }

    private void TrackBest(int epoch, double value)
    {
        bool improved = _bestMetric is not double best
            || (_options.MaximizeMetric ? value > best + _options.EarlyStoppingMinDelta : value < best - _options.EarlyStoppingMinDelta);
        if (improved)
        {
            _bestMetric = value;
            _bestEpoch = epoch;
            _epochsWithoutImprovement = 0;
            if (_options.EarlyStoppingPatience is not null)
            {
                _bestWeights = _task.Model.StateDict();
            }
        }
        else
        {
            _epochsWithoutImprovement++;
        }
    }

    private void SaveLastGoodWeights()
    {
        for (int i = 0; i < _parameters.Count; i++)
        {
            _parameters[i].Value.CopyTo(_lastGoodWeights[i]);
        }
        _haveLastGoodWeights = true;
    }

    private void RestoreLastGoodWeights()
    {
        if (!_haveLastGoodWeights)
        {
            return;
        }
        using (GradMode.NoGrad())
        {
            for (int i = 0; i < _parameters.Count; i++)
            {
                Tensor parameter = _parameters[i].Value;
                parameter.CopyFrom(Tensor.FromArray(_lastGoodWeights[i], parameter.ShapeArray));
            }
        }
    }

    private void WriteCheckpoint(string path)
    {
        var state = new TrainerState
        {
            Epoch = _completedEpochs,
            Step = _step,
            LearningRate = _optimizer.LearningRate,
            TrainerRandomState = _random.GetState(),
            ModuleRandomStates = _task.Model.NamedGenerators().GroupBy(g => g.Key).ToDictionary(g => g.Key, g => g.First().Value.GetState()),
            BestEpoch = _bestEpoch,
            BestMetric = _bestMetric,
            EpochsWithoutImprovement = _epochsWithoutImprovement,
            History = _history,
        };
        new TrainingCheckpoint
        {
            State = state,
            Model = _task.Model.StateDict(),
            Best = _bestWeights,
            Optimizer = _optimizer.StateDict(),
            Schedule = _schedule?.StateDict(),
        }.Write(path);
    }
}
