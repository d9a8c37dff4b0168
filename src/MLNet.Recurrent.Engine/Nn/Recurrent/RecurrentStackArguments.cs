using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Engine.Nn;

/// <summary>Everything one call of a recurrent stack needs, after the layer has validated it.</summary>
internal sealed class RecurrentStackArguments
{
    public required Tensor Input { get; init; }

    public Tensor? H0 { get; init; }

    public Tensor? C0 { get; init; }

    /// <summary>Per layer and direction (index layer·D + d): W_ih, W_hh, b_ih, b_hh (biases null without bias).</summary>
    public required Tensor[] InputWeights { get; init; }

    public required Tensor[] HiddenWeights { get; init; }

    public required Tensor?[] InputBiases { get; init; }

    public required Tensor?[] HiddenBiases { get; init; }

    public required int[]? Lengths { get; init; }

    public required int InputSize { get; init; }

    public required int HiddenSize { get; init; }

    public required int NumLayers { get; init; }

    public required int Directions { get; init; }

    public required bool BatchFirst { get; init; }

    /// <summary>Dropout probability applied to every layer's output except the last's; 0 when not training.</summary>
    public required float Dropout { get; init; }

    public required RandomGenerator Generator { get; init; }

    /// <summary>The layer's pool of saved-for-backward buffers; null = a fresh workspace per recorded call.</summary>
    public RecurrentWorkspacePool? WorkspacePool { get; init; }

    /// <summary>When set, backward writes ‖∂L/∂h_t‖ per layer, direction and step here (see <see cref="HiddenStateGradientNorms"/>).</summary>
    public Action<HiddenStateGradientNorms>? HiddenGradientNormsSink { get; init; }
}
