namespace MLNet.Recurrent.Cli.Tasks;

/// <summary>The names of the columns the tool's pipelines create (ML.NET's conventional names).</summary>
internal static class PipelineColumns
{
    /// <summary>The label as a key (classification).</summary>
    public const string Label = "Label";

    /// <summary>The token keys of the text column.</summary>
    public const string Features = "Features";

    /// <summary>Class probabilities, the predicted number, or the forecast.</summary>
    public const string Score = "Score";

    /// <summary>The predicted class as a key.</summary>
    public const string PredictedLabel = "PredictedLabel";

    /// <summary>The predicted class as the label's value (what <c>MapKeyToValue</c> appends last).</summary>
    public const string PredictedLabelValue = "PredictedLabelValue";

    /// <summary>The window of past values (forecasting).</summary>
    public const string Window = "Window";

    /// <summary>The actual next values (forecasting).</summary>
    public const string Horizon = "Horizon";
}
