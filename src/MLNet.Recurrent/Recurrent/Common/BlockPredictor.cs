using MLNet.Recurrent.Engine.Autograd;

namespace MLNet.Recurrent.Transforms;

/// <summary>
/// Per cursor: predicts a block of rows at once and serves the predicted values of the current row through typed
/// getters (one per output column of the transformer).
/// </summary>
internal abstract class BlockPredictor
{
    /// <summary>Predicts <paramref name="rows"/>, replacing the previous block's results.</summary>
    /// <param name="rows">The block's feature sequences, in row order.</param>
    public abstract void Predict(IReadOnlyList<FeatureSequence> rows);

    /// <summary>Getters of the active outputs, each reading the result at the slot <paramref name="slot"/> returns.</summary>
    /// <param name="slot">The current row's index in the block.</param>
    /// <param name="isActive">Whether output i was requested.</param>
    /// <returns>One <see cref="ValueGetter{TValue}"/> (or null when inactive) per output column.</returns>
    public abstract Delegate?[] CreateGetters(Func<int> slot, Func<int, bool> isActive);
}

/// <summary>A <see cref="BlockPredictor"/> whose results are <typeparamref name="TPrediction"/> values.</summary>
/// <typeparam name="TPrediction">One row's prediction.</typeparam>
/// <param name="predict">Predicts a block.</param>
/// <param name="createGetters">Builds the output getters from a function returning the current row's prediction.</param>
internal sealed class BlockPredictor<TPrediction>(
    Func<IReadOnlyList<FeatureSequence>, TPrediction[]> predict,
    Func<Func<TPrediction>, Func<int, bool>, Delegate?[]> createGetters) : BlockPredictor
{
    private TPrediction[] _results = [];

    public override void Predict(IReadOnlyList<FeatureSequence> rows)
    {
        using (GradMode.NoGrad())
        {
            _results = predict(rows);
        }
    }

    public override Delegate?[] CreateGetters(Func<int> slot, Func<int, bool> isActive)
        => createGetters(() =>
        {
            int current = slot();   // may predict a new block, so read the results after it
            return _results[current];
        }, isActive);
}
