using System.Globalization;
using MLNet.Recurrent.Data;
using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.ModelRoundTrip;

/// <summary>
/// A small deterministic model of the test kinds — Affine(3→4) then a nested chain Scale(−1.5), Affine(4→2) — with
/// the data it reads (column "Features", Vector&lt;Single, 3&gt;, plus a key column "Label" with key values) and its
/// predictions (column "Score") formatted exactly.
/// </summary>
public static class SampleModel
{
    /// <summary>The model's input column.</summary>
    public const string Features = "Features";

    /// <summary>The model's output column.</summary>
    public const string Score = "Score";

    /// <summary>Builds the model from a seed.</summary>
    /// <param name="seed">Fixes the weights.</param>
    /// <returns>The model.</returns>
    public static TransformerChain<ITransformer> Build(int seed)
    {
        var random = new RandomGenerator(seed);
        var first = new AffineTransformer(Features, "Hidden", Tensor.Uniform(random, -1, 1, 4, 3), Tensor.Uniform(random, -1, 1, 4));
        var last = new AffineTransformer("Scaled", Score, Tensor.Uniform(random, -1, 1, 2, 4), Tensor.Uniform(random, -1, 1, 2));
        var inner = new TransformerChain<ITransformer>(new ScaleTransformer("Hidden", "Scaled", -1.5f), last);
        return new TransformerChain<ITransformer>(first, inner);
    }

    /// <summary>The input data: <paramref name="rows"/> rows drawn from a fixed seed.</summary>
    /// <param name="rows">The number of rows.</param>
    /// <returns>A view with the columns Features and Label.</returns>
    public static IDataView Input(int rows = 5)
    {
        var random = new RandomGenerator(12345);
        var features = new VBuffer<float>[rows];
        var labels = new uint[rows];
        for (int r = 0; r < rows; r++)
        {
            features[r] = new VBuffer<float>(3, Tensor.Uniform(random, -2, 2, 3).ToArray());
            labels[r] = (uint)(r % 3) + 1;
        }

        return new InMemoryDataView(
        [
            (Features, new VectorDataViewType(NumberDataViewType.Single, 3), features, null),
            ("Label", new KeyDataViewType(typeof(uint), 3), labels, Annotations.ForKeyValues(["cat", "dog", "émeu"])),
        ]);
    }

    /// <summary>Applies <paramref name="model"/> to <see cref="Input"/> and formats the Score column exactly.</summary>
    /// <param name="model">A model of this shape.</param>
    /// <returns>One line per row: the scores' IEEE-754 bit patterns in hex.</returns>
    public static IReadOnlyList<string> Predict(ITransformer model)
    {
        var output = model.Transform(Input());
        var column = output.Schema[Score];
        var lines = new List<string>();
        using var cursor = output.GetRowCursor([column]);
        var getter = cursor.GetGetter<VBuffer<float>>(column);
        VBuffer<float> value = default;
        while (cursor.MoveNext())
        {
            getter(ref value);
            lines.Add(string.Join(" ", value.DenseValues().Select(x => BitConverter.SingleToUInt32Bits(x).ToString("x8", CultureInfo.InvariantCulture))));
        }

        return lines;
    }
}
