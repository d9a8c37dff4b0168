using MLNet.Recurrent.Engine.Nn;
using MLNet.Recurrent.Transforms;

namespace MLNet.Recurrent;

/// <summary>
/// The recurrent trainers where ML.NET users look for trainers — <c>mlContext.BinaryClassification.Trainers.Recurrent</c>,
/// <c>MulticlassClassification.Trainers.Recurrent</c>, <c>Regression.Trainers.Recurrent</c> and
/// <c>Forecasting.Trainers.Recurrent</c> — returning the same estimators as <c>mlContext.Transforms.Recurrent</c>, with
/// the label type fixed by the task.
/// </summary>
public static class RecurrentTrainersCatalog
{
    /// <summary>A recurrent binary sequence classifier: Boolean label; outputs Score (logit), Probability and PredictedLabel.</summary>
    /// <param name="catalog">The binary classification trainers.</param>
    /// <param name="labelColumnName">The Boolean label column. Default "Label".</param>
    /// <param name="featureColumnName">The sequence column: a vector of keys or of Single. Default "Features".</param>
    /// <param name="cell">The recurrent cell. Default <see cref="RecurrentCellKind.Lstm"/>.</param>
    /// <param name="hiddenSize">H, units per layer and direction. Default 64.</param>
    /// <param name="numberOfEpochs">Passes over the training rows. Default 10.</param>
    /// <param name="attention">How the outputs are summarised: the final state (None) or attention pooling. Default None.</param>
    /// <returns>The estimator.</returns>
    /// <exception cref="ArgumentException">An argument is out of range (the message names it).</exception>
    public static SequenceClassificationEstimator Recurrent(this BinaryClassificationCatalog.BinaryClassificationTrainers catalog,
        string labelColumnName = RecurrentDefaults.Label, string featureColumnName = RecurrentDefaults.Features,
        RecurrentCellKind cell = RecurrentDefaults.Cell, int hiddenSize = RecurrentDefaults.HiddenSize, int numberOfEpochs = RecurrentDefaults.NumberOfEpochs,
        RecurrentAttention attention = RecurrentAttention.None)
        => catalog.Recurrent(RecurrentCatalog.Simple(new SequenceClassificationOptions { Attention = attention }, labelColumnName, featureColumnName, cell, hiddenSize, numberOfEpochs));

    /// <summary>A recurrent binary sequence classifier configured by <paramref name="options"/>; the label must be Boolean.</summary>
    /// <param name="catalog">The binary classification trainers.</param>
    /// <param name="options">The options (checked here).</param>
    /// <returns>The estimator.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An option is out of range (the message names it).</exception>
    /// <exception cref="NotSupportedException">The device is not the CPU.</exception>
    public static SequenceClassificationEstimator Recurrent(this BinaryClassificationCatalog.BinaryClassificationTrainers catalog,
        SequenceClassificationOptions options)
        => new(Context(catalog), options, ClassificationLabelKind.Binary);

    /// <summary>A recurrent multiclass sequence classifier: key label; outputs Score (class probabilities) and PredictedLabel (key).</summary>
    /// <param name="catalog">The multiclass classification trainers.</param>
    /// <param name="labelColumnName">The key label column. Default "Label".</param>
    /// <param name="featureColumnName">The sequence column: a vector of keys or of Single. Default "Features".</param>
    /// <param name="cell">The recurrent cell. Default <see cref="RecurrentCellKind.Lstm"/>.</param>
    /// <param name="hiddenSize">H, units per layer and direction. Default 64.</param>
    /// <param name="numberOfEpochs">Passes over the training rows. Default 10.</param>
    /// <param name="attention">How the outputs are summarised: the final state (None) or attention pooling. Default None.</param>
    /// <returns>The estimator.</returns>
    /// <exception cref="ArgumentException">An argument is out of range (the message names it).</exception>
    public static SequenceClassificationEstimator Recurrent(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog,
        string labelColumnName = RecurrentDefaults.Label, string featureColumnName = RecurrentDefaults.Features,
        RecurrentCellKind cell = RecurrentDefaults.Cell, int hiddenSize = RecurrentDefaults.HiddenSize, int numberOfEpochs = RecurrentDefaults.NumberOfEpochs,
        RecurrentAttention attention = RecurrentAttention.None)
        => catalog.Recurrent(RecurrentCatalog.Simple(new SequenceClassificationOptions { Attention = attention }, labelColumnName, featureColumnName, cell, hiddenSize, numberOfEpochs));

    /// <summary>A recurrent multiclass sequence classifier configured by <paramref name="options"/>; the label must be a key.</summary>
    /// <param name="catalog">The multiclass classification trainers.</param>
    /// <param name="options">The options (checked here).</param>
    /// <returns>The estimator.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An option is out of range (the message names it).</exception>
    /// <exception cref="NotSupportedException">The device is not the CPU.</exception>
    public static SequenceClassificationEstimator Recurrent(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog,
        SequenceClassificationOptions options)
        => new(Context(catalog), options, ClassificationLabelKind.Multiclass);

    /// <summary>A recurrent sequence regressor: Single label; outputs Score.</summary>
    /// <param name="catalog">The regression trainers.</param>
    /// <param name="labelColumnName">The Single label column. Default "Label".</param>
    /// <param name="featureColumnName">The sequence column: a vector of keys or of Single. Default "Features".</param>
    /// <param name="cell">The recurrent cell. Default <see cref="RecurrentCellKind.Lstm"/>.</param>
    /// <param name="hiddenSize">H, units per layer and direction. Default 64.</param>
    /// <param name="numberOfEpochs">Passes over the training rows. Default 10.</param>
    /// <param name="attention">How the outputs are summarised: the final state (None) or attention pooling. Default None.</param>
    /// <returns>The estimator.</returns>
    /// <exception cref="ArgumentException">An argument is out of range (the message names it).</exception>
    public static SequenceRegressionEstimator Recurrent(this RegressionCatalog.RegressionTrainers catalog,
        string labelColumnName = RecurrentDefaults.Label, string featureColumnName = RecurrentDefaults.Features,
        RecurrentCellKind cell = RecurrentDefaults.Cell, int hiddenSize = RecurrentDefaults.HiddenSize, int numberOfEpochs = RecurrentDefaults.NumberOfEpochs,
        RecurrentAttention attention = RecurrentAttention.None)
        => new RecurrentCatalog(Context(catalog)).SequenceRegression(labelColumnName, featureColumnName, cell, hiddenSize, numberOfEpochs, attention);

    /// <summary>A recurrent sequence regressor configured by <paramref name="options"/>.</summary>
    /// <param name="catalog">The regression trainers.</param>
    /// <param name="options">The options (checked here).</param>
    /// <returns>The estimator.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An option is out of range (the message names it).</exception>
    /// <exception cref="NotSupportedException">The device is not the CPU.</exception>
    public static SequenceRegressionEstimator Recurrent(this RegressionCatalog.RegressionTrainers catalog, SequenceRegressionOptions options)
        => new(Context(catalog), options);

    /// <summary>A recurrent forecaster: window Vector&lt;Single&gt;[windowSize, features] → Score Vector&lt;Single&gt;[horizon].</summary>
    /// <param name="catalog">The forecasting trainers.</param>
    /// <param name="labelColumnName">The horizon column. Default "Horizon".</param>
    /// <param name="featureColumnName">The window column. Default "Window".</param>
    /// <param name="cell">The recurrent cell. Default <see cref="RecurrentCellKind.Lstm"/>.</param>
    /// <param name="hiddenSize">H, units per layer and direction. Default 64.</param>
    /// <param name="numberOfEpochs">Passes over the training rows. Default 10.</param>
    /// <param name="attention">How the outputs are summarised: the final state (None) or attention pooling. Default None.</param>
    /// <returns>The estimator.</returns>
    /// <exception cref="ArgumentException">An argument is out of range (the message names it).</exception>
    public static RecurrentForecastingEstimator Recurrent(this ForecastingCatalog.Forecasters catalog,
        string labelColumnName = RecurrentDefaults.Horizon, string featureColumnName = RecurrentDefaults.Window,
        RecurrentCellKind cell = RecurrentDefaults.Cell, int hiddenSize = RecurrentDefaults.HiddenSize, int numberOfEpochs = RecurrentDefaults.NumberOfEpochs,
        RecurrentAttention attention = RecurrentAttention.None)
        => new RecurrentCatalog(Context(catalog)).Forecasting(labelColumnName, featureColumnName, cell, hiddenSize, numberOfEpochs, attention);

    /// <summary>A recurrent forecaster configured by <paramref name="options"/>.</summary>
    /// <param name="catalog">The forecasting trainers.</param>
    /// <param name="options">The options (checked here).</param>
    /// <returns>The estimator.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An option is out of range (the message names it).</exception>
    /// <exception cref="NotSupportedException">The device is not the CPU.</exception>
    public static RecurrentForecastingEstimator Recurrent(this ForecastingCatalog.Forecasters catalog, ForecastingOptions options)
        => new(Context(catalog), options);

    private static MLContext Context(CatalogBase catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return CatalogBase.GetContext(catalog);
    }
}
