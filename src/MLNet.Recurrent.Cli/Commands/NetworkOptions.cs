using System.CommandLine;
using MLNet.Recurrent.Cli.Tasks;
using MLNet.Recurrent.Engine.Nn;
using MLNet.Recurrent.Transforms;

namespace MLNet.Recurrent.Cli.Commands;

/// <summary>
/// The network and training options. <c>train</c> takes one <c>--cell</c> and one <c>--attention</c>; <c>compare</c>
/// takes lists (<c>--cells</c>, <c>--attention</c>) and trains every combination with the other settings fixed.
/// </summary>
internal sealed class NetworkOptions
{
    private static readonly string[] DefaultCells = ["lstm"];
    private static readonly string[] DefaultComparedCells = ["lstm", "gru"];
    private static readonly string[] DefaultAttention = ["none"];

    private readonly Option<RecurrentCellKind?>? _cell;
    private readonly Option<RecurrentAttention?>? _attention;
    private readonly Option<RecurrentCellKind[]>? _cells;
    private readonly Option<RecurrentAttention[]>? _attentions;
    private readonly Option<int?> _hidden = OptionFactory.Integer("--hidden", "H, units per layer and direction", 1, 64);
    private readonly Option<int?> _layers = OptionFactory.Integer("--layers", "Stacked recurrent layers", 1, 1);
    private readonly Option<bool> _bidirectional = OptionFactory.Switch("--bidirectional", "Read each sequence in both directions");
    private readonly Option<int?> _embedding = OptionFactory.Integer("--embedding", "E, the size of a token embedding (text tasks)", 1, 32);
    private readonly Option<int?> _epochs = OptionFactory.Integer("--epochs", "Passes over the training rows", 1, 10);
    private readonly Option<int?> _batchSize = OptionFactory.Integer("--batch-size", "Sequences per mini-batch", 1, 32);
    private readonly Option<double?> _learningRate = OptionFactory.Real("--learning-rate", "Adam's learning rate, cosine-decayed",
        x => x > 0 && double.IsFinite(x), "a number > 0", 0.003);
    private readonly Option<int?> _seed = OptionFactory.Integer("--seed", "Seeds the split, initialisation and shuffling", 0, 1);
    private readonly Option<double?> _testFraction = OptionFactory.Real("--test-fraction", "Share of the rows held out for evaluation (forecasting: the most recent windows)",
        x => x > 0 && x < 1, "a fraction in (0, 1)", 0.2);

    /// <summary>Creates the options.</summary>
    /// <param name="lists">True for <c>compare</c>: lists of cells and attention kinds.</param>
    public NetworkOptions(bool lists)
    {
        if (lists)
        {
            _cells = OptionFactory.ChoiceList("--cells", "The recurrent cells to compare", TaskNames.Cells, DefaultComparedCells);
            _attentions = OptionFactory.ChoiceList("--attention", "The attention kinds to compare", TaskNames.Attention, DefaultAttention);
        }
        else
        {
            _cell = OptionFactory.Choice("--cell", "The recurrent cell", TaskNames.Cells, DefaultCells[0]);
            _attention = OptionFactory.Choice("--attention", "How the recurrent outputs are pooled", TaskNames.Attention, DefaultAttention[0]);
        }
    }

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    /// <param name="command">The command.</param>
    public void AddTo(Command command)
    {
        Option?[] all = [_cell, _cells, _attention, _attentions, _hidden, _layers, _bidirectional, _embedding, _epochs, _batchSize, _learningRate, _seed, _testFraction];
        foreach (var option in all.OfType<Option>())
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The seed (<c>--seed</c>).</summary>
    /// <param name="result">The parse result.</param>
    /// <returns>The seed.</returns>
    public int Seed(ParseResult result) => Value(result, _seed);

    /// <summary>The held-out share (<c>--test-fraction</c>).</summary>
    /// <param name="result">The parse result.</param>
    /// <returns>The fraction.</returns>
    public double TestFraction(ParseResult result) => result.GetValue(_testFraction) ?? throw new InvalidOperationException("--test-fraction has no default value.");

    /// <summary>The networks to train: one for <c>train</c>, every (cell, attention) combination for <c>compare</c>.</summary>
    /// <param name="result">The parse result.</param>
    /// <returns>The settings, cells outermost.</returns>
    public IReadOnlyList<NetworkSettings> Read(ParseResult result)
    {
        var cells = _cells is null
            ? result.GetValue(_cell!) is { } oneCell ? [oneCell] : Defaults(TaskNames.Cells, DefaultCells)
            : result.GetValue(_cells) is { Length: > 0 } givenCells ? givenCells : Defaults(TaskNames.Cells, DefaultComparedCells);
        var attentions = _attentions is null
            ? result.GetValue(_attention!) is { } oneAttention ? [oneAttention] : Defaults(TaskNames.Attention, DefaultAttention)
            : result.GetValue(_attentions) is { Length: > 0 } givenAttention ? givenAttention : Defaults(TaskNames.Attention, DefaultAttention);
        return [.. from cell in cells
                   from attention in attentions
                   select new NetworkSettings(cell, Value(result, _hidden), Value(result, _layers), result.GetValue(_bidirectional), attention,
                       Value(result, _embedding), Value(result, _epochs), Value(result, _batchSize), (float)(result.GetValue(_learningRate) ?? throw new InvalidOperationException("--learning-rate has no default value.")), Seed(result))];
    }

    private static T[] Defaults<T>(IReadOnlyDictionary<string, T> names, string[] defaults) => [.. defaults.Select(name => names[name])];

    /// <summary>The value of an integer option that has a default.</summary>
    private static int Value(ParseResult result, Option<int?> option)
        => result.GetValue(option) ?? throw new InvalidOperationException($"{option.Name} has no default value.");
}
