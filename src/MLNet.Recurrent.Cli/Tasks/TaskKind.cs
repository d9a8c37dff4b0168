namespace MLNet.Recurrent.Cli.Tasks;

/// <summary>What a model learns (<c>--task</c>).</summary>
internal enum TaskKind
{
    /// <summary>A class per text (a word or a sentence): the label column's values are the classes.</summary>
    Classification,

    /// <summary>A number per text.</summary>
    Regression,

    /// <summary>The next values of a series from a window of its past values.</summary>
    Forecasting,
}
