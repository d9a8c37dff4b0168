namespace MLNet.Recurrent.Transforms;

/// <summary>One training example: a feature sequence and its label.</summary>
/// <typeparam name="TLabel">The label's form for the task (a class index, standardised targets, a tag per step, ...).</typeparam>
/// <param name="Features">The sequence.</param>
/// <param name="Label">The label.</param>
internal sealed record LabeledSequence<TLabel>(FeatureSequence Features, TLabel Label);
