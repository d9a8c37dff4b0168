using MLNet.Recurrent.Engine.Nn;
using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Engine.Tests.Nn.Attention;

/// <summary>
/// For every layer and both ways of masking: the returned weights are a distribution over the unmasked source
/// positions — each row sums to 1 there (within float rounding) and is exactly 0 at every masked position.
/// </summary>
public class AttentionWeightsTests
{
    private const int Batch = 3, Targets = 2, Source = 6, Size = 4;
    private static readonly int[] Lengths = [6, 1, 4];

    /// <summary>A key padding pattern (N, S) that never masks position 0.</summary>
    private static readonly bool[] KeyPadding = [.. Enumerable.Range(0, Batch * Source).Select(i => i % Source != 0 && (i * 7) % 5 < 2)];

    public static TheoryData<string, string> Cases
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (string layer in new[] { "additive", "luong_dot", "luong_general", "sdpa", "mha", "pooling" })
            {
                foreach (string masking in new[] { "lengths", "bool_mask", "both" })
                {
                    data.Add(layer, masking);
                }
            }
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Weights_SumToOneOverUnmaskedPositions_AndAreExactlyZeroAtMaskedOnes(string layer, string masking)
    {
        int[]? lengths = masking is "lengths" or "both" ? Lengths : null;
        AttentionMask? mask = masking is "bool_mask" or "both" ? AttentionMask.FromBoolean(KeyPadding, Batch, Source) : null;
        Tensor Normal(long seed, params int[] shape) => Tensor.Normal(new RandomGenerator(seed), 0, 2, shape);
        Tensor weights = layer switch
        {
            "additive" => new AdditiveAttention(Size, Size).Forward(Normal(1, Batch, Targets, Size), Normal(2, Batch, Source, Size), null, lengths, mask).Weights,
            "luong_dot" => new LuongAttention(Size, Size, LuongScore.Dot).Forward(Normal(1, Batch, Targets, Size), Normal(2, Batch, Source, Size), null, lengths, mask).Weights,
            "luong_general" => new LuongAttention(Size, Size).Forward(Normal(1, Batch, Size), Normal(2, Batch, Source, Size), null, lengths, mask).Weights,
            "sdpa" => ScaledDotProductAttention.Forward(Normal(1, Batch, 2, Targets, Size), Normal(2, Batch, 2, Source, Size), Normal(3, Batch, 2, Source, Size),
                mask is null ? null : AttentionMask.FromBoolean(KeyPadding, Batch, 1, 1, Source), lengths).Weights,
            "mha" => new MultiheadAttention(Size, 2).Forward(Normal(1, Targets, Batch, Size), Normal(2, Source, Batch, Size), Normal(3, Source, Batch, Size),
                KeyPaddingFor(lengths, mask), averageAttnWeights: false).Weights!,
            "pooling" => new AttentionPooling(Size).Forward(Normal(1, Source, Batch, Size), lengths, mask).Weights,
            _ => throw new ArgumentOutOfRangeException(nameof(layer), layer, "unknown layer"),
        };

        Assert.Equal(Batch, weights.Size(0));
        Assert.Equal(Source, weights.Size(-1));
        float[] w = weights.ToArray();
        int rowsPerSequence = w.Length / (Batch * Source);
        for (int row = 0; row < w.Length / Source; row++)
        {
            int n = row / rowsPerSequence;
            double sum = 0;
            for (int j = 0; j < Source; j++)
            {
                float value = w[row * Source + j];
                bool masked = (lengths is not null && j >= lengths[n]) || (mask is not null && KeyPadding[n * Source + j]);
                if (masked)
                {
                    Assert.Equal(0f, value);
                }
                else
                {
                    Assert.True(value > 0f, $"row {row}, position {j}: expected a positive weight, got {value}");
                }
                sum += value;
            }
            Assert.Equal(1.0, sum, 5);
        }
    }

    /// <summary>MultiheadAttention takes lengths as a key padding mask: the two combined into one boolean (N, S) mask.</summary>
    private static AttentionMask? KeyPaddingFor(int[]? lengths, AttentionMask? mask)
    {
        if (lengths is null)
        {
            return mask;
        }
        bool[] combined = new bool[Batch * Source];
        for (int i = 0; i < combined.Length; i++)
        {
            combined[i] = i % Source >= lengths[i / Source] || (mask is not null && KeyPadding[i]);
        }
        return AttentionMask.FromBoolean(combined, Batch, Source);
    }
}
