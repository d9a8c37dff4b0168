using MLNet.Recurrent.Data;

namespace MLNet.Recurrent.Transforms.Text;

/// <summary>
/// Splits text into words at separator characters (ML.NET's WordTokenizingEstimator); empty words are dropped.
/// Nothing to learn. For keys rather than words use <see cref="TokenizingEstimator"/>.
/// </summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>Input column</term><description>Output column</description></listheader>
/// <item><term>String, or a vector of String (words of every item, in order)</term><description>Vector&lt;String&gt;, variable length</description></item>
/// </list>
/// The words are slices of the input text (no copy).
/// </remarks>
public sealed class WordTokenizingEstimator : TrivialEstimator<WordTokenizingTransformer>
{
    /// <summary>Creates the estimator; prefer <c>mlContext.Transforms.Text.TokenizeIntoWords</c>.</summary>
    /// <param name="outputColumnName">The column of words to create.</param>
    /// <param name="inputColumnName">The text column; null means <paramref name="outputColumnName"/>.</param>
    /// <param name="separators">The separator characters; null means a single space.</param>
    /// <exception cref="ArgumentException"><paramref name="outputColumnName"/> is empty, or <paramref name="separators"/> is empty.</exception>
    public WordTokenizingEstimator(string outputColumnName, string? inputColumnName = null, char[]? separators = null)
        : base(new WordTokenizingTransformer(outputColumnName, inputColumnName, separators))
    {
    }

    /// <inheritdoc/>
    public override SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        TextInput.Check(inputSchema, Transformer.InputColumnName);
        return inputSchema.With([new SchemaShape.Column(Transformer.OutputColumnName, SchemaShape.Column.VectorKind.VariableVector, TextDataViewType.Instance, IsKey: false)]);
    }
}
