using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Engine.Tests.Ops;

/// <summary>Naive double-precision reductions over any set of dimensions, for comparing forward values.</summary>
internal static class ReductionReference
{
    /// <summary>Folds every element into the output cell it reduces to (keepDim layout), starting from <paramref name="seed"/>.</summary>
    public static double[] Reduce(Tensor x, int[] dims, double seed, Func<double, double, double> fold)
    {
        int rank = x.Rank;
        var reduced = new bool[rank];
        foreach (int d in dims)
        {
            reduced[d < 0 ? d + rank : d] = true;
        }
        int[] outShape = [.. Enumerable.Range(0, rank).Select(d => reduced[d] ? 1 : x.Shape[d])];
        var result = new double[ShapeText.ElementCount(outShape)];
        Array.Fill(result, seed);
        float[] values = x.ToArray();
        var index = new int[rank];
        for (int flat = 0; flat < values.Length; flat++)
        {
            int rest = flat;
            for (int d = rank - 1; d >= 0; d--)
            {
                index[d] = rest % x.Shape[d];
                rest /= x.Shape[d];
            }
            int target = 0;
            for (int d = 0; d < rank; d++)
            {
                target = target * outShape[d] + (reduced[d] ? 0 : index[d]);
            }
            result[target] = fold(result[target], values[flat]);
        }
        return result;
    }
}
