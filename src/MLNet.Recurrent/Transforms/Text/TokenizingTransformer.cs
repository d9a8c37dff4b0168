using MLNet.Recurrent.Data;
using MLNet.Recurrent.Persistence;

namespace MLNet.Recurrent.Transforms.Text;

/// <summary>
/// Maps text to key sequences with a fixed <see cref="Transforms.Vocabulary"/> (see <see cref="TokenizingEstimator"/>):
/// [begin] + key of each token (unknown → <see cref="Vocabulary.UnknownKey"/>) + [end].
/// </summary>
public sealed class TokenizingTransformer : OneToOneTransformerBase
{
    /// <summary>The kind name in model files.</summary>
    public const string KindName = "TokenizingTransformer";

    private readonly TokenUnit _unit;
    private readonly char[] _separators;
    private readonly bool _lowerCase;

    internal TokenizingTransformer(string outputColumnName, string inputColumnName, TokenUnit unit, char[] separators, bool lowerCase, Vocabulary vocabulary)
        : base(outputColumnName, inputColumnName)
    {
        _unit = unit;
        _separators = separators;
        _lowerCase = lowerCase;
        Vocabulary = vocabulary;
    }

    /// <summary>The vocabulary: tokens, counts and the key of each token.</summary>
    public Vocabulary Vocabulary { get; }

    private protected override string Kind => KindName;

    private protected override OutputColumn GetOutputColumn(DataViewSchema inputSchema)
    {
        TextInput.Check(nameof(inputSchema), inputSchema, InputColumnName);
        return new OutputColumn(OutputColumnName, new VectorDataViewType(Vocabulary.KeyType), Vocabulary.ToAnnotations());
    }

    private protected override Delegate CreateGetter(DataViewRow input, DataViewSchema.Column inputColumn)
    {
        var texts = ColumnItems.Create<ReadOnlyMemory<char>>(input, inputColumn);
        var splitter = new TokenSplitter(_unit, _separators, _lowerCase);
        var writer = new KeyWriter(Vocabulary);
        TokenSink add = writer.Add;
        ValueGetter<VBuffer<uint>> getter = (ref VBuffer<uint> keys) =>
        {
            writer.Start(keys);
            writer.AddKey(Vocabulary.BeginKey);
            foreach (var text in texts())
            {
                splitter.Split(text.Span, add);
            }

            writer.AddKey(Vocabulary.EndKey);
            keys = writer.Result;
        };
        return getter;
    }

    private protected override void SaveContents(ModelSaveContext context)
    {
        context.Manifest["unit"] = _unit.ToString();
        context.Manifest["separators"] = new string(_separators);
        context.Manifest["lowerCase"] = _lowerCase;
        Vocabulary.Save(context);
    }

    internal static TokenizingTransformer Load(ModelLoadContext context)
    {
        var (output, input) = LoadColumnNames(context);
        string unit = context.Get<string>("unit");
        if (!Enum.TryParse<TokenUnit>(unit, out var parsed) || !Enum.IsDefined(parsed))
        {
            throw new ModelFormatException(context.Path, $"field 'unit' must be Word or Character, got '{unit}'.");
        }

        return new TokenizingTransformer(output, input, parsed,
            context.Get<string>("separators").ToCharArray(), context.Get<bool>("lowerCase"), Vocabulary.Load(context));
    }

    /// <summary>Appends keys to a reused buffer (one per cursor).</summary>
    private sealed class KeyWriter(Vocabulary vocabulary)
    {
        private uint[] _keys = [];
        private int _count;

        public VBuffer<uint> Result => new(_count, _keys);

        public void Start(in VBuffer<uint> destination)
        {
            _keys = VBuffer<uint>.GetWritableArray(destination, 16);
            _count = 0;
        }

        public void Add(ReadOnlySpan<char> token) => AddKey(vocabulary.TokenToKey(token));

        public void AddKey(uint? key)
        {
            if (key is not { } value)
            {
                return;
            }

            if (_count == _keys.Length)
            {
                Array.Resize(ref _keys, 2 * _keys.Length);
            }

            _keys[_count++] = value;
        }
    }
}
