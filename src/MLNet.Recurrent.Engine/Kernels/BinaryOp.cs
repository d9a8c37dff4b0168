namespace MLNet.Recurrent.Engine.Kernels;

/// <summary>Element-wise binary operations a backend evaluates.</summary>
internal enum BinaryOp
{
    Add,
    Subtract,
    Multiply,
    Divide,
}
