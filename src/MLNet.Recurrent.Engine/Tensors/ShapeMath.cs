namespace MLNet.Recurrent.Engine.Tensors;

/// <summary>Small shape computations shared by the operations: splitting around a dimension, removing and inserting sizes.</summary>
internal static class ShapeMath
{
    /// <summary>
    /// Views a row-major shape as (outer, size, inner) around <paramref name="dim"/>: outer is the product of the
    /// sizes before it, inner the product of the sizes after it.
    /// </summary>
    public static (int Outer, int Size, int Inner) Split(ReadOnlySpan<int> shape, int dim)
        => (Product(shape[..dim]), shape[dim], Product(shape[(dim + 1)..]));

    /// <summary>The product of the sizes (1 for none).</summary>
    public static int Product(ReadOnlySpan<int> sizes)
    {
        int product = 1;
        foreach (int size in sizes)
        {
            product *= size;
        }
        return product;
    }

    /// <summary>The shape without dimension <paramref name="dim"/>.</summary>
    public static int[] Remove(ReadOnlySpan<int> shape, int dim)
    {
        var result = new int[shape.Length - 1];
        shape[..dim].CopyTo(result);
        shape[(dim + 1)..].CopyTo(result.AsSpan(dim));
        return result;
    }

    /// <summary>The shape with <paramref name="size"/> inserted before position <paramref name="dim"/>.</summary>
    public static int[] Insert(ReadOnlySpan<int> shape, int dim, int size)
    {
        var result = new int[shape.Length + 1];
        shape[..dim].CopyTo(result);
        result[dim] = size;
        shape[dim..].CopyTo(result.AsSpan(dim + 1));
        return result;
    }

    /// <summary>The shape with dimension <paramref name="dim"/> replaced by <paramref name="size"/>.</summary>
    public static int[] With(ReadOnlySpan<int> shape, int dim, int size)
    {
        int[] result = shape.ToArray();
        result[dim] = size;
        return result;
    }
}
