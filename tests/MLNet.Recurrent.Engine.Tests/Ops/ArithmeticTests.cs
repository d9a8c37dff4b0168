using MLNet.Recurrent.Engine.Errors;
using MLNet.Recurrent.Engine.Tensors;
using MLNet.Recurrent.Engine.Tests.Testing;

namespace MLNet.Recurrent.Engine.Tests.Ops;

public class ArithmeticTests
{
    public static TheoryData<string> Operations => new() { "add", "subtract", "multiply", "divide" };

    public static TheoryData<string, int[], int[]> BroadcastCases
    {
        get
        {
            var data = new TheoryData<string, int[], int[]>();
            int[][][] pairs =
            [
                [[2, 3], [3]],
                [[2, 1, 4], [3, 1]],
                [[3, 1], [1, 4]],
                [[2, 3], [2, 1]],
                [[4], []],
                [[], [2, 2]],
                [[1], [5]],
                [[2, 3, 4], [2, 3, 4]],
                [[5, 1, 3], [1, 2, 1]],
            ];
            foreach (string op in new[] { "add", "subtract", "multiply", "divide" })
            {
                foreach (int[][] pair in pairs)
                {
                    data.Add(op, pair[0], pair[1]);
                }
            }
            return data;
        }
    }

    private static Tensor Apply(string op, Tensor a, Tensor b) => op switch
    {
        "add" => a + b,
        "subtract" => a - b,
        "multiply" => a * b,
        "divide" => a / b,
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    private static Func<float, float, float> Scalar(string op) => op switch
    {
        "add" => (x, y) => x + y,
        "subtract" => (x, y) => x - y,
        "multiply" => (x, y) => x * y,
        "divide" => (x, y) => x / y,
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    /// <summary>Reads a as if broadcast to <paramref name="shape"/>, element by element through the indexer.</summary>
    private static float ReadBroadcast(Tensor a, int[] index)
    {
        int lead = index.Length - a.Rank;
        var at = new int[a.Rank];
        for (int d = 0; d < a.Rank; d++)
        {
            at[d] = a.Shape[d] == 1 ? 0 : index[lead + d];
        }
        return a[at];
    }

    private static float[] NaiveBroadcast(Func<float, float, float> f, Tensor a, Tensor b, int[] shape)
    {
        int count = ShapeText.ElementCount(shape);
        var result = new float[count];
        var index = new int[shape.Length];
        for (int flat = 0; flat < count; flat++)
        {
            int rest = flat;
            for (int d = shape.Length - 1; d >= 0; d--)
            {
                index[d] = rest % shape[d];
                rest /= shape[d];
            }
            result[flat] = f(ReadBroadcast(a, index), ReadBroadcast(b, index));
        }
        return result;
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public void SameShape_EveryLength0To70_MatchesScalarLoopExactly(string op)
    {
        Func<float, float, float> f = Scalar(op);
        for (int n = 0; n <= 70; n++)
        {
            Tensor a = Tensor.Uniform(new RandomGenerator(n), -2f, 2f, n);
            Tensor b = GradInputs.AwayFromZero(100 + n, 0.25f, n).Detach();
            float[] x = a.ToArray(), y = b.ToArray();
            float[] expected = [.. x.Select((v, i) => f(v, y[i]))];
            Assert.Equal(expected, Apply(op, a, b).ToArray());
            // Tensor ⊕ float and float ⊕ Tensor take the scalar paths.
            Assert.Equal(x.Select(v => f(v, 0.75f)).ToArray(), Apply(op, a, Tensor.Scalar(0.75f)).ToArray());
            Assert.Equal(y.Select(v => f(0.75f, v)).ToArray(), Apply(op, Tensor.Scalar(0.75f), b).ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public void RowAndColumnBroadcast_EveryLength0To70_MatchesNaiveLoopExactly(string op)
    {
        Func<float, float, float> f = Scalar(op);
        for (int n = 0; n <= 70; n++)
        {
            Tensor matrix = Tensor.Uniform(new RandomGenerator(n), 0.5f, 2f, 3, n);
            Tensor row = Tensor.Uniform(new RandomGenerator(200 + n), 0.5f, 2f, n);
            Tensor column = Tensor.Uniform(new RandomGenerator(300 + n), 0.5f, 2f, 3, 1);
            Assert.Equal(NaiveBroadcast(f, matrix, row, [3, n]), Apply(op, matrix, row).ToArray());
            Assert.Equal(NaiveBroadcast(f, row, matrix, [3, n]), Apply(op, row, matrix).ToArray());
            Assert.Equal(NaiveBroadcast(f, column, matrix, [3, n]), Apply(op, column, matrix).ToArray());
            Assert.Equal(NaiveBroadcast(f, matrix, column, [3, n]), Apply(op, matrix, column).ToArray());
        }
    }

    [Fact]
    public void ScalarOverloadsAndOperators_MatchTensorForms()
    {
        Tensor x = Tensor.FromArray([1f, -2f, 4f], 3);
        Assert.Equal(new[] { 3f, 0f, 6f }, (x + 2f).ToArray());
        Assert.Equal(new[] { 3f, 0f, 6f }, (2f + x).ToArray());
        Assert.Equal(new[] { -1f, -4f, 2f }, (x - 2f).ToArray());
        Assert.Equal(new[] { 1f, 4f, -2f }, (2f - x).ToArray());
        Assert.Equal(new[] { 2f, -4f, 8f }, (x * 2f).ToArray());
        Assert.Equal(new[] { 2f, -4f, 8f }, (2f * x).ToArray());
        Assert.Equal(new[] { 0.5f, -1f, 2f }, (x / 2f).ToArray());
        Assert.Equal(new[] { 2f, -1f, 0.5f }, (2f / x).ToArray());
        Assert.Equal(new[] { -1f, 2f, -4f }, (-x).ToArray());
        Assert.Equal(new[] { 3f, 0f, 6f }, x.Add(2f).ToArray());
        Assert.Equal(new[] { 2f, -4f, 8f }, x.Multiply(2f).ToArray());
        Assert.Equal(new[] { -1f, -4f, 2f }, x.Subtract(2f).ToArray());
        Assert.Equal(new[] { 0.5f, -1f, 2f }, x.Divide(2f).ToArray());
    }

    [Theory]
    [MemberData(nameof(BroadcastCases))]
    public void Broadcast_MatchesNaiveIndexLoop(string op, int[] shapeA, int[] shapeB)
    {
        Tensor a = Tensor.Uniform(new RandomGenerator(1), -2f, 2f, shapeA);
        Tensor b = GradInputs.AwayFromZero(2, 0.25f, shapeB).Detach();
        int[] shape = Broadcasting.BroadcastShape(shapeA, shapeB, "other");
        Tensor result = Apply(op, a, b);
        Assert.Equal(ShapeText.Format(shape), ShapeText.Format(result.Shape));
        Assert.Equal(NaiveBroadcast(Scalar(op), a, b, shape), result.ToArray());
        // Swapped operands exercise the scalar-left and stride-0-left inner loops.
        Tensor swapped = Apply(op, b, a);
        Assert.Equal(NaiveBroadcast(Scalar(op), b, a, shape), swapped.ToArray());
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public void Broadcast_NonContiguousAndEmptyOperands_MatchNaiveIndexLoop(string op)
    {
        Func<float, float, float> f = Scalar(op);
        Tensor matrix = Tensor.Uniform(new RandomGenerator(3), 0.5f, 2f, 4, 3);
        Tensor transposed = matrix.T();                        // (3, 4), strides (1, 3)
        Tensor row = Tensor.Uniform(new RandomGenerator(4), 0.5f, 2f, 4);
        Assert.Equal(NaiveBroadcast(f, transposed, row, [3, 4]), Apply(op, transposed, row).ToArray());
        Assert.Equal(NaiveBroadcast(f, transposed, transposed, [3, 4]), Apply(op, transposed, transposed).ToArray());
        Tensor narrow = Tensor.Uniform(new RandomGenerator(5), 0.5f, 2f, 3, 6).Narrow(1, 1, 4);   // (3, 4), row stride 6
        Assert.Equal(NaiveBroadcast(f, narrow, transposed, [3, 4]), Apply(op, narrow, transposed).ToArray());
        Tensor empty = Tensor.Zeros(2, 0, 3);
        Assert.Equal(new[] { 2, 0, 3 }, Apply(op, empty, Tensor.Ones(1, 3)).Shape.ToArray());
    }

    [Theory]
    [MemberData(nameof(BroadcastCases))]
    public void Backward_MatchesFiniteDifference_WithBroadcasting(string op, int[] shapeA, int[] shapeB)
    {
        Tensor a = GradInputs.Uniform(10, shapeA);
        Tensor b = op == "divide" ? GradInputs.AwayFromZero(11, 0.5f, shapeB) : GradInputs.Uniform(11, shapeB);
        GradientCheck.Assert(x => Apply(op, x[0], x[1]), [a, b]);
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public void Backward_MatchesFiniteDifference_WithScalarOperands(string op)
    {
        Tensor a = GradInputs.AwayFromZero(12, 0.5f, 2, 3);
        GradientCheck.Assert(x => Apply(op, x[0], Tensor.Scalar(1.5f)), [a]);
        GradientCheck.Assert(x => Apply(op, Tensor.Scalar(1.5f), x[0]), [a]);
        Func<Tensor, Tensor> scalarRight = op switch
        {
            "add" => t => t + 1.5f,
            "subtract" => t => t - 1.5f,
            "multiply" => t => t * 1.5f,
            _ => t => t / 1.5f,
        };
        Func<Tensor, Tensor> scalarLeft = op switch
        {
            "add" => t => 1.5f + t,
            "subtract" => t => 1.5f - t,
            "multiply" => t => 1.5f * t,
            _ => t => 1.5f / t,
        };
        GradientCheck.Assert(x => scalarRight(x[0]), [a]);
        GradientCheck.Assert(x => scalarLeft(x[0]), [a]);
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public void Backward_MatchesFiniteDifference_ForViewsAndRepeatedOperand(string op)
    {
        Tensor a = GradInputs.AwayFromZero(13, 0.5f, 4, 3);
        Tensor b = GradInputs.AwayFromZero(14, 0.5f, 4);
        GradientCheck.Assert(x => Apply(op, x[0].T(), x[1]), [a, b]);
        GradientCheck.Assert(x => Apply(op, x[0], x[0]), [a]);
    }

    [Fact]
    public void Backward_OnlyOperandThatRequiresGradGetsGradient()
    {
        Tensor a = GradInputs.Uniform(15, 2, 3);
        Tensor b = Tensor.Uniform(new RandomGenerator(16), -1f, 1f, 3);
        (a * b).Sum().Backward();
        Assert.NotNull(a.Grad);
        Assert.Null(b.Grad);
        Assert.Equal(new[] { 2, 3 }, a.Grad!.Shape.ToArray());
    }

    [Fact]
    public void NotBroadcastable_ThrowsNamingOtherWithBothShapes()
    {
        var error = Assert.Throws<TensorShapeException>(() => Tensor.Zeros(2, 3) + Tensor.Zeros(4));
        Assert.Equal("other", error.ParamName);
        Assert.Contains("other: expected shape broadcastable with (2, 3), got (4,)", error.Message);
        var inner = Assert.Throws<TensorShapeException>(() => Tensor.Zeros(2, 1, 4).Multiply(Tensor.Zeros(3, 2)));
        Assert.Contains("(2, 1, 4)", inner.Message);
        Assert.Contains("(3, 2)", inner.Message);
    }

    [Fact]
    public void NullOperand_ThrowsArgumentNull()
    {
        Assert.Throws<ArgumentNullException>("other", () => Tensor.Zeros(2).Add(null!));
        Assert.Throws<ArgumentNullException>("left", () => null! + Tensor.Zeros(2));
        Assert.Throws<ArgumentNullException>("right", () => 1f - (Tensor)null!);
    }
}
