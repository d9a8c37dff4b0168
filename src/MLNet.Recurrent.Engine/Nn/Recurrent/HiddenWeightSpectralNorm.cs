namespace MLNet.Recurrent.Engine.Nn;

/// <summary>The spectral norm of one layer and direction's W_hh.</summary>
/// <param name="Layer">The layer, 0 = bottom.</param>
/// <param name="Direction">0 = forward, 1 = reverse.</param>
/// <param name="Whole">‖W_hh‖₂ of the whole (G·H_out × H_out) matrix.</param>
/// <param name="PerGate">‖W_h·‖₂ of each gate's H_out × H_out block, in PyTorch's gate order (LSTM i, f, g, o; GRU r, z, n).</param>
public sealed record HiddenWeightSpectralNorm(int Layer, int Direction, float Whole, IReadOnlyList<float> PerGate);
