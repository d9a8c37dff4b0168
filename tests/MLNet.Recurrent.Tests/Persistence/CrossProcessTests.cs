using MLNet.Recurrent.ModelRoundTrip;
using MLNet.Recurrent.Tests.Testing;

namespace MLNet.Recurrent.Tests.Persistence;

/// <summary>A model saved by this process loads in another with identical predictions.</summary>
public sealed class CrossProcessTests
{
    [Fact]
    public void Model_saved_here_predicts_identically_in_a_fresh_process()
    {
        using var directory = new TemporaryDirectory();
        string path = directory.File("model.zip");
        var model = SampleModel.Build(seed: 11);
        new MLContext(1).Model.Save(model, SampleModel.Input().Schema, path);

        var output = DotnetExec.Run("MLNet.Recurrent.ModelRoundTrip.dll", path);
        string[] expected = [$"schema: {SampleModel.Input().Schema}", .. SampleModel.Predict(model)];
        Assert.Equal(expected, output);
    }
}
