using System.Text.Json;
using MLNet.Recurrent.Engine.Errors;
using MLNet.Recurrent.Engine.Nn;
using MLNet.Recurrent.Persistence;

namespace MLNet.Recurrent.Transforms;

/// <summary>
/// The parts every saved recurrent transformer shares, written and read in one place. Manifest fields:
/// <c>featureColumn</c> (string), <c>input</c> ({kind, vocabularySize, featuresPerStep}), <c>featureScaling</c>
/// ({mean, scale}, Single features only), <c>network</c> (the architecture, JSON), <c>history</c> (epochs, stop
/// reason, best epoch); tensors: the network's state dict under its PyTorch-style names. Each transformer adds its own
/// fields (label values, output column names) and sets its kind and version.
/// </summary>
internal static class RecurrentModelFile
{
    /// <summary>Writes the shared fields, the architecture and the weights.</summary>
    /// <typeparam name="TSpec">The architecture's type.</typeparam>
    /// <param name="context">Where to write.</param>
    /// <param name="transformer">The transformer.</param>
    /// <param name="network">Its architecture.</param>
    public static void SaveCommon<TSpec>(ModelSaveContext context, RecurrentTransformer transformer, TSpec network)
    {
        context.Manifest["featureColumn"] = transformer.FeatureColumnName;
        context.Manifest["input"] = JsonSerializer.SerializeToNode(transformer.Input);
        if (transformer.Scaling is { } scaling)
        {
            context.Manifest["featureScaling"] = JsonSerializer.SerializeToNode(scaling);
        }

        context.Manifest["network"] = JsonSerializer.SerializeToNode(network);
        transformer.TrainingHistory.Save(context);
        context.SaveTensors(transformer.Model.StateDict());
    }

    /// <summary>Reads the shared fields.</summary>
    /// <param name="context">The saved transformer.</param>
    /// <returns>The parts.</returns>
    /// <exception cref="ModelFormatException">A field is missing or inconsistent.</exception>
    public static TransformerParts LoadCommon(ModelLoadContext context)
    {
        var input = context.Get<SequenceInput>("input");
        if (input.FeaturesPerStep < 1 || input.VocabularySize < 0 || (input.IsTokens && input.VocabularySize < 1))
        {
            throw new ModelFormatException(context.Path, $"field 'input' is inconsistent: {context.Manifest["input"]!.ToJsonString()}.");
        }

        var scaling = context.GetOrDefault<FeatureScaling?>("featureScaling", null);
        if (input.IsTokens != (scaling is null)
            || (scaling is not null && (scaling.Mean.Length != input.FeaturesPerStep || scaling.Scale.Length != input.FeaturesPerStep || scaling.Scale.Any(s => !(s > 0)))))
        {
            throw new ModelFormatException(context.Path, $"field 'featureScaling' must hold {input.FeaturesPerStep} means and positive scales for Single features, and be absent for keys.");
        }

        return new TransformerParts(context.Get<string>("featureColumn"), input, scaling, RecurrentTrainingHistory.Load(context));
    }

    /// <summary>Builds a network from its saved architecture and loads its weights.</summary>
    /// <typeparam name="TModule">The network type.</typeparam>
    /// <param name="context">The saved transformer.</param>
    /// <param name="build">Builds the network (may throw on an inconsistent architecture).</param>
    /// <returns>The network, in evaluation mode.</returns>
    /// <exception cref="ModelFormatException">The architecture is invalid, or a weight is missing, extra, misshapen or not finite.</exception>
    public static TModule LoadNetwork<TModule>(ModelLoadContext context, Func<TModule> build)
        where TModule : Module
    {
        try
        {
            TModule network = build();
            network.LoadStateDict(context.Tensors);
            network.Eval();
            return network;
        }
        catch (Exception e) when (e is ArgumentException or StateDictException or TensorShapeException)
        {
            throw new ModelFormatException(context.Path, $"the network does not match its saved architecture and weights: {e.Message}", e);
        }
    }

    /// <summary>Reads the label key values saved with <see cref="SaveKeyValues"/> (absent: null).</summary>
    /// <param name="context">The saved transformer.</param>
    /// <param name="field">The field.</param>
    /// <returns>The values or null.</returns>
    public static string[]? LoadKeyValues(ModelLoadContext context, string field) => context.GetOrDefault<string[]?>(field, null);

    /// <summary>Writes the key values of a key column's annotation, if it has them.</summary>
    /// <param name="context">Where to write.</param>
    /// <param name="field">The field.</param>
    /// <param name="keyValues">The values, or null.</param>
    public static void SaveKeyValues(ModelSaveContext context, string field, IReadOnlyList<string>? keyValues)
    {
        if (keyValues is not null)
        {
            context.Manifest[field] = JsonSerializer.SerializeToNode(keyValues);
        }
    }
}
