namespace MLNet.Recurrent.Transforms;

/// <summary>The optimizer a recurrent estimator trains with (each the engine's implementation of PyTorch's).</summary>
public enum RecurrentOptimizer
{
    /// <summary>Adam (Kingma &amp; Ba, 2015) with β = (0.9, 0.999), ε = 1e−8, no weight decay.</summary>
    Adam,

    /// <summary>AdamW (Loshchilov &amp; Hutter, 2019): Adam with decoupled weight decay 0.01.</summary>
    AdamW,

    /// <summary>Plain stochastic gradient descent, θ ← θ − γ·∇θ (no momentum).</summary>
    Sgd,

    /// <summary>RMSprop (Tieleman &amp; Hinton, 2012) with α = 0.99, ε = 1e−8.</summary>
    RmsProp,
}
