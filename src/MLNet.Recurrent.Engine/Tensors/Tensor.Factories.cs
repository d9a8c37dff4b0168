using MLNet.Recurrent.Engine.Errors;

namespace MLNet.Recurrent.Engine.Tensors;

public sealed partial class Tensor
{
    /// <summary>A tensor of zeros.</summary>
    /// <param name="shape">The sizes of each dimension.</param>
    /// <returns>A new contiguous CPU tensor.</returns>
    public static Tensor Zeros(params int[] shape) => new(new float[ShapeText.ElementCount(shape)], (int[])shape.Clone());

    /// <summary>A tensor of ones.</summary>
    /// <param name="shape">The sizes of each dimension.</param>
    /// <returns>A new contiguous CPU tensor.</returns>
    public static Tensor Ones(params int[] shape) => Full(1f, shape);

    /// <summary>A tensor with every element equal to <paramref name="value"/>.</summary>
    /// <param name="value">The fill value.</param>
    /// <param name="shape">The sizes of each dimension.</param>
    /// <returns>A new contiguous CPU tensor.</returns>
    public static Tensor Full(float value, params int[] shape)
    {
        var data = new float[ShapeText.ElementCount(shape)];
        data.AsSpan().Fill(value);
        return new Tensor(data, (int[])shape.Clone());
    }

    /// <summary>A one-element, rank-0 tensor.</summary>
    /// <param name="value">The value.</param>
    /// <returns>A new scalar tensor.</returns>
    public static Tensor Scalar(float value) => new([value], []);

    /// <summary>A tensor holding a copy of <paramref name="data"/>, read in row-major order.</summary>
    /// <param name="data">The elements; exactly as many as the shape holds.</param>
    /// <param name="shape">The sizes of each dimension; when omitted, a vector of <c>data.Length</c> elements.</param>
    /// <returns>A new contiguous CPU tensor.</returns>
    /// <exception cref="TensorShapeException">The number of elements does not match the shape.</exception>
    public static Tensor FromArray(ReadOnlySpan<float> data, params int[] shape)
    {
        if (shape.Length == 0)
        {
            shape = [data.Length];
        }
        int count = ShapeText.ElementCount(shape);
        if (count != data.Length)
        {
            ThrowHelper.Shape(nameof(data), $"{count} elements for shape {ShapeText.Format(shape)}", [data.Length]);
        }
        return new Tensor(data.ToArray(), (int[])shape.Clone());
    }

    /// <summary>A tensor of samples from U(<paramref name="low"/>, <paramref name="high"/>).</summary>
    /// <param name="generator">The seeded generator that fixes the samples.</param>
    /// <param name="low">The inclusive lower bound.</param>
    /// <param name="high">The exclusive upper bound.</param>
    /// <param name="shape">The sizes of each dimension.</param>
    /// <returns>A new contiguous CPU tensor.</returns>
    public static Tensor Uniform(RandomGenerator generator, float low, float high, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(generator);
        var data = new float[ShapeText.ElementCount(shape)];
        float width = high - low;
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = low + width * generator.NextSingle();
        }
        return new Tensor(data, (int[])shape.Clone());
    }

    /// <summary>A tensor of samples from N(<paramref name="mean"/>, <paramref name="std"/>²).</summary>
    /// <param name="generator">The seeded generator that fixes the samples.</param>
    /// <param name="mean">The mean.</param>
    /// <param name="std">The standard deviation.</param>
    /// <param name="shape">The sizes of each dimension.</param>
    /// <returns>A new contiguous CPU tensor.</returns>
    public static Tensor Normal(RandomGenerator generator, float mean, float std, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(generator);
        var data = new float[ShapeText.ElementCount(shape)];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = (float)(mean + std * generator.NextNormal());
        }
        return new Tensor(data, (int[])shape.Clone());
    }

    /// <summary>A new, contiguous tensor of the same shape filled with zeros.</summary>
    /// <returns>The tensor.</returns>
    public Tensor ZerosLike() => Zeros(_shape);

    /// <summary>A contiguous copy that does not share storage and is not part of the autograd graph.</summary>
    /// <returns>The copy.</returns>
    public Tensor Clone() => new(ToArray(), (int[])_shape.Clone());
}
