using System.Globalization;
using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Engine.Tests.Training;

/// <summary>Tensor comparison for the training parity tests: ‖ours − torch‖∞ ≤ rtol·‖torch‖∞ + atol.</summary>
internal static class ParityAssert
{
    /// <summary>Asserts the bound and returns ‖ours − torch‖∞ / max(‖torch‖∞, tiny), the measured relative error.</summary>
    public static double Close(string what, Tensor expected, Tensor actual, double rtol, double atol)
    {
        Assert.Equal(ShapeText.Format(expected.Shape), ShapeText.Format(actual.Shape));
        float[] e = expected.ToArray(), a = actual.ToArray();
        double maxError = 0, magnitude = 0;
        int worst = 0;
        for (int i = 0; i < e.Length; i++)
        {
            double error = Math.Abs((double)a[i] - e[i]);
            if (error > maxError || double.IsNaN(error))
            {
                maxError = error;
                worst = i;
            }
            magnitude = Math.Max(magnitude, Math.Abs(e[i]));
        }
        double bound = rtol * magnitude + atol;
        if (!(maxError <= bound))
        {
            Assert.Fail(string.Create(CultureInfo.InvariantCulture,
                $"{what}: max |ours − torch| = {maxError:E3} at flat index {worst} (ours {a[worst]:G9}, torch {e[worst]:G9}) exceeds {bound:E3} = {rtol}·{magnitude:G4} + {atol}."));
        }
        return maxError / Math.Max(magnitude, 1e-30);
    }
}
