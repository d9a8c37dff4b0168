using MLNet.Recurrent.Data;
using MLNet.Recurrent.Persistence;

namespace MLNet.Recurrent.Transforms.Text;

/// <summary>Splits text into words at separator characters (ML.NET's WordTokenizingTransformer); see <see cref="WordTokenizingEstimator"/>.</summary>
public sealed class WordTokenizingTransformer : OneToOneTransformerBase
{
    /// <summary>The kind name in model files.</summary>
    public const string KindName = "WordTokenizingTransformer";

    private readonly char[] _separators;

    internal WordTokenizingTransformer(string outputColumnName, string? inputColumnName, char[]? separators)
        : base(outputColumnName, inputColumnName)
    {
        if (separators is { Length: 0 })
        {
            throw new ArgumentException($"{nameof(separators)}: expected at least one separator (or null for a space), got none.", nameof(separators));
        }

        _separators = separators is null ? [' '] : [.. separators];
    }

    private protected override string Kind => KindName;

    private protected override OutputColumn GetOutputColumn(DataViewSchema inputSchema)
    {
        TextInput.Check(nameof(inputSchema), inputSchema, InputColumnName);
        return new OutputColumn(OutputColumnName, new VectorDataViewType(TextDataViewType.Instance));
    }

    private protected override Delegate CreateGetter(DataViewRow input, DataViewSchema.Column inputColumn)
    {
        var texts = ColumnItems.Create<ReadOnlyMemory<char>>(input, inputColumn);
        ValueGetter<VBuffer<ReadOnlyMemory<char>>> getter = (ref VBuffer<ReadOnlyMemory<char>> words) =>
        {
            var array = VBuffer<ReadOnlyMemory<char>>.GetWritableArray(words, 16);
            int count = 0;
            foreach (var text in texts())
            {
                var tokens = new TokenRanges(text.Span, TokenUnit.Word, _separators);
                while (tokens.MoveNext())
                {
                    if (count == array.Length)
                    {
                        Array.Resize(ref array, 2 * array.Length);
                    }

                    array[count++] = text.Slice(tokens.Start, tokens.Length);
                }
            }

            words = new VBuffer<ReadOnlyMemory<char>>(count, array);
        };
        return getter;
    }

    private protected override void SaveContents(ModelSaveContext context) => context.Manifest["separators"] = new string(_separators);

    internal static WordTokenizingTransformer Load(ModelLoadContext context)
    {
        var (output, input) = LoadColumnNames(context);
        return new WordTokenizingTransformer(output, input, context.Get<string>("separators").ToCharArray());
    }
}
