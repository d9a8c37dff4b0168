namespace MLNet.Recurrent.Engine.Tests.Testing;

/// <summary>
/// Where the PyTorch fixtures of an area (recurrent, losses, optimizers, attention, conv, ...) are read from:
/// <c>$MLNET_FIXTURES/&lt;area&gt;</c> when that variable is set (as written by
/// <c>tools/fixtures/generate_all.py --out $MLNET_FIXTURES</c>), else the committed copy under
/// <c>tests/fixtures/&lt;area&gt;</c>. For the recurrent layers, <c>MLNET_RECURRENT_FIXTURES</c> names the directory
/// itself and takes precedence (see <see cref="RecurrentFixture"/>).
/// </summary>
public static class FixtureRoot
{
    /// <summary>The environment variable naming a root that holds one sub-directory per area.</summary>
    public const string RootVariable = "MLNET_FIXTURES";

    /// <summary>The directory to read an area's fixtures from.</summary>
    /// <param name="area">The area's folder name, e.g. "losses".</param>
    /// <returns>An absolute path.</returns>
    public static string For(string area)
    {
        string? root = Environment.GetEnvironmentVariable(RootVariable);
        return string.IsNullOrEmpty(root)
            ? Path.Combine(AppContext.BaseDirectory, "fixtures", area)
            : Path.Combine(root, area);
    }
}
