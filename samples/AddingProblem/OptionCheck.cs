namespace MLNet.Recurrent.Samples.AddingProblem;

/// <summary>The range check the samples' option records share.</summary>
public static class OptionCheck
{
    /// <summary>Throws unless <paramref name="condition"/> holds, with a message naming the option and saying expected vs actual.</summary>
    /// <param name="condition">Whether the option is in range.</param>
    /// <param name="name">The option's name.</param>
    /// <param name="actual">Its value.</param>
    /// <param name="expected">What it should be, in words.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="condition"/> is false.</exception>
    public static void Require(bool condition, string name, object? actual, string expected)
    {
        if (!condition)
        {
            throw new ArgumentOutOfRangeException(name, actual, $"{name}: expected {expected}, got {actual ?? "null"}.");
        }
    }
}
