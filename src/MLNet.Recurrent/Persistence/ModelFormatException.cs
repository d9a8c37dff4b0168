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

    private ModelFormatException(string filePath, ModelFormatException inEntry)
        : base($"model file '{filePath}', {inEntry.Message}", inEntry.InnerException)
    {
        ModelPath = inEntry.ModelPath;
        FilePath = filePath;
    }

    /// <summary>Where in the model the problem is.</summary>
    public string ModelPath { get; }

    /// <summary>The model file, when the model was loaded from a path (null for a stream).</summary>
    public string? FilePath { get; }

    /// <summary>This error with the model file's path added to the message.</summary>
    /// <param name="filePath">The file being loaded.</param>
    /// <returns>A new exception naming the file, the entry and the problem.</returns>
    internal ModelFormatException InFile(string filePath) => new(filePath, this);
}
