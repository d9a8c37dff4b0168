using System.Text.Json.Serialization;
using MLNet.Recurrent.Engine.Nn;

namespace MLNet.Recurrent.Transforms;

/// <summary>
/// The architecture of a recurrent estimator's network: enough to rebuild it exactly (its weights aside) when a model
/// is loaded. Saved as JSON in the model's manifest.
/// </summary>
internal sealed record RecurrentNetworkSpec
{
    /// <summary>The feature column's layout.</summary>
    public required SequenceInput Input { get; init; }

    /// <summary>E (token inputs only).</summary>
    public required int EmbeddingSize { get; init; }

    /// <summary>The recurrent cell.</summary>
    [JsonConverter(typeof(JsonStringEnumConverter<RecurrentCellKind>))]
    public required RecurrentCellKind Cell { get; init; }

    /// <summary>H.</summary>
    public required int HiddenSize { get; init; }

    /// <summary>Stacked layers.</summary>
    public required int NumberOfLayers { get; init; }

    /// <summary>D = 2 when true.</summary>
    public required bool Bidirectional { get; init; }

    /// <summary>Dropout probability in training.</summary>
    public required float Dropout { get; init; }

    /// <summary>The pooling of per-sequence networks (None for tagging).</summary>
    [JsonConverter(typeof(JsonStringEnumConverter<RecurrentAttention>))]
    public RecurrentAttention Attention { get; init; }

    /// <summary>A, or null for D·H.</summary>
    public int? AttentionSize { get; init; }

    /// <summary>K, the head's outputs: 1 (binary, regression), C classes, the horizon, or the tag count.</summary>
    public required int OutputSize { get; init; }

    /// <summary>Seeds the initial weights and the dropout masks.</summary>
    public required int Seed { get; init; }

    /// <summary>D·H: the features of the recurrent layers' outputs.</summary>
    [JsonIgnore]
    public int RecurrentOutputSize => (Bidirectional ? 2 : 1) * HiddenSize;

    /// <summary>The architecture chosen by <paramref name="options"/> for this input and head.</summary>
    /// <param name="options">The estimator's options.</param>
    /// <param name="input">The feature layout found in the data.</param>
    /// <param name="outputSize">K.</param>
    /// <param name="seed">The estimator's seed.</param>
    /// <returns>The spec.</returns>
    public static RecurrentNetworkSpec From(RecurrentOptions options, SequenceInput input, int outputSize, int seed) => new()
    {
        Input = input,
        EmbeddingSize = options.EmbeddingSize,
        Cell = options.Cell,
        HiddenSize = options.HiddenSize,
        NumberOfLayers = options.NumberOfLayers,
        Bidirectional = options.Bidirectional,
        Dropout = options.Dropout,
        Attention = options is PooledSequenceOptions pooled ? pooled.Attention : RecurrentAttention.None,
        AttentionSize = options is PooledSequenceOptions p ? p.AttentionSize : null,
        OutputSize = outputSize,
        Seed = seed,
    };
}
