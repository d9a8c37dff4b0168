using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent;

/// <summary>
/// The starting point of every pipeline (ML.NET's MLContext): catalogs of data operations, transforms, trainers,
/// evaluators and model operations, and the seed that makes a run reproducible.
/// </summary>
/// <example>
/// <code>
/// var mlContext = new MLContext(seed: 1);
/// var data = mlContext.Data.LoadFromTextFile&lt;WordRow&gt;("words.tsv", hasHeader: true);
/// var pipeline = mlContext.Transforms.Conversion.MapValueToKey("Label")
///     .Append(mlContext.Transforms.Text.TokenizeIntoCharactersAsKeys("Tokens", "Word"))
///     .Append(mlContext.Transforms.Recurrent.SequenceClassification("Label", "Tokens"));
/// var model = pipeline.Fit(data);
/// </code>
/// </example>
public sealed class MLContext
{
    private readonly RandomGenerator _seeds;
    private readonly object _seedLock = new();

    /// <summary>Creates a context.</summary>
    /// <param name="seed">Fixes initialisation, shuffling, splits and dropout of everything created from this context; null draws a random seed.</param>
    public MLContext(int? seed = null)
    {
        Seed = seed;
        _seeds = new RandomGenerator(seed ?? Random.Shared.Next());
        Data = new DataOperationsCatalog(this);
        Transforms = new TransformsCatalog(this);
        BinaryClassification = new BinaryClassificationCatalog(this);
        MulticlassClassification = new MulticlassClassificationCatalog(this);
        Regression = new RegressionCatalog(this);
        Forecasting = new ForecastingCatalog(this);
        Model = new ModelOperationsCatalog(this);
    }

    /// <summary>The seed given at construction (null: random).</summary>
    public int? Seed { get; }

    /// <summary>Loading, splitting, shuffling and caching data.</summary>
    public DataOperationsCatalog Data { get; }

    /// <summary>Featurisers and the recurrent estimators (<c>Transforms.Recurrent</c>).</summary>
    public TransformsCatalog Transforms { get; }

    /// <summary>Binary classification trainers and evaluation.</summary>
    public BinaryClassificationCatalog BinaryClassification { get; }

    /// <summary>Multiclass classification trainers and evaluation.</summary>
    public MulticlassClassificationCatalog MulticlassClassification { get; }

    /// <summary>Regression trainers and evaluation.</summary>
    public RegressionCatalog Regression { get; }

    /// <summary>Forecasting trainers and evaluation.</summary>
    public ForecastingCatalog Forecasting { get; }

    /// <summary>Saving, loading and serving models.</summary>
    public ModelOperationsCatalog Model { get; }

    /// <summary>
    /// The next seed for a component (a shuffle, a split, a network's initialisation). Seeds are drawn in call order
    /// from the context's seed, so the same program with the same seed draws the same seeds.
    /// </summary>
    /// <returns>A non-negative seed.</returns>
    internal int NextSeed()
    {
        lock (_seedLock)
        {
            return (int)(_seeds.NextUInt64() >> 33);
        }
    }
}
