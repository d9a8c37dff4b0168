namespace MLNet.Recurrent.Engine.Tensors;

public sealed partial class Tensor
{
    /// <summary>The mean of all elements: <c>y = (1/n) Σᵢ xᵢ</c>; NaN for an empty tensor (0/0).</summary>
    /// <returns>A new rank-0 (scalar) tensor; differentiable as the composition Sum() / n.</returns>
    public Tensor Mean() => Sum().Divide(Count);

    /// <summary>The mean along one dimension: <c>y[…, j, …] = (1/n) Σₖ x[…, k, j, …]</c>, n = size of <paramref name="dim"/>.</summary>
    /// <param name="dim">The dimension to reduce; negative counts from the end.</param>
    /// <param name="keepDim">Whether the reduced dimension stays, with size 1 (default false: it is removed).</param>
    /// <returns>A new contiguous tensor: this shape with <paramref name="dim"/> removed, or set to 1 when <paramref name="keepDim"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> is out of range.</exception>
    public Tensor Mean(int dim, bool keepDim = false) => MeanOver(ReducedDims([dim], nameof(dim)), keepDim);

    /// <summary>The mean over several dimensions at once (n = the product of their sizes).</summary>
    /// <param name="dims">The distinct dimensions to reduce, at least one; negative values count from the end.</param>
    /// <param name="keepDim">Whether the reduced dimensions stay, with size 1 (default false: they are removed).</param>
    /// <returns>A new contiguous tensor: this shape without <paramref name="dims"/>, or with them set to 1 when <paramref name="keepDim"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="dims"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="dims"/> is empty or names a dimension twice.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    public Tensor Mean(int[] dims, bool keepDim = false) => MeanOver(ReducedDims(dims, nameof(dims)), keepDim);

    private Tensor MeanOver(bool[] reduced, bool keepDim)
    {
        int n = 1;
        for (int d = 0; d < Rank; d++)
        {
            n *= reduced[d] ? _shape[d] : 1;
        }
        return SumOver(reduced, keepDim).Divide(n);
    }
}
