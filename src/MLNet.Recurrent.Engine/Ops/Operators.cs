using MLNet.Recurrent.Engine.Errors;

namespace MLNet.Recurrent.Engine.Tensors;

public sealed partial class Tensor
{
    /// <summary>Element-wise sum with broadcasting; see <see cref="Add(Tensor)"/>.</summary>
    /// <param name="left">The left operand.</param>
    /// <param name="right">The right operand, broadcastable with <paramref name="left"/>.</param>
    /// <returns>A new contiguous tensor of the broadcast shape.</returns>
    public static Tensor operator +(Tensor left, Tensor right) => NotNull(left, nameof(left)).Add(right);

    /// <summary>Adds a scalar to every element.</summary>
    /// <param name="left">The tensor.</param>
    /// <param name="right">The scalar.</param>
    /// <returns>A new contiguous tensor of the tensor's shape.</returns>
    public static Tensor operator +(Tensor left, float right) => NotNull(left, nameof(left)).Add(right);

    /// <summary>Adds a scalar to every element.</summary>
    /// <param name="left">The scalar.</param>
    /// <param name="right">The tensor.</param>
    /// <returns>A new contiguous tensor of the tensor's shape.</returns>
    public static Tensor operator +(float left, Tensor right) => Scalar(left).Add(NotNull(right, nameof(right)));

    /// <summary>Element-wise difference with broadcasting; see <see cref="Subtract(Tensor)"/>.</summary>
    /// <param name="left">The left operand.</param>
    /// <param name="right">The right operand, broadcastable with <paramref name="left"/>.</param>
    /// <returns>A new contiguous tensor of the broadcast shape.</returns>
    public static Tensor operator -(Tensor left, Tensor right) => NotNull(left, nameof(left)).Subtract(right);

    /// <summary>Subtracts a scalar from every element.</summary>
    /// <param name="left">The tensor.</param>
    /// <param name="right">The scalar.</param>
    /// <returns>A new contiguous tensor of the tensor's shape.</returns>
    public static Tensor operator -(Tensor left, float right) => NotNull(left, nameof(left)).Subtract(right);

    /// <summary>Subtracts every element from a scalar: <c>y = left − right</c>.</summary>
    /// <param name="left">The scalar.</param>
    /// <param name="right">The tensor.</param>
    /// <returns>A new contiguous tensor of the tensor's shape.</returns>
    public static Tensor operator -(float left, Tensor right) => Scalar(left).Subtract(NotNull(right, nameof(right)));

    /// <summary>Element-wise negation; see <see cref="Neg"/>.</summary>
    /// <param name="operand">The tensor.</param>
    /// <returns>A new contiguous tensor of the same shape.</returns>
    public static Tensor operator -(Tensor operand) => NotNull(operand, nameof(operand)).Neg();

    /// <summary>Element-wise product with broadcasting; see <see cref="Multiply(Tensor)"/>.</summary>
    /// <param name="left">The left operand.</param>
    /// <param name="right">The right operand, broadcastable with <paramref name="left"/>.</param>
    /// <returns>A new contiguous tensor of the broadcast shape.</returns>
    public static Tensor operator *(Tensor left, Tensor right) => NotNull(left, nameof(left)).Multiply(right);

    /// <summary>Multiplies every element by a scalar.</summary>
    /// <param name="left">The tensor.</param>
    /// <param name="right">The scalar.</param>
    /// <returns>A new contiguous tensor of the tensor's shape.</returns>
    public static Tensor operator *(Tensor left, float right) => NotNull(left, nameof(left)).Multiply(right);

    /// <summary>Multiplies every element by a scalar.</summary>
    /// <param name="left">The scalar.</param>
    /// <param name="right">The tensor.</param>
    /// <returns>A new contiguous tensor of the tensor's shape.</returns>
    public static Tensor operator *(float left, Tensor right) => Scalar(left).Multiply(NotNull(right, nameof(right)));

    /// <summary>Element-wise quotient with broadcasting; see <see cref="Divide(Tensor)"/>.</summary>
    /// <param name="left">The dividend.</param>
    /// <param name="right">The divisor, broadcastable with <paramref name="left"/>.</param>
    /// <returns>A new contiguous tensor of the broadcast shape.</returns>
    public static Tensor operator /(Tensor left, Tensor right) => NotNull(left, nameof(left)).Divide(right);

    /// <summary>Divides every element by a scalar.</summary>
    /// <param name="left">The tensor.</param>
    /// <param name="right">The scalar divisor.</param>
    /// <returns>A new contiguous tensor of the tensor's shape.</returns>
    public static Tensor operator /(Tensor left, float right) => NotNull(left, nameof(left)).Divide(right);

    /// <summary>Divides a scalar by every element: <c>y = left / right</c>.</summary>
    /// <param name="left">The scalar dividend.</param>
    /// <param name="right">The tensor of divisors.</param>
    /// <returns>A new contiguous tensor of the tensor's shape.</returns>
    public static Tensor operator /(float left, Tensor right) => Scalar(left).Divide(NotNull(right, nameof(right)));

    private static Tensor NotNull(Tensor? tensor, string paramName)
    {
        ThrowHelper.ThrowIfNull(tensor, paramName);
        return tensor;
    }
}
