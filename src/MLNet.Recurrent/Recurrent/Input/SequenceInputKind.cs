namespace MLNet.Recurrent.Transforms;

/// <summary>What a recurrent estimator's feature column holds.</summary>
public enum SequenceInputKind
{
    /// <summary>A vector of keys (token keys from a tokenizer), embedded by a learned table.</summary>
    Tokens,

    /// <summary>A vector of Single holding L steps of F features each.</summary>
    Vectors,
}
