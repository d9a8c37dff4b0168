using MLNet.Recurrent.Persistence;

namespace MLNet.Recurrent.ModelRoundTrip;

/// <summary>Registers the test kinds of this project for the current execution flow.</summary>
public static class TestModelKinds
{
    /// <summary>Registers <see cref="AffineTransformer"/> and <see cref="ScaleTransformer"/>.</summary>
    /// <returns>A scope that removes them when disposed.</returns>
    public static IDisposable Register()
    {
        var affine = ModelKinds.RegisterForTesting(AffineTransformer.KindName, AffineTransformer.Load);
        var scale = ModelKinds.RegisterForTesting(ScaleTransformer.KindName, ScaleTransformer.Load);
        return new Scope(() =>
        {
            scale.Dispose();
            affine.Dispose();
        });
    }

    private sealed class Scope(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
