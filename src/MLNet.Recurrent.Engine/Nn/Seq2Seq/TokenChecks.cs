using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MLNet.Recurrent.Engine.Errors;

namespace MLNet.Recurrent.Engine.Nn;

/// <summary>Validation of token matrices and lengths, with messages naming the argument and the position.</summary>
internal static class TokenChecks
{
    /// <summary>The elements of a token matrix in row-major order, without copying.</summary>
    public static ReadOnlySpan<int> Flat(int[,] tokens)
        => MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<byte, int>(ref MemoryMarshal.GetArrayDataReference(tokens)), tokens.Length);

    /// <summary>Checks a (N, L) token matrix: not null, both sizes positive (N = <paramref name="batch"/> when given), every id in [0, V).</summary>
    public static void Matrix(int[,]? tokens, string name, int vocabulary, string vocabularyName, int? batch = null)
    {
        ThrowHelper.ThrowIfNull(tokens, name);
        int rows = tokens.GetLength(0), columns = tokens.GetLength(1);
        if (rows < 1 || columns < 1 || (batch is int n && rows != n))
        {
            string expectedRows = batch is int b ? $"N={b}" : "N ≥ 1";
            ThrowHelper.Shape(name, $"({expectedRows}, L ≥ 1) token ids", [rows, columns]);
        }
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                int id = tokens[r, c];
                if ((uint)id >= (uint)vocabulary)
                {
                    ThrowHelper.OutOfRange(name, id, $"a token id in [0, {vocabulary - 1}] ({vocabularyName}) at {name}[{r}, {c}]");
                }
            }
        }
    }

    /// <summary>Checks N lengths, each in [1, <paramref name="maxLength"/>].</summary>
    public static void Lengths(int[]? lengths, string name, int batch, int maxLength)
    {
        ThrowHelper.ThrowIfNull(lengths, name);
        if (lengths.Length != batch)
        {
            ThrowHelper.Argument(name, $"expected one length per sequence (N={batch}), got {lengths.Length}.");
        }
        for (int n = 0; n < lengths.Length; n++)
        {
            if (lengths[n] < 1 || lengths[n] > maxLength)
            {
                ThrowHelper.OutOfRange(name, lengths[n], $"{name}[{n}] in [1, S={maxLength}]");
            }
        }
    }

    /// <summary>Checks a single token id in [0, V).</summary>
    public static void Id(int id, string name, int vocabulary)
    {
        if ((uint)id >= (uint)vocabulary)
        {
            ThrowHelper.OutOfRange(name, id, $"a target token id in [0, {vocabulary - 1}]");
        }
    }
}
