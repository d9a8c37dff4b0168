using MLNet.Recurrent.Engine.Nn;
using MLNet.Recurrent.Transforms;

namespace MLNet.Recurrent;

/// <summary>
/// The recurrent estimators, <c>mlContext.Transforms.Recurrent</c>. Each has a simple overload (column names and the
/// main hyper-parameters) and an overload taking its options class.
/// </summary>
/// <example>
/// <code>
/// var pipeline = mlContext.Transforms.Text.TokenizeIntoWordsAsKeys("Tokens", "Text")
///     .Append(mlContext.Transforms.Recurrent.SequenceClassification(labelColumnName: "Label", featureColumnName: "Tokens"));
/// </code>
/// </example>
public sealed class RecurrentCatalog : CatalogBase
{
    internal RecurrentCatalog(MLContext context) : base(context)
    {
    }

    /// <summary>A recurrent sequence classifier: binary for a Boolean label, multiclass for a key label (see <see cref="SequenceClassificationEstimator"/>).</summary>
    /// <param name="labelColumnName">The label column: Boolean or a key. Default "Label".</param>
    /// <param name="featureColumnName">The sequence column: a vector of keys or of Single. Default "Features".</param>
    /// <param name="cell">The recurrent cell. Default <see cref="RecurrentCellKind.Lstm"/>.</param>
    /// <param name="hiddenSize">H, units per layer and direction. Default 64.</param>
    /// <param name="numberOfEpochs">Passes over the training rows. Default 10.</param>
    /// <param name="attention">How the sequence is summarised. Default <see cref="RecurrentAttention.None"/> (final state).</param>
    /// <returns>The estimator.</returns>
    /// <exception cref="ArgumentException">An argument is out of range (the message names it).</exception>
    public SequenceClassificationEstimator SequenceClassification(string labelColumnName = RecurrentDefaults.Label,
        string featureColumnName = RecurrentDefaults.Features, RecurrentCellKind cell = RecurrentDefaults.Cell,
        int hiddenSize = RecurrentDefaults.HiddenSize, int numberOfEpochs = RecurrentDefaults.NumberOfEpochs,
        RecurrentAttention attention = RecurrentAttention.None)
        => SequenceClassification(Simple(new SequenceClassificationOptions { Attention = attention }, labelColumnName, featureColumnName, cell, hiddenSize, numberOfEpochs));

    /// <summary>A recurrent sequence classifier configured by <paramref name="options"/> (see <see cref="SequenceClassificationEstimator"/>).</summary>
    /// <param name="options">The options (checked here).</param>
    /// <returns>The estimator.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">An option is out of range (the message names it).</exception>
    /// <exception cref="NotSupportedException">The device is not the CPU.</exception>
    public SequenceClassificationEstimator SequenceClassification(SequenceClassificationOptions options) => new(Context, options);

    /// <summary>Fills the simple overloads' arguments into options.</summary>
    internal static TOptions Simple<TOptions>(TOptions options, string labelColumnName, string featureColumnName,
        RecurrentCellKind cell, int hiddenSize, int numberOfEpochs)
        where TOptions : RecurrentOptions
    {
        options.LabelColumnName = labelColumnName;
        options.FeatureColumnName = featureColumnName;
        options.Cell = cell;
        options.HiddenSize = hiddenSize;
        options.NumberOfEpochs = numberOfEpochs;
        return options;
    }
}
