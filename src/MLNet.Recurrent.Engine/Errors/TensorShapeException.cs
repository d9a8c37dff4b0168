namespace MLNet.Recurrent.Engine.Errors;

/// <summary>
/// Thrown when a tensor argument has the wrong rank or sizes. The message names the argument and states
/// the expected shape next to the actual one, e.g.
/// <c>input: expected shape (L, N, H_in=10), got (5, 3, 12)</c>.
/// </summary>
public sealed class TensorShapeException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="paramName">The argument whose shape is wrong.</param>
    /// <param name="expected">A description of the expected shape, in the dimension legend (N, L, D, H_in, H_out).</param>
    /// <param name="actual">The shape that came.</param>
    public TensorShapeException(string paramName, string expected, string actual)
        : base($"{paramName}: expected shape {expected}, got {actual}.", paramName)
    {
        Expected = expected;
        Actual = actual;
    }

    /// <summary>The expected shape, as text.</summary>
    public string Expected { get; }

    /// <summary>The shape that came, as text.</summary>
    public string Actual { get; }
}
