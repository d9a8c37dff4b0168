namespace MLNet.Recurrent.Engine.Nn;

/// <summary>
/// The score function of <see cref="LuongAttention"/> (Luong, Pham &amp; Manning, 2015). Luong's third score,
/// "concat", is additive attention: use <see cref="AdditiveAttention"/>.
/// </summary>
public enum LuongScore
{
    /// <summary><c>e_i = sᵀ h̄_i</c>; no parameters, requires H_q = H_k.</summary>
    Dot,

    /// <summary><c>e_i = sᵀ W h̄_i</c> with parameter <c>weight</c> W (H_q, H_k).</summary>
    General,
}
