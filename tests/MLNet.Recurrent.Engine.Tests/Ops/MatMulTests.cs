using MLNet.Recurrent.Engine.Errors;
using MLNet.Recurrent.Engine.Tensors;
using MLNet.Recurrent.Engine.Tests.Testing;

namespace MLNet.Recurrent.Engine.Tests.Ops;

public class MatMulTests
{
    /// <summary>The product in double by the definition, for ranks 1–3 with PyTorch's matmul rules.</summary>
    private static (double[] Values, int[] Shape) Reference(Tensor a, Tensor b)
    {
        Tensor a3 = a.Rank == 1 ? a.Reshape(1, 1, a.Size(0)) : a.Rank == 2 ? a.Unsqueeze(0) : a;
        Tensor b3 = b.Rank == 1 ? b.Reshape(1, b.Size(0), 1) : b.Rank == 2 ? b.Unsqueeze(0) : b;
        int batch = Math.Max(a3.Size(0), b3.Size(0)), m = a3.Size(1), k = a3.Size(2), n = b3.Size(2);
        var c = new double[batch * m * n];
        for (int i = 0; i < batch; i++)
        {
            for (int r = 0; r < m; r++)
            {
                for (int col = 0; col < n; col++)
                {
                    double sum = 0;
                    for (int p = 0; p < k; p++)
                    {
                        sum += (double)a3[a3.Size(0) == 1 ? 0 : i, r, p] * b3[b3.Size(0) == 1 ? 0 : i, p, col];
                    }
                    c[(i * m + r) * n + col] = sum;
                }
            }
        }
        var shape = new List<int>();
        if (a.Rank == 3 || b.Rank == 3)
        {
            shape.Add(batch);
        }
        if (a.Rank > 1)
        {
            shape.Add(m);
        }
        if (b.Rank > 1)
        {
            shape.Add(n);
        }
        return (c, [.. shape]);
    }

    /// <summary>Named operand layouts: each builds (from a seeded leaf) the operand the product sees.</summary>
    public static TheoryData<string> Layouts => new()
    {
        "2d x 2d", "2d x 2d, 1x1", "2d x 2d, k=1", "2d x 2d, row vector", "2d^T x 2d", "2d x 2d^T", "2d^T x 2d^T",
        "narrowed x 2d", "3d x 3d", "3d^T x 3d^T", "permuted 3d x 3d", "3d x 2d", "3d x 2d^T", "3d^T x 2d",
        "2d x 3d", "1d x 2d", "2d x 1d", "1d x 1d", "1d x 3d", "3d x 1d",
    };

    /// <summary>Leaf shapes for each layout and the function from leaves to the product.</summary>
    private static (int[][] Leaves, Func<Tensor[], Tensor> Product) Layout(string name) => name switch
    {
        "2d x 2d" => ([[3, 4], [4, 5]], x => x[0].MatMul(x[1])),
        "2d x 2d, 1x1" => ([[1, 1], [1, 1]], x => x[0].MatMul(x[1])),
        "2d x 2d, k=1" => ([[3, 1], [1, 2]], x => x[0].MatMul(x[1])),
        "2d x 2d, row vector" => ([[1, 4], [4, 3]], x => x[0].MatMul(x[1])),
        "2d^T x 2d" => ([[4, 3], [4, 5]], x => x[0].T().MatMul(x[1])),
        "2d x 2d^T" => ([[3, 4], [5, 4]], x => x[0].MatMul(x[1].T())),
        "2d^T x 2d^T" => ([[4, 3], [5, 4]], x => x[0].T().MatMul(x[1].T())),
        "narrowed x 2d" => ([[3, 6], [4, 2]], x => x[0].Narrow(1, 1, 4).MatMul(x[1])),
        "3d x 3d" => ([[2, 3, 4], [2, 4, 5]], x => x[0].MatMul(x[1])),
        "3d^T x 3d^T" => ([[2, 4, 3], [2, 5, 4]], x => x[0].Transpose(1, 2).MatMul(x[1].Transpose(1, 2))),
        "permuted 3d x 3d" => ([[3, 2, 4], [2, 4, 5]], x => x[0].Permute(1, 0, 2).MatMul(x[1])),
        "3d x 2d" => ([[2, 3, 4], [4, 5]], x => x[0].MatMul(x[1])),
        "3d x 2d^T" => ([[2, 3, 4], [5, 4]], x => x[0].MatMul(x[1].T())),
        "3d^T x 2d" => ([[2, 4, 3], [4, 5]], x => x[0].Transpose(1, 2).MatMul(x[1])),
        "2d x 3d" => ([[3, 4], [2, 4, 5]], x => x[0].MatMul(x[1])),
        "1d x 2d" => ([[4], [4, 5]], x => x[0].MatMul(x[1])),
        "2d x 1d" => ([[3, 4], [4]], x => x[0].MatMul(x[1])),
        "1d x 1d" => ([[4], [4]], x => x[0].MatMul(x[1])),
        "1d x 3d" => ([[4], [2, 4, 5]], x => x[0].MatMul(x[1])),
        "3d x 1d" => ([[2, 3, 4], [4]], x => x[0].MatMul(x[1])),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static Tensor[] Leaves(int[][] shapes) => [.. shapes.Select((s, i) => GradInputs.Uniform(70 + i, s))];

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Forward_MatchesDoubleReference(string layout)
    {
        var (shapes, product) = Layout(layout);
        Tensor[] leaves = Leaves(shapes);
        // Reference on the same operands the product sees (views included).
        Tensor[] seen = CaptureOperands(leaves, layout);
        var (expected, shape) = Reference(seen[0], seen[1]);
        TensorAssert.Close(expected, shape, product(leaves), rtol: 1e-5, atol: 1e-6);
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Backward_MatchesFiniteDifference(string layout)
    {
        var (shapes, product) = Layout(layout);
        GradientCheck.Assert(product, Leaves(shapes));
    }

    /// <summary>The operands after the layout's views, for the reference.</summary>
    private static Tensor[] CaptureOperands(Tensor[] x, string layout) => layout switch
    {
        "2d^T x 2d" => [x[0].T(), x[1]],
        "2d x 2d^T" => [x[0], x[1].T()],
        "2d^T x 2d^T" => [x[0].T(), x[1].T()],
        "narrowed x 2d" => [x[0].Narrow(1, 1, 4), x[1]],
        "3d^T x 3d^T" => [x[0].Transpose(1, 2), x[1].Transpose(1, 2)],
        "permuted 3d x 3d" => [x[0].Permute(1, 0, 2), x[1]],
        "3d x 2d^T" => [x[0], x[1].T()],
        "3d^T x 2d" => [x[0].Transpose(1, 2), x[1]],
        _ => x,
    };

    [Fact]
    public void EmptySizes_GiveZerosOfTheRightShape()
    {
        Assert.Equal(new[] { 0, 4 }, Tensor.Zeros(0, 3).MatMul(Tensor.Zeros(3, 4)).Shape.ToArray());
        Tensor zeroK = Tensor.Ones(2, 0).MatMul(Tensor.Ones(0, 3));
        Assert.Equal(new[] { 2, 3 }, zeroK.Shape.ToArray());
        Assert.All(zeroK.ToArray(), v => Assert.Equal(0f, v));
        Tensor a = GradInputs.Uniform(75, 2, 0);
        Tensor b = GradInputs.Uniform(76, 0, 3);
        a.MatMul(b).Sum().Backward();
        Assert.Equal(new[] { 2, 0 }, a.Grad!.Shape.ToArray());
        Assert.Equal(new[] { 0, 3 }, b.Grad!.Shape.ToArray());
    }

    [Fact]
    public void LargerProduct_MatchesReference()
    {
        Tensor a = Tensor.Uniform(new RandomGenerator(77), -1f, 1f, 37, 53);
        Tensor b = Tensor.Uniform(new RandomGenerator(78), -1f, 1f, 29, 53);
        var (expected, shape) = Reference(a, b.T());
        TensorAssert.Close(expected, shape, a.MatMul(b.T()), rtol: 1e-5, atol: 1e-5);
    }

    [Fact]
    public void InnerSizeMismatch_ThrowsNamingOtherWithExpectedAndActual()
    {
        var error = Assert.Throws<TensorShapeException>(() => Tensor.Zeros(2, 3).MatMul(Tensor.Zeros(4, 5)));
        Assert.Equal("other", error.ParamName);
        Assert.Contains("other: expected shape (K=3, *) to match input (2, 3), got (4, 5)", error.Message);
        var batched = Assert.Throws<TensorShapeException>(() => Tensor.Zeros(2, 3, 4).MatMul(Tensor.Zeros(5, 4, 6)));
        Assert.Contains("(B=2, K=4, *) to match input (2, 3, 4), got (5, 4, 6)", batched.Message);
        var vector = Assert.Throws<TensorShapeException>(() => Tensor.Zeros(2, 3).MatMul(Tensor.Zeros(4)));
        Assert.Contains("(K=3,) to match input (2, 3), got (4,)", vector.Message);
    }

    [Fact]
    public void UnsupportedRank_Throws()
    {
        var left = Assert.Throws<TensorShapeException>(() => Tensor.Zeros(1, 2, 3, 4).MatMul(Tensor.Zeros(4, 2)));
        Assert.Equal("input", left.ParamName);
        Assert.Contains("got (1, 2, 3, 4)", left.Message);
        var right = Assert.Throws<TensorShapeException>(() => Tensor.Zeros(2, 3).MatMul(Tensor.Scalar(1f)));
        Assert.Equal("other", right.ParamName);
        Assert.Contains("got ()", right.Message);
        Assert.Throws<ArgumentNullException>("other", () => Tensor.Zeros(2, 3).MatMul(null!));
    }
}
