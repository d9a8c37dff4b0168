using System.Diagnostics.CodeAnalysis;
using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Engine.Errors;

/// <summary>Throw helpers that keep hot paths small; every message names the argument and says expected vs actual.</summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void Shape(string paramName, string expected, ReadOnlySpan<int> actual)
        => throw new TensorShapeException(paramName, expected, ShapeText.Format(actual));

    [DoesNotReturn]
    public static void Argument(string paramName, string message)
        => throw new ArgumentException($"{paramName}: {message}", paramName);

    [DoesNotReturn]
    public static void OutOfRange(string paramName, object? actual, string expected)
        => throw new ArgumentOutOfRangeException(paramName, actual, $"{paramName}: expected {expected}, got {actual}.");

    [DoesNotReturn]
    public static void InvalidOperation(string message) => throw new InvalidOperationException(message);

    public static void ThrowIfNull([NotNull] object? value, string paramName)
    {
        if (value is null)
        {
            throw new ArgumentNullException(paramName, $"{paramName}: expected a value, got null.");
        }
    }
}
