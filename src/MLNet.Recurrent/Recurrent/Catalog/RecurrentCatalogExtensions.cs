namespace MLNet.Recurrent;

/// <summary>
/// Adds <c>mlContext.Transforms.Recurrent</c>: a C# 14 extension property on <see cref="TransformsCatalog"/>, the one
/// shape that could equally extend ML.NET's sealed catalog.
/// </summary>
public static class RecurrentCatalogExtensions
{
    /// <summary>The extension members of <see cref="TransformsCatalog"/>.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    extension(TransformsCatalog catalog)
    {
        /// <summary>The recurrent estimators: sequence classification, regression, forecasting, tagging and sequence-to-sequence.</summary>
        public RecurrentCatalog Recurrent => new(CatalogBase.GetContext(catalog));
    }
}
