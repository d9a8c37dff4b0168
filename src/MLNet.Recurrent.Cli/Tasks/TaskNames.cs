using MLNet.Recurrent.Engine.Nn;
using MLNet.Recurrent.Transforms;
using MLNet.Recurrent.Transforms.Text;

namespace MLNet.Recurrent.Cli.Tasks;

/// <summary>The command-line spellings of the enumerations the options take, in both directions.</summary>
internal static class TaskNames
{
    /// <summary><c>--task</c> values.</summary>
    public static readonly IReadOnlyDictionary<string, TaskKind> Tasks = new Dictionary<string, TaskKind>
    {
        ["classification"] = TaskKind.Classification,
        ["regression"] = TaskKind.Regression,
        ["forecasting"] = TaskKind.Forecasting,
    };

    /// <summary><c>--cell</c> / <c>--cells</c> values.</summary>
    public static readonly IReadOnlyDictionary<string, RecurrentCellKind> Cells = new Dictionary<string, RecurrentCellKind>
    {
        ["lstm"] = RecurrentCellKind.Lstm,
        ["gru"] = RecurrentCellKind.Gru,
        ["rnn"] = RecurrentCellKind.RnnTanh,
        ["rnn-relu"] = RecurrentCellKind.RnnRelu,
    };

    /// <summary><c>--attention</c> values.</summary>
    public static readonly IReadOnlyDictionary<string, RecurrentAttention> Attention = new Dictionary<string, RecurrentAttention>
    {
        ["none"] = RecurrentAttention.None,
        ["pooling"] = RecurrentAttention.Pooling,
        ["additive"] = RecurrentAttention.Additive,
        ["luong"] = RecurrentAttention.Luong,
    };

    /// <summary><c>--tokens</c> values.</summary>
    public static readonly IReadOnlyDictionary<string, TokenUnit> Tokens = new Dictionary<string, TokenUnit>
    {
        ["char"] = TokenUnit.Character,
        ["word"] = TokenUnit.Word,
    };

    /// <summary>The command-line name of <paramref name="value"/> in <paramref name="names"/>.</summary>
    /// <typeparam name="T">The enumeration.</typeparam>
    /// <param name="names">One of the tables above.</param>
    /// <param name="value">A value.</param>
    /// <returns>Its name, or the enumeration's own name when the table has none.</returns>
    public static string NameOf<T>(IReadOnlyDictionary<string, T> names, T value) where T : struct, Enum
        => names.FirstOrDefault(pair => EqualityComparer<T>.Default.Equals(pair.Value, value)).Key ?? value.ToString().ToLowerInvariant();
}
