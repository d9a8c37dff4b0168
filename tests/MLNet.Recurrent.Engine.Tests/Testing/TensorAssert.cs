using System.Globalization;
using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Engine.Tests.Testing;

/// <summary>Assertions on tensor values and shapes, with tolerances scaled to magnitude.</summary>
public static class TensorAssert
{
    /// <summary>Asserts the shape and that every element satisfies |actual − expected| ≤ atol + rtol·|expected| (NaN matches NaN, ±∞ must match exactly).</summary>
    /// <param name="expected">The expected elements, row-major.</param>
    /// <param name="expectedShape">The expected shape.</param>
    /// <param name="actual">The tensor to check (any layout).</param>
    /// <param name="rtol">The relative tolerance.</param>
    /// <param name="atol">The absolute tolerance.</param>
    public static void Close(ReadOnlySpan<double> expected, int[] expectedShape, Tensor actual, double rtol = 1e-6, double atol = 1e-6)
    {
        Assert.Equal(ShapeText.Format(expectedShape), ShapeText.Format(actual.Shape));
        Close(expected, actual.ToArray(), rtol, atol);
    }

    /// <summary>Asserts the shape and that every element is close to the expected float values.</summary>
    /// <param name="expected">The expected elements, row-major.</param>
    /// <param name="expectedShape">The expected shape.</param>
    /// <param name="actual">The tensor to check (any layout).</param>
    /// <param name="rtol">The relative tolerance.</param>
    /// <param name="atol">The absolute tolerance.</param>
    public static void Close(float[] expected, int[] expectedShape, Tensor actual, double rtol = 1e-6, double atol = 1e-6)
        => Close(Array.ConvertAll(expected, v => (double)v), expectedShape, actual, rtol, atol);

    /// <summary>Asserts that two tensors have the same shape and close elements.</summary>
    /// <param name="expected">The reference tensor.</param>
    /// <param name="actual">The tensor to check.</param>
    /// <param name="rtol">The relative tolerance.</param>
    /// <param name="atol">The absolute tolerance.</param>
    public static void Close(Tensor expected, Tensor actual, double rtol = 1e-6, double atol = 1e-6)
        => Close(Array.ConvertAll(expected.ToArray(), v => (double)v), expected.Shape.ToArray(), actual, rtol, atol);

    /// <summary>Asserts element-wise closeness of two buffers of the same length.</summary>
    /// <param name="expected">The expected values.</param>
    /// <param name="actual">The values to check.</param>
    /// <param name="rtol">The relative tolerance.</param>
    /// <param name="atol">The absolute tolerance.</param>
    public static void Close(ReadOnlySpan<double> expected, ReadOnlySpan<float> actual, double rtol = 1e-6, double atol = 1e-6)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double e = expected[i], a = actual[i];
            bool ok = double.IsNaN(e) ? double.IsNaN(a)
                : double.IsInfinity(e) ? e == a
                : Math.Abs(a - e) <= atol + rtol * Math.Abs(e);
            if (!ok)
            {
                Assert.Fail(string.Create(CultureInfo.InvariantCulture,
                    $"element {i} of {expected.Length}: expected {e:G9}, got {a:G9} (|diff| {Math.Abs(a - e):G3}, tolerance {atol} + {rtol}·|expected|)"));
            }
        }
    }
}
