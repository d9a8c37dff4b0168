namespace MLNet.Recurrent.Transforms;

/// <summary>What every recurrent transformer holds besides its network and task fields: from fitting or from a saved model.</summary>
/// <param name="FeatureColumnName">The feature column.</param>
/// <param name="Input">Its layout.</param>
/// <param name="Scaling">The standardisation of Single features, or null for keys.</param>
/// <param name="History">The training history.</param>
internal sealed record TransformerParts(string FeatureColumnName, SequenceInput Input, FeatureScaling? Scaling, RecurrentTrainingHistory History);
