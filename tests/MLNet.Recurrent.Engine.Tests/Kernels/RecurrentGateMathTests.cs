using System.Runtime.Intrinsics;
using MLNet.Recurrent.Engine.Kernels.Cpu;
using MLNet.Recurrent.Engine.Kernels.Cpu.Recurrent;

namespace MLNet.Recurrent.Engine.Tests.Kernels;

/// <summary>
/// The gate non-linearities of the fused recurrent kernel: accuracy against double precision (tanh within 4e-7
/// absolute and relative, σ within 2.5e-7 absolute; measured 3.1e-7 and 1.9e-7 on a 1e-5 grid), NaN and infinities,
/// and the same bits at every vector width.
/// </summary>
public class RecurrentGateMathTests
{
    [Fact]
    public void Tanh_IsWithin4e7OfDoublePrecision()
    {
        double worstAbsolute = 0, worstRelative = 0;
        foreach (float x in Grid())
        {
            double expected = Math.Tanh(x);
            double error = Math.Abs(GateMath.Tanh<SimdScalar, float>(x) - expected);
            worstAbsolute = Math.Max(worstAbsolute, error);
            worstRelative = Math.Max(worstRelative, error / Math.Max(Math.Abs(expected), 1e-30));
        }
        Assert.InRange(worstAbsolute, 0, 4e-7);
        Assert.InRange(worstRelative, 0, 4e-7);
    }

    [Fact]
    public void Sigmoid_IsWithin2p5e7OfDoublePrecision()
    {
        double worst = 0;
        foreach (float x in Grid())
        {
            worst = Math.Max(worst, Math.Abs(GateMath.Sigmoid<SimdScalar, float>(x) - 1 / (1 + Math.Exp(-(double)x))));
        }
        Assert.InRange(worst, 0, 2.5e-7);
    }

    [Fact]
    public void Activations_PropagateNaNAndSaturateAtInfinity()
    {
        Assert.True(float.IsNaN(GateMath.Tanh<SimdScalar, float>(float.NaN)));
        Assert.True(float.IsNaN(GateMath.Sigmoid<SimdScalar, float>(float.NaN)));
        Assert.True(float.IsNaN(GateMath.Tanh<Simd256, Vector256<float>>(Vector256.Create(float.NaN))[3]));
        Assert.True(float.IsNaN(GateMath.Tanh<Simd128, Vector128<float>>(Vector128.Create(float.NaN))[1]));
        Assert.InRange(GateMath.Tanh<SimdScalar, float>(float.PositiveInfinity), 1f - 4e-7f, 1f);
        Assert.InRange(GateMath.Tanh<SimdScalar, float>(float.NegativeInfinity), -1f, -1f + 4e-7f);
        Assert.InRange(GateMath.Sigmoid<SimdScalar, float>(float.NegativeInfinity), 0f, 2.5e-7f);
        Assert.Equal(0f, GateMath.Tanh<SimdScalar, float>(0f));
        Assert.Equal(0.5f, GateMath.Sigmoid<SimdScalar, float>(0f));
    }

    [Fact]
    public void Activations_GiveTheSameBitsAtEveryWidth_WhenTheHardwareHasFma()
    {
        if (!System.Runtime.Intrinsics.X86.Fma.IsSupported)
        {
            return; // without FMA, the scalar and vector paths may round a·b + c differently
        }
        float[] values = Grid().Take(4096).ToArray();
        for (int i = 0; i + 8 <= values.Length; i += 8)
        {
            var x256 = Vector256.Create(values, i);
            Vector256<float> tanh256 = GateMath.Tanh<Simd256, Vector256<float>>(x256);
            Vector256<float> sigmoid256 = GateMath.Sigmoid<Simd256, Vector256<float>>(x256);
            Vector128<float> tanh128 = GateMath.Tanh<Simd128, Vector128<float>>(Vector128.Create(values, i));
            Vector512<float> tanh512 = GateMath.Tanh<Simd512, Vector512<float>>(Vector512.Create(values[i..(i + 8)].Concat(values[i..(i + 8)]).ToArray()));
            for (int lane = 0; lane < 8; lane++)
            {
                float scalar = GateMath.Tanh<SimdScalar, float>(values[i + lane]);
                Assert.Equal(BitConverter.SingleToInt32Bits(scalar), BitConverter.SingleToInt32Bits(tanh256[lane]));
                Assert.Equal(BitConverter.SingleToInt32Bits(scalar), BitConverter.SingleToInt32Bits(tanh512[lane]));
                Assert.Equal(BitConverter.SingleToInt32Bits(GateMath.Sigmoid<SimdScalar, float>(values[i + lane])), BitConverter.SingleToInt32Bits(sigmoid256[lane]));
                if (lane < 4)
                {
                    Assert.Equal(BitConverter.SingleToInt32Bits(scalar), BitConverter.SingleToInt32Bits(tanh128[lane]));
                }
            }
        }
    }

    /// <summary>[−20, 20] in steps of 1e-3, plus ±[1e-10, 1] on a log scale.</summary>
    private static IEnumerable<float> Grid()
    {
        for (int i = -20_000; i <= 20_000; i++)
        {
            yield return i * 1e-3f;
        }
        for (int i = 0; i <= 1000; i++)
        {
            float x = (float)Math.Pow(10, -10 + i * 0.01);
            yield return x;
            yield return -x;
        }
    }
}
