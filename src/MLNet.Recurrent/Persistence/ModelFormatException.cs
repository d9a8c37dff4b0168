namespace MLNet.Recurrent.Persistence;

/// <summary>
/// A model file is corrupt, truncated, of a newer format, or not a model of this library. The message names the
/// file part (<see cref="ModelPath"/>) and what was wrong.
/// </summary>
public sealed class ModelFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="modelPath">Where in the model the problem is (e.g. "model/2" or the zip entry).</param>
    /// <param name="message">What was wrong.</param>
    /// <param name="inner">The underlying error, if any.</param>
    public ModelFormatException(string modelPath, string message, Exception? inner = null)
        : base($"{modelPath}: {message}", inner)
    {
        ModelPath = modelPath;
    }

    /// <summary>Where in the model the problem is.</summary>
    public string ModelPath { get; }
}
