namespace MLNet.Recurrent.Engine.Kernels;

/// <summary>Element-wise functions a backend evaluates with <see cref="IComputeBackend.Map(UnaryOp, ReadOnlySpan{float}, Span{float})"/>.</summary>
internal enum UnaryOp
{
    Negate,
    Exp,
    Log,
    Tanh,
    Sigmoid,
    Relu,
    Abs,
    Sqrt,
    Square,
    Reciprocal,
}
