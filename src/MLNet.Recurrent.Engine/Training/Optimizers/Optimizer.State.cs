using MLNet.Recurrent.Engine.Errors;
using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Engine.Training;

public abstract partial class Optimizer
{
    /// <summary>
    /// The optimizer's state, for a checkpoint: everything <see cref="LoadStateDict"/> needs to continue bit for bit.
    /// </summary>
    /// <returns>
    /// A new <see cref="TrainingState"/> (buffers are copied). Metadata: <c>format</c> = <c>mlnet-training-state/1</c>;
    /// <c>type</c> = the class name (<c>Adam</c>); <c>lr</c> (round-trip text of the double in use); <c>step_count</c>;
    /// the hyper-parameters under their PyTorch names (<c>beta1</c>, <c>beta2</c>, <c>eps</c>, <c>weight_decay</c>,
    /// <c>amsgrad</c>, <c>momentum</c>, ...); <c>parameter_count</c>; <c>parameters.{i}.shape</c> such as <c>(3, 4)</c>;
    /// and, for each parameter i that has been updated, <c>state.{i}.step</c> (its own update count). Tensors: for each
    /// such parameter, <c>state.{i}.{buffer}</c> with the parameter's shape, where buffer is PyTorch's state name
    /// (<c>momentum_buffer</c>; <c>exp_avg</c>, <c>exp_avg_sq</c>, <c>max_exp_avg_sq</c>; <c>square_avg</c>,
    /// <c>grad_avg</c>).
    /// </returns>
    public TrainingState StateDict()
    {
        Dictionary<string, string> metadata = TrainingStateReader.NewMetadata(GetType().Name, Settings());
        metadata["lr"] = HyperParameter.Format(_learningRate);
        metadata["step_count"] = HyperParameter.Format(StepCount);
        metadata["parameter_count"] = HyperParameter.Format(_parameters.Length);
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        for (int i = 0; i < _parameters.Length; i++)
        {
            metadata[$"parameters.{i}.shape"] = ShapeText.Format(_parameters[i].Shape);
            if (_states[i] is not { } state)
            {
                continue;
            }
            metadata[$"state.{i}.step"] = HyperParameter.Format(state.Step);
            for (int b = 0; b < _bufferNames.Length; b++)
            {
                tensors[$"state.{i}.{_bufferNames[b]}"] = Tensor.FromArray(state.Buffers[b], _parameters[i].ShapeArray);
            }
        }
        return new TrainingState(tensors, metadata);
    }

    /// <summary>
    /// Restores a state written by <see cref="StateDict"/> of an optimizer of the same type, hyper-parameters and
    /// parameter shapes: the learning rate, <see cref="StepCount"/>, and each parameter's step count and buffers.
    /// Nothing changes unless every check passes. The parameters' values are not part of the state (load them with
    /// the model).
    /// </summary>
    /// <param name="state">The state to restore (for a checkpoint file, see <see cref="TrainingState.FromFile"/>).</param>
    /// <exception cref="ArgumentNullException"><paramref name="state"/> is null.</exception>
    /// <exception cref="StateDictException">The state was written by another optimizer type or layout; a
    /// hyper-parameter or the parameter count differs; an entry is missing, malformed or unexpected.</exception>
    /// <exception cref="TensorShapeException">A buffer's shape differs from its parameter's.</exception>
    public void LoadStateDict(TrainingState state)
    {
        var reader = new TrainingStateReader(state, GetType().Name, Settings());
        long count = reader.Integer("parameter_count", 0);
        if (count != _parameters.Length)
        {
            throw new StateDictException("parameter_count", $"this optimizer has {_parameters.Length} parameters, the state has {count}.");
        }
        for (int i = 0; i < _parameters.Length; i++)
        {
            reader.Expect($"parameters.{i}.shape", ShapeText.Format(_parameters[i].Shape), $"shape of parameter {i}");
        }
        double learningRate = reader.Real("lr", nonNegativeFinite: true);
        long stepCount = reader.Integer("step_count", 0);
        var states = new ParameterState?[_parameters.Length];
        for (int i = 0; i < _parameters.Length; i++)
        {
            string stepKey = $"state.{i}.step";
            if (!reader.Has(stepKey))
            {
                continue;
            }
            long step = reader.Integer(stepKey, 1);
            var buffers = new float[_bufferNames.Length][];
            for (int b = 0; b < buffers.Length; b++)
            {
                buffers[b] = reader.Tensor($"state.{i}.{_bufferNames[b]}", _parameters[i].Shape);
            }
            states[i] = new ParameterState(step, buffers);
        }
        reader.RequireNoOthers();

        _learningRate = learningRate;
        StepCount = stepCount;
        states.CopyTo(_states, 0);
    }
}
