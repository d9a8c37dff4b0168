namespace MLNet.Recurrent.Engine.Nn;

/// <summary>How a recurrent layer's parameters are initialised.</summary>
public enum RecurrentInitialization
{
    /// <summary>PyTorch's default: every weight and bias from U(−1/√H, 1/√H).</summary>
    PyTorchDefault,

    /// <summary>
    /// As <see cref="PyTorchDefault"/>, but each gate's H×H block of W_hh is a random orthogonal matrix
    /// (spectral norm 1), which keeps early gradients from vanishing or exploding through time.
    /// </summary>
    Orthogonal,
}
