namespace MLNet.Recurrent.Engine.Nn;

/// <summary>
/// The per-time-step gradient norm profile of a recurrent layer, ‖∂L/∂h_t‖₂ (Frobenius norm over the batch and
/// hidden units of the sequences still running at t), for every layer and direction — the quantity whose decay
/// with t − T shows vanishing gradients and whose growth shows exploding ones.
/// </summary>
/// <remarks>∂L/∂h_t is the total derivative: what the output at t receives plus what flows back from step t + 1.</remarks>
public sealed class HiddenStateGradientNorms
{
    private readonly float[][] _norms;

    internal HiddenStateGradientNorms(int layers, int directions, int steps)
    {
        Layers = layers;
        Directions = directions;
        Steps = steps;
        _norms = new float[layers * directions][];
        for (int k = 0; k < _norms.Length; k++)
        {
            _norms[k] = new float[steps];
        }
    }

    /// <summary>The number of stacked layers.</summary>
    public int Layers { get; }

    /// <summary>D: 1 or 2.</summary>
    public int Directions { get; }

    /// <summary>L: the number of time steps.</summary>
    public int Steps { get; }

    /// <summary>‖∂L/∂h_t‖₂ for t = 0 … L − 1 (in time order for both directions).</summary>
    /// <param name="layer">The layer, 0 = bottom.</param>
    /// <param name="direction">0 = forward, 1 = reverse.</param>
    /// <returns>L norms.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The layer or direction is out of range.</exception>
    public IReadOnlyList<float> this[int layer, int direction]
    {
        get
        {
            if ((uint)layer >= (uint)Layers)
            {
                throw new ArgumentOutOfRangeException(nameof(layer), layer, $"layer: expected an index in [0, {Layers - 1}], got {layer}.");
            }
            if ((uint)direction >= (uint)Directions)
            {
                throw new ArgumentOutOfRangeException(nameof(direction), direction, $"direction: expected an index in [0, {Directions - 1}], got {direction}.");
            }
            return _norms[layer * Directions + direction];
        }
    }

    internal float[] Buffer(int index) => _norms[index];
}
