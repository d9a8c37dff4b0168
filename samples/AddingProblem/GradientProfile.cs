namespace MLNet.Recurrent.Samples.AddingProblem;

/// <summary>
/// A recurrent layer's gradient norm profile ‖∂L/∂h_t‖ for t = 0 … T − 1, measured on one training batch (the
/// Frobenius norm over the batch and hidden units), with the ratios that show whether gradients vanish back in time.
/// </summary>
/// <param name="Step">The optimizer step (1-based) whose backward pass it was recorded in.</param>
/// <param name="Norms">‖∂L/∂h_t‖, t = 0 … T − 1.</param>
public sealed record GradientProfile(long Step, IReadOnlyList<float> Norms)
{
    /// <summary>‖∂L/∂h_0‖ / ‖∂L/∂h_{T−1}‖: how much of the gradient at the last step survives back to the first.</summary>
    public double FirstToLastRatio => Norms[0] / (double)Norms[^1];

    /// <summary>‖∂L/∂h_{⌊T/2⌋}‖ / ‖∂L/∂h_{T−1}‖: the same, back to the middle (where the first half's markers end).</summary>
    public double MiddleToLastRatio => Norms[Norms.Count / 2] / (double)Norms[^1];
}
