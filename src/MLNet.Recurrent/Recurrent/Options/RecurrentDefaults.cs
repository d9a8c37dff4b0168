using MLNet.Recurrent.Engine.Nn;

namespace MLNet.Recurrent.Transforms;

/// <summary>The defaults shared by the options classes and the simple catalog overloads, so the two never drift apart.</summary>
internal static class RecurrentDefaults
{
    public const string Label = "Label";
    public const string Features = "Features";
    public const string Score = "Score";
    public const string Probability = "Probability";
    public const string PredictedLabel = "PredictedLabel";
    public const string Window = "Window";
    public const string Horizon = "Horizon";
    public const RecurrentCellKind Cell = RecurrentCellKind.Lstm;
    public const int HiddenSize = 64;
    public const int NumberOfLayers = 1;
    public const int EmbeddingSize = 32;
    public const int NumberOfEpochs = 10;
    public const int BatchSize = 32;
    public const float LearningRate = 1e-3f;
    public const float GradientClipping = 5f;
    public const double EarlyStoppingValidationFraction = 0.1;
}
