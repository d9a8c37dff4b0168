using MLNet.Recurrent.Data;
using MLNet.Recurrent.ModelRoundTrip;
using MLNet.Recurrent.Persistence;

namespace MLNet.Recurrent.Tests.Persistence;

public sealed class ModelKindsTests
{
    [Fact]
    public async Task Test_kinds_are_visible_only_inside_their_scope_and_flow()
    {
        var node = ModelSaveContext.SaveNode(new ScaleTransformer("A", "B", 2));
        var mlContext = new MLContext(1);
        Assert.DoesNotContain(ScaleTransformer.KindName, ModelKinds.Known);
        Assert.Throws<ModelFormatException>(() => ModelKinds.Load(new ModelLoadContext(node, mlContext, "model")));

        using (ModelKinds.RegisterForTesting(ScaleTransformer.KindName, ScaleTransformer.Load))
        {
            var loaded = Assert.IsType<ScaleTransformer>(ModelKinds.Load(new ModelLoadContext(node, mlContext, "model")));
            Assert.Equal(2f, loaded.Factor);
            Assert.DoesNotContain(ScaleTransformer.KindName, ModelKinds.Known);

            // Another flow (not started from this test) does not see the registration.
            Task<bool> other;
            using (ExecutionContext.SuppressFlow())
            {
                other = Task.Run(() =>
                {
                    try
                    {
                        ModelKinds.Load(new ModelLoadContext(node, mlContext, "model"));
                        return true;
                    }
                    catch (ModelFormatException)
                    {
                        return false;
                    }
                });
            }

            Assert.False(await other);
        }

        var error = Assert.Throws<ModelFormatException>(() => ModelKinds.Load(new ModelLoadContext(node, mlContext, "model")));
        Assert.Contains("unknown object kind 'Test.Scale'", error.Message);
    }

    [Fact]
    public void Built_in_kinds_cannot_be_shadowed()
    {
        var error = Assert.Throws<ArgumentException>(() => ModelKinds.RegisterForTesting(TransformerChain.KindName, TransformerChain.Load));
        Assert.Equal("kind", error.ParamName);
    }

    [Fact]
    public void Root_that_is_not_a_transformer_is_refused()
    {
        var bytes = ModelZip.SampleBytes();
        using var kind = ModelKinds.RegisterForTesting("Test.NotATransformer", _ => new NotATransformer());
        var edited = ModelZip.EditJson(bytes, "nodes/0/manifest.json", json => json["kind"] = "Test.NotATransformer");
        var error = Assert.Throws<ModelFormatException>(() => new MLContext(1).Model.Load(new MemoryStream(edited), out _));
        Assert.Equal("nodes/0", error.ModelPath);
        Assert.Contains("not a transformer", error.Message);
    }

    [Fact]
    public void Save_context_rejects_reserved_or_repeated_tensor_names_and_kindless_children()
    {
        var context = new ModelSaveContext(new ModelNode());
        Assert.Throws<ArgumentException>(() => context.SaveTensors([new("__metadata__", Engine.Tensors.Tensor.Zeros(1))]));
        Assert.Throws<ArgumentException>(() => context.SaveTensors([new("", Engine.Tensors.Tensor.Zeros(1))]));
        context.SaveTensors([new("w", Engine.Tensors.Tensor.Zeros(1))]);
        Assert.Throws<ArgumentException>(() => context.SaveTensors([new("w", Engine.Tensors.Tensor.Zeros(1))]));
        var error = Assert.Throws<InvalidOperationException>(() => context.SaveChild("c", new NotATransformer(setKind: false)));
        Assert.Contains("did not call SetKind", error.Message);
    }

    private sealed class NotATransformer(bool setKind = true) : ICanSaveModel
    {
        public void Save(ModelSaveContext context)
        {
            if (setKind)
            {
                context.SetKind("Test.NotATransformer", 1);
            }
        }
    }
}
