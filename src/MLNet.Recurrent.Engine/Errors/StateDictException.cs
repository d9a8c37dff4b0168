namespace MLNet.Recurrent.Engine.Errors;

/// <summary>
/// Thrown when a state dictionary (a set of named parameter tensors, e.g. a PyTorch <c>state_dict</c> read from
/// safetensors) does not fit a module: a name is missing or unexpected, or a value is NaN or infinite.
/// Shape mismatches raise <see cref="TensorShapeException"/>.
/// </summary>
public sealed class StateDictException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="parameterName">The parameter concerned (PyTorch name, e.g. <c>weight_hh_l0</c>).</param>
    /// <param name="message">What is wrong, with expected vs actual.</param>
    public StateDictException(string parameterName, string message)
        : base($"state['{parameterName}']: {message}", "state")
    {
        ParameterName = parameterName;
    }

    /// <summary>The parameter concerned.</summary>
    public string ParameterName { get; }
}
