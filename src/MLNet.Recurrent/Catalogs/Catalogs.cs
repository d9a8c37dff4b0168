namespace MLNet.Recurrent;

/// <summary>Base of the catalogs hanging off <see cref="MLContext"/>: each knows its context.</summary>
public abstract class CatalogBase
{
    private protected CatalogBase(MLContext context) => Context = context;

    /// <summary>The context this catalog belongs to.</summary>
    internal MLContext Context { get; }

    /// <summary>The context this catalog belongs to (for extension methods in other assemblies).</summary>
    /// <param name="catalog">A catalog.</param>
    /// <returns>Its context.</returns>
    public static MLContext GetContext(CatalogBase catalog) => catalog.Context;
}

/// <summary>Data operations: <c>mlContext.Data</c> (ML.NET's DataOperationsCatalog).</summary>
public sealed partial class DataOperationsCatalog : CatalogBase
{
    internal DataOperationsCatalog(MLContext context) : base(context)
    {
    }
}

/// <summary>Transforms: <c>mlContext.Transforms</c> (ML.NET's TransformsCatalog).</summary>
public sealed partial class TransformsCatalog : CatalogBase
{
    internal TransformsCatalog(MLContext context) : base(context)
    {
        Conversion = new ConversionTransforms(context);
        Text = new TextTransforms(context);
    }

    /// <summary>Type and key conversions (<c>MapValueToKey</c>, <c>MapKeyToValue</c>).</summary>
    public ConversionTransforms Conversion { get; }

    /// <summary>Text featurisation (tokenisers to key sequences).</summary>
    public TextTransforms Text { get; }

    /// <summary>Conversions: <c>mlContext.Transforms.Conversion</c>.</summary>
    public sealed partial class ConversionTransforms : CatalogBase
    {
        internal ConversionTransforms(MLContext context) : base(context)
        {
        }
    }

    /// <summary>Text transforms: <c>mlContext.Transforms.Text</c>.</summary>
    public sealed partial class TextTransforms : CatalogBase
    {
        internal TextTransforms(MLContext context) : base(context)
        {
        }
    }
}

/// <summary>Binary classification: <c>mlContext.BinaryClassification</c>.</summary>
public sealed partial class BinaryClassificationCatalog : CatalogBase
{
    internal BinaryClassificationCatalog(MLContext context) : base(context) => Trainers = new BinaryClassificationTrainers(context);

    /// <summary>The trainers (<c>Trainers.Recurrent(...)</c>).</summary>
    public BinaryClassificationTrainers Trainers { get; }

    /// <summary>Binary classification trainers.</summary>
    public sealed partial class BinaryClassificationTrainers : CatalogBase
    {
        internal BinaryClassificationTrainers(MLContext context) : base(context)
        {
        }
    }
}

/// <summary>Multiclass classification: <c>mlContext.MulticlassClassification</c>.</summary>
public sealed partial class MulticlassClassificationCatalog : CatalogBase
{
    internal MulticlassClassificationCatalog(MLContext context) : base(context) => Trainers = new MulticlassClassificationTrainers(context);

    /// <summary>The trainers.</summary>
    public MulticlassClassificationTrainers Trainers { get; }

    /// <summary>Multiclass classification trainers.</summary>
    public sealed partial class MulticlassClassificationTrainers : CatalogBase
    {
        internal MulticlassClassificationTrainers(MLContext context) : base(context)
        {
        }
    }
}

/// <summary>Regression: <c>mlContext.Regression</c>.</summary>
public sealed partial class RegressionCatalog : CatalogBase
{
    internal RegressionCatalog(MLContext context) : base(context) => Trainers = new RegressionTrainers(context);

    /// <summary>The trainers.</summary>
    public RegressionTrainers Trainers { get; }

    /// <summary>Regression trainers.</summary>
    public sealed partial class RegressionTrainers : CatalogBase
    {
        internal RegressionTrainers(MLContext context) : base(context)
        {
        }
    }
}

/// <summary>Forecasting: <c>mlContext.Forecasting</c> (ML.NET's ForecastingCatalog).</summary>
public sealed partial class ForecastingCatalog : CatalogBase
{
    internal ForecastingCatalog(MLContext context) : base(context) => Trainers = new Forecasters(context);

    /// <summary>The forecasters.</summary>
    public Forecasters Trainers { get; }

    /// <summary>Forecasting trainers.</summary>
    public sealed partial class Forecasters : CatalogBase
    {
        internal Forecasters(MLContext context) : base(context)
        {
        }
    }
}

/// <summary>Model operations: <c>mlContext.Model</c> (save, load, prediction engines).</summary>
public sealed partial class ModelOperationsCatalog : CatalogBase
{
    internal ModelOperationsCatalog(MLContext context) : base(context)
    {
    }
}
