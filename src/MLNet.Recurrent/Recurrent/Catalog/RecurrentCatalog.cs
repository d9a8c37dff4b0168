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

    /// <summary>A recurrent sequence regressor: one Single label per sequence (see <see cref="SequenceRegressionEstimator"/>).</summary>
    /// <param name="labelColumnName">The Single label column. Default "Label".</param>
    /// <param name="featureColumnName">The sequence column: a vector of keys or of Single. Default "Features".</param>
    /// <param name="cell">The recurrent cell. Default <see cref="RecurrentCellKind.Lstm"/>.</param>
    /// <param name="hiddenSize">H, units per layer and direction. Default 64.</param>
    /// <param name="numberOfEpochs">Passes over the training rows. Default 10.</param>
    /// <param name="attention">How the sequence is summarised. Default <see cref="RecurrentAttention.None"/> (final state).</param>
    /// <returns>The estimator.</returns>
    /// <exception cref="ArgumentException">An argument is out of range (the message names it).</exception>
    public SequenceRegressionEstimator SequenceRegression(string labelColumnName = RecurrentDefaults.Label,
        string featureColumnName = RecurrentDefaults.Features, RecurrentCellKind cell = RecurrentDefaults.Cell,
        int hiddenSize = RecurrentDefaults.HiddenSize, int numberOfEpochs = RecurrentDefaults.NumberOfEpochs,
        RecurrentAttention attention = RecurrentAttention.None)
        => SequenceRegression(Simple(new SequenceRegressionOptions { Attention = attention }, labelColumnName, featureColumnName, cell, hiddenSize, numberOfEpochs));

    /// <summary>A recurrent sequence regressor configured by <paramref name="options"/> (see <see cref="SequenceRegressionEstimator"/>).</summary>
    /// <param name="options">The options (checked here).</param>
    /// <returns>The estimator.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">An option is out of range (the message names it).</exception>
    /// <exception cref="NotSupportedException">The device is not the CPU.</exception>
    public SequenceRegressionEstimator SequenceRegression(SequenceRegressionOptions options) => new(Context, options);

    /// <summary>A recurrent forecaster: a window of past values predicts the next horizon values (see <see cref="RecurrentForecastingEstimator"/>).</summary>
    /// <param name="labelColumnName">The Vector&lt;Single&gt;[horizon] label column. Default "Horizon".</param>
    /// <param name="featureColumnName">The Vector&lt;Single&gt;[windowSize, features] window column. Default "Window".</param>
    /// <param name="cell">The recurrent cell. Default <see cref="RecurrentCellKind.Lstm"/>.</param>
    /// <param name="hiddenSize">H, units per layer and direction. Default 64.</param>
    /// <param name="numberOfEpochs">Passes over the training rows. Default 10.</param>
    /// <param name="attention">How the window is summarised. Default <see cref="RecurrentAttention.None"/> (final state).</param>
    /// <returns>The estimator.</returns>
    /// <exception cref="ArgumentException">An argument is out of range (the message names it).</exception>
    public RecurrentForecastingEstimator Forecasting(string labelColumnName = RecurrentDefaults.Horizon,
        string featureColumnName = RecurrentDefaults.Window, RecurrentCellKind cell = RecurrentDefaults.Cell,
        int hiddenSize = RecurrentDefaults.HiddenSize, int numberOfEpochs = RecurrentDefaults.NumberOfEpochs,
        RecurrentAttention attention = RecurrentAttention.None)
        => Forecasting(Simple(new ForecastingOptions { Attention = attention }, labelColumnName, featureColumnName, cell, hiddenSize, numberOfEpochs));

    /// <summary>A recurrent forecaster configured by <paramref name="options"/> (see <see cref="RecurrentForecastingEstimator"/>).</summary>
    /// <param name="options">The options (checked here).</param>
    /// <returns>The estimator.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">An option is out of range (the message names it).</exception>
    /// <exception cref="NotSupportedException">The device is not the CPU.</exception>
    public RecurrentForecastingEstimator Forecasting(ForecastingOptions options) => new(Context, options);

    /// <summary>A recurrent sequence tagger: one key label per step of the features (see <see cref="SequenceTaggingEstimator"/>).</summary>
    /// <param name="labelColumnName">The tag column: a variable-length vector of keys aligned with the features. Default "Label".</param>
    /// <param name="featureColumnName">The sequence column: a vector of keys or of Single. Default "Features".</param>
    /// <param name="cell">The recurrent cell. Default <see cref="RecurrentCellKind.Lstm"/>.</param>
    /// <param name="hiddenSize">H, units per layer and direction. Default 64.</param>
    /// <param name="numberOfEpochs">Passes over the training rows. Default 10.</param>
    /// <param name="bidirectional">Whether each step's tag may depend on the steps after it. Default true.</param>
    /// <returns>The estimator.</returns>
    /// <exception cref="ArgumentException">An argument is out of range (the message names it).</exception>
    public SequenceTaggingEstimator SequenceTagging(string labelColumnName = RecurrentDefaults.Label,
        string featureColumnName = RecurrentDefaults.Features, RecurrentCellKind cell = RecurrentDefaults.Cell,
        int hiddenSize = RecurrentDefaults.HiddenSize, int numberOfEpochs = RecurrentDefaults.NumberOfEpochs, bool bidirectional = true)
        => SequenceTagging(Simple(new SequenceTaggingOptions { Bidirectional = bidirectional }, labelColumnName, featureColumnName, cell, hiddenSize, numberOfEpochs));

    /// <summary>A recurrent sequence tagger configured by <paramref name="options"/> (see <see cref="SequenceTaggingEstimator"/>).</summary>
    /// <param name="options">The options (checked here).</param>
    /// <returns>The estimator.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">An option is out of range (the message names it).</exception>
    /// <exception cref="NotSupportedException">The device is not the CPU.</exception>
    public SequenceTaggingEstimator SequenceTagging(SequenceTaggingOptions options) => new(Context, options);

    /// <summary>An encoder–decoder with attention from a source key sequence to a target key sequence (see <see cref="SequenceToSequenceEstimator"/>).</summary>
    /// <param name="labelColumnName">The target column: a vector of keys. Default "Label".</param>
    /// <param name="featureColumnName">The source column: a vector of keys. Default "Features".</param>
    /// <param name="cell">The recurrent cell of the encoder and decoder. Default <see cref="RecurrentCellKind.Lstm"/>.</param>
    /// <param name="hiddenSize">H, units per layer (and encoder direction). Default 64.</param>
    /// <param name="numberOfEpochs">Passes over the training rows. Default 10.</param>
    /// <param name="attention">The decoder's attention: None, Additive or Luong. Default <see cref="RecurrentAttention.Luong"/>.</param>
    /// <param name="beamWidth">Hypotheses kept when generating; 1 decodes greedily. Default 1.</param>
    /// <returns>The estimator.</returns>
    /// <exception cref="ArgumentException">An argument is out of range (the message names it).</exception>
    public SequenceToSequenceEstimator SequenceToSequence(string labelColumnName = RecurrentDefaults.Label,
        string featureColumnName = RecurrentDefaults.Features, RecurrentCellKind cell = RecurrentDefaults.Cell,
        int hiddenSize = RecurrentDefaults.HiddenSize, int numberOfEpochs = RecurrentDefaults.NumberOfEpochs,
        RecurrentAttention attention = RecurrentAttention.Luong, int beamWidth = 1)
        => SequenceToSequence(Simple(new SequenceToSequenceOptions { Attention = attention, BeamWidth = beamWidth },
            labelColumnName, featureColumnName, cell, hiddenSize, numberOfEpochs));

    /// <summary>An encoder–decoder configured by <paramref name="options"/> (see <see cref="SequenceToSequenceEstimator"/>).</summary>
    /// <param name="options">The options (checked here).</param>
    /// <returns>The estimator.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">An option is out of range (the message names it).</exception>
    /// <exception cref="NotSupportedException">The device is not the CPU.</exception>
    public SequenceToSequenceEstimator SequenceToSequence(SequenceToSequenceOptions options) => new(Context, options);

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
