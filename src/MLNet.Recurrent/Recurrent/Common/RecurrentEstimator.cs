namespace MLNet.Recurrent.Transforms;

/// <summary>
/// Base of the recurrent estimators: checks the options when created, draws the seed from the
/// <see cref="MLContext"/> when the options give none, and at <see cref="Fit"/> checks the schema, reads the training
/// rows into memory (training needs them all, see <see cref="TrainingRows"/>), trains with the engine's trainer and
/// returns the transformer.
/// </summary>
/// <typeparam name="TTransformer">The fitted transformer.</typeparam>
/// <typeparam name="TOptions">The options class.</typeparam>
public abstract class RecurrentEstimator<TTransformer, TOptions> : IEstimator<TTransformer>
    where TTransformer : RecurrentTransformer
    where TOptions : RecurrentOptions
{
    /// <summary>Checks the options and fixes the seed.</summary>
    /// <param name="context">The context whose seed stream supplies the seed when the options have none.</param>
    /// <param name="options">The options (kept by reference).</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An option is out of range or inconsistent (the message names it).</exception>
    /// <exception cref="NotSupportedException">The device is not the CPU.</exception>
    private protected RecurrentEstimator(MLContext context, TOptions options)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        Seed = options.Seed ?? context.NextSeed();
    }

    /// <summary>The options (checked again at <see cref="Fit"/>).</summary>
    public TOptions Options { get; }

    /// <summary>The seed of the initial weights, the validation split, the batch order and dropout.</summary>
    public int Seed { get; }

    /// <summary>Trains on <paramref name="input"/>.</summary>
    /// <param name="input">Training data: the feature and label columns are read into memory.</param>
    /// <returns>The fitted transformer.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="SchemaMismatchException">The feature or label column is missing or has the wrong type.</exception>
    /// <exception cref="ArgumentException">An option became invalid, or no row can be trained on.</exception>
    /// <exception cref="InvalidDataException">A row's values do not fit the layout (e.g. a Single row not a multiple of F values, tags not aligned with features).</exception>
    /// <exception cref="Engine.Training.NonFiniteLossException">Training diverged (lower the learning rate or clip gradients).</exception>
    public TTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        Options.Validate();
        return FitCore(input);
    }

    /// <inheritdoc/>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        SequenceInput.CheckShape(nameof(inputSchema), inputSchema, Options.FeatureColumnName);
        return inputSchema.With(GetOutputColumns(inputSchema));
    }

    /// <summary>Checks the label in <paramref name="inputSchema"/> and says which columns the transformer adds.</summary>
    /// <param name="inputSchema">The input shape.</param>
    /// <returns>The output columns.</returns>
    /// <exception cref="SchemaMismatchException">The label column is missing or mistyped.</exception>
    private protected abstract IEnumerable<SchemaShape.Column> GetOutputColumns(SchemaShape inputSchema);

    /// <summary>Fits, after the null and options checks.</summary>
    /// <param name="input">Training data.</param>
    /// <returns>The transformer.</returns>
    private protected abstract TTransformer FitCore(IDataView input);
}
