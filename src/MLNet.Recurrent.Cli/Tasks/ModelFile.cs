using MLNet.Recurrent.Cli.Errors;
using MLNet.Recurrent.Persistence;

namespace MLNet.Recurrent.Cli.Tasks;

/// <summary>Loads a model zip named by <c>--model</c> and describes it.</summary>
internal static class ModelFile
{
    /// <summary>Loads <paramref name="path"/> with the library's <c>mlContext.Model.Load</c>.</summary>
    /// <param name="mlContext">The context.</param>
    /// <param name="path">The model zip.</param>
    /// <returns>The pipeline's description.</returns>
    /// <exception cref="CliDataException">The file does not exist, cannot be read, is not a valid model file (a <see cref="ModelFormatException"/>
    /// from the library, wrapped with the path), or holds a pipeline this tool cannot use.</exception>
    public static ModelDescription Load(MLContext mlContext, string path)
    {
        if (!File.Exists(path))
        {
            throw new CliDataException($"--model: expected an existing model zip, got '{path}', which does not exist.");
        }

        ITransformer model;
        DataViewSchema? inputSchema;
        try
        {
            model = mlContext.Model.Load(path, out inputSchema);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliDataException($"--model: cannot read '{path}': {e.Message}", e);
        }
        catch (ModelFormatException e)
        {
            throw new CliDataException($"--model: expected a model zip written by mlnet-recurrent train; {e.Message}", e);
        }

        return ModelDescription.Inspect(model, inputSchema);
    }
}
