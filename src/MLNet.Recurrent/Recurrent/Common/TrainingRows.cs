namespace MLNet.Recurrent.Transforms;

/// <summary>
/// Reads the training rows of a recurrent estimator into memory (training makes many passes in shuffled order, so
/// it needs them all): one pass of a cursor over the feature and label columns. Rows whose label is missing or whose
/// features are not finite are skipped and counted, as ML.NET's trainers do.
/// </summary>
internal static class TrainingRows
{
    /// <summary>Reads the current row's label.</summary>
    /// <typeparam name="TLabel">The label's form.</typeparam>
    /// <param name="features">The row's feature sequence (for labels aligned with it).</param>
    /// <param name="label">The label when present.</param>
    /// <returns>False when the label is missing (the row is skipped).</returns>
    public delegate bool LabelReader<TLabel>(FeatureSequence features, out TLabel label);

    /// <summary>Reads every row of <paramref name="data"/>.</summary>
    /// <typeparam name="TLabel">The label's form.</typeparam>
    /// <param name="data">The training data.</param>
    /// <param name="input">The feature layout.</param>
    /// <param name="features">The feature column.</param>
    /// <param name="label">The label column.</param>
    /// <param name="createLabelReader">Creates the label reader for the cursor.</param>
    /// <returns>The examples and the number of rows skipped.</returns>
    public static (List<LabeledSequence<TLabel>> Examples, int Skipped) Read<TLabel>(IDataView data, SequenceInput input,
        DataViewSchema.Column features, DataViewSchema.Column label, Func<DataViewRow, LabelReader<TLabel>> createLabelReader)
    {
        using var cursor = data.GetRowCursor([features, label]);
        var readFeatures = input.CreateReader(cursor, features);
        var readLabel = createLabelReader(cursor);
        var examples = new List<LabeledSequence<TLabel>>();
        int skipped = 0;
        while (cursor.MoveNext())
        {
            FeatureSequence sequence = readFeatures();
            if (!readLabel(sequence, out TLabel value) || sequence.HasNonFinite)
            {
                skipped++;
                continue;
            }

            examples.Add(new LabeledSequence<TLabel>(sequence, value));
        }

        return (examples, skipped);
    }

    /// <summary>The standardisation of Single features measured on the examples, or null for tokens.</summary>
    /// <typeparam name="TLabel">The label's form.</typeparam>
    /// <param name="input">The feature layout.</param>
    /// <param name="examples">The training examples.</param>
    /// <returns>The scaling or null.</returns>
    public static FeatureScaling? FitScaling<TLabel>(SequenceInput input, IEnumerable<LabeledSequence<TLabel>> examples)
        => input.IsTokens ? null : FeatureScaling.Fit(examples.Select(e => e.Features.Values!), input.FeaturesPerStep);
}
