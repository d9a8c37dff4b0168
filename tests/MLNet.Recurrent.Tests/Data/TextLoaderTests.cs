using MLNet.Recurrent.Data;

namespace MLNet.Recurrent.Tests.DataViews;

public sealed class TextLoaderTests : IDisposable
{
    private readonly TempFiles _files = new();
    private readonly MLContext _mlContext = new(1);

    public void Dispose() => _files.Dispose();

    public sealed class Row
    {
        [LoadColumn(0)] public float Label;
        [LoadColumn(1)] public string Word = "";
        [LoadColumn(2, 4)] public float[] Features = [];
        [LoadColumn(5), KeyType(3)] public uint Key;
        [LoadColumn(6)] public bool Flag;
        [LoadColumn(7)] public int Count;
        [LoadColumn(8)] public long Big;
        [LoadColumn(9), ColumnName("Ratio")] public double D;
        [LoadColumn([11, 10])] public int[] Swapped = [];
    }

    [Fact]
    public void Generic_tsv_with_header_loads_every_kind()
    {
        string path = _files.Write("rows.tsv",
            "Label\tWord\tF0\tF1\tF2\tKey\tFlag\tCount\tBig\tRatio\tA\tB",
            "1\tcat\t0.5\t-1e3\t2\t0\ttrue\t-7\t9000000000\t0.25\t1\t2",
            "0\tdog\t1\t2\t3\t2\tNo\t0\t-1\t1E-2\t3\t4");
        var data = _mlContext.Data.LoadFromTextFile<Row>(path, hasHeader: true);
        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, 3), data.Schema["Features"].Type);
        Assert.Equal(new KeyDataViewType(typeof(uint), 3), data.Schema["Key"].Type);
        Assert.Equal(NumberDataViewType.Double, data.Schema["Ratio"].Type);
        var rows = _mlContext.Data.CreateEnumerable<Row>(data, reuseRowObject: false).ToArray();
        Assert.Equal(2, rows.Length);
        Assert.Equal((1f, "cat", 1u, true, -7, 9000000000L, 0.25), (rows[0].Label, rows[0].Word, rows[0].Key, rows[0].Flag, rows[0].Count, rows[0].Big, rows[0].D));
        Assert.Equal([0.5f, -1000f, 2f], rows[0].Features);
        Assert.Equal([2, 1], rows[0].Swapped);
        Assert.Equal((3u, false, 0.01), (rows[1].Key, rows[1].Flag, rows[1].D));
    }

    private IDataView Csv(string[] lines, TextLoader.Column[] columns, bool allowQuoting = true)
        => _mlContext.Data.LoadFromTextFile(_files.Write($"{Guid.NewGuid():N}.csv", lines), columns, ',', allowQuoting: allowQuoting);

    private static List<T> Read<T>(IDataView data, string column)
    {
        var col = data.Schema[column];
        using var cursor = data.GetRowCursor([col]);
        var getter = cursor.GetGetter<T>(col);
        var values = new List<T>();
        T value = default!;
        while (cursor.MoveNext())
        {
            getter(ref value);
            values.Add(value);
        }

        return values;
    }

    private static List<T[]> Vectors<T>(IDataView data, string column)
    {
        var col = data.Schema[column];
        using var cursor = data.GetRowCursor([col]);
        var getter = cursor.GetGetter<VBuffer<T>>(col);
        var values = new List<T[]>();
        VBuffer<T> value = default;
        while (cursor.MoveNext())
        {
            getter(ref value);
            values.Add(value.ToArray());
        }

        return values;
    }

    private static List<string> Texts(IDataView data, string column) => Read<ReadOnlyMemory<char>>(data, column).ConvertAll(m => m.ToString());

    [Fact]
    public void Rfc4180_quoting_keeps_separators_and_unescapes_quotes()
    {
        var data = Csv(
            ["1,\"a, b\",x", "2,\"say \"\"hi\"\"\",y", "3,\"\",z", "4,plain \"inner\" quotes,w", "5,trailing,"],
            [new("Id", DataKind.Int32, 0), new("Text", DataKind.String, 1), new("Tail", DataKind.String, 2)]);
        Assert.Equal(["a, b", "say \"hi\"", "", "plain \"inner\" quotes", "trailing"], Texts(data, "Text"));
        Assert.Equal(["x", "y", "z", "w", ""], Texts(data, "Tail"));

        var unquoted = Csv(["\"a,b\",c"], [new("First", DataKind.String, 0)], allowQuoting: false);
        Assert.Equal(["\"a"], Texts(unquoted, "First"));
    }

    [Fact]
    public void Escape_char_option_escapes_quotes_with_a_backslash()
    {
        var options = new TextLoader.Options
        {
            Columns = [new("Text", DataKind.String, 0)],
            Separators = [','],
            AllowQuoting = true,
            EscapeChar = '\\',
        };
        var data = _mlContext.Data.LoadFromTextFile(_files.Write("escaped.csv", "\"a \\\"b\\\", c\""), options);
        Assert.Equal(["a \"b\", c"], Texts(data, "Text"));
    }

    [Fact]
    public void Missing_fields_follow_mlnet_defaults_and_MissingRealsAsNaNs()
    {
        string[] lines = ["1,,,,", ",?,NaN", "   ,2.5"];
        TextLoader.Column[] columns =
        [
            new("A", DataKind.Single, 0), new("B", DataKind.Double, 1), new("C", DataKind.Single, 2), new("I", DataKind.Int32, 3),
            new("Flag", DataKind.Boolean, 4), new("K", DataKind.UInt32, [new TextLoader.Range(5)], new KeyCount(4)),
            new("T", DataKind.String, 6), new("V", DataKind.Single, 1, 3),
        ];
        var zeros = Csv(lines, columns);
        Assert.Equal([1f, 0f, 0f], Read<float>(zeros, "A"));
        Assert.Equal(0d, Read<double>(zeros, "B")[0]);
        Assert.True(double.IsNaN(Read<double>(zeros, "B")[1]));
        Assert.Equal(2.5, Read<double>(zeros, "B")[2]);
        Assert.True(float.IsNaN(Read<float>(zeros, "C")[1]));
        Assert.Equal([0, 0, 0], Read<int>(zeros, "I"));
        Assert.Equal([false, false, false], Read<bool>(zeros, "Flag"));
        Assert.Equal([0u, 0u, 0u], Read<uint>(zeros, "K"));
        Assert.Equal(["", "", ""], Texts(zeros, "T"));
        Assert.Equal([2.5f, 0f, 0f], Vectors<float>(zeros, "V")[2]);

        var options = new TextLoader.Options { Columns = columns, Separators = [','], MissingRealsAsNaNs = true };
        var nans = _mlContext.Data.LoadFromTextFile(_files.Write("nan.csv", lines), options);
        Assert.True(float.IsNaN(Read<float>(nans, "A")[1]));
        Assert.True(float.IsNaN(Read<float>(nans, "A")[2]));
        Assert.True(double.IsNaN(Read<double>(nans, "B")[0]));
        Assert.All(Vectors<float>(nans, "V")[0], v => Assert.True(float.IsNaN(v)));
    }

    [Fact]
    public void Malformed_number_names_file_line_column_field_and_text()
    {
        string path = _files.Write("bad.tsv", "Label\tValue", "// a comment", "", "1\t2.5", "2\t2,5x");
        var data = _mlContext.Data.LoadFromTextFile(path, [new("Label", DataKind.Int32, 0), new("Value", DataKind.Single, 1)], hasHeader: true);
        Assert.Equal([1, 2], Read<int>(data, "Label"));
        var error = Assert.Throws<TextLoaderFormatException>(() => Read<float>(data, "Value"));
        Assert.IsAssignableFrom<FormatException>(error);
        Assert.Equal((path, 5L, "Value", 1, "2,5x"), (error.Path, error.LineNumber, error.ColumnName, error.FieldIndex, error.Text));
        Assert.Contains($"{path}(5)", error.Message);
        Assert.Contains("'Value'", error.Message);
        Assert.Contains("Single", error.Message);
    }

    [Theory]
    [InlineData(DataKind.Int32, "2147483648")]
    [InlineData(DataKind.UInt32, "-1")]
    [InlineData(DataKind.Int64, "1.5")]
    [InlineData(DataKind.Boolean, "maybe")]
    [InlineData(DataKind.Double, "1e400x")]
    public void Invalid_values_of_each_kind_are_errors(DataKind kind, string text)
    {
        var data = Csv([text], [new("X", kind, 0)]);
        Action read = kind switch
        {
            DataKind.Int32 => () => Read<int>(data, "X"),
            DataKind.UInt32 => () => Read<uint>(data, "X"),
            DataKind.Int64 => () => Read<long>(data, "X"),
            DataKind.Boolean => () => Read<bool>(data, "X"),
            _ => () => Read<double>(data, "X"),
        };
        var error = Assert.Throws<TextLoaderFormatException>(read);
        Assert.Equal(text, error.Text);
        Assert.Contains(kind.ToString(), error.Message);
    }

    [Fact]
    public void Keys_load_zero_based_indices_and_reject_out_of_range()
    {
        var data = Csv(["0", "2", " ", "3"], [new("K", DataKind.UInt32, [new TextLoader.Range(0)], new KeyCount(3))]);
        var cursorValues = new List<uint>();
        var col = data.Schema["K"];
        using var cursor = data.GetRowCursor([col]);
        var getter = cursor.GetGetter<uint>(col);
        uint key = 0;
        for (int i = 0; i < 3; i++)
        {
            Assert.True(cursor.MoveNext());
            getter(ref key);
            cursorValues.Add(key);
        }

        Assert.Equal([1u, 3u, 0u], cursorValues);
        Assert.True(cursor.MoveNext());
        var error = Assert.Throws<TextLoaderFormatException>(() => getter(ref key));
        Assert.Contains("0 … 2", error.Message);
        Assert.Equal(4, error.LineNumber);
    }

    [Fact]
    public void Booleans_accept_mlnet_spellings()
    {
        var data = Csv(["true", "FALSE", "t", "f", "Yes", "no", "y", "N", "1", "0", "+1", "-1"], [new("B", DataKind.Boolean, 0)]);
        Assert.Equal([true, false, true, false, true, false, true, false, true, false, true, false], Read<bool>(data, "B"));
    }

    [Fact]
    public void Quoting_errors_and_multiline_fields()
    {
        TextLoader.Column[] columns = [new("Id", DataKind.Int32, 0), new("Text", DataKind.String, 1)];
        var open = Csv(["1,\"never closed", "2,b"], columns);
        var unterminated = Assert.Throws<TextLoaderFormatException>(() => Read<int>(open, "Id"));
        Assert.Null(unterminated.ColumnName);
        Assert.Equal((1L, 1), (unterminated.LineNumber, unterminated.FieldIndex));
        Assert.Contains("ReadMultilines", unterminated.Message);

        var after = Csv(["1,\"quoted\"junk"], columns);
        Assert.Contains("after a closing quote", Assert.Throws<TextLoaderFormatException>(() => Read<int>(after, "Id")).Message);

        var options = new TextLoader.Options { Columns = [.. columns, new("Score", DataKind.Single, 2)], Separators = [','], AllowQuoting = true, ReadMultilines = true };
        var path = _files.Write("multi.csv", "1,\"line one", "line two, still\",0.5", "2,b,oops");
        var multi = _mlContext.Data.LoadFromTextFile(path, options);
        Assert.Equal(["line one\nline two, still", "b"], Texts(multi, "Text"));
        var error = Assert.Throws<TextLoaderFormatException>(() => Read<float>(multi, "Score"));
        Assert.Equal(3, error.LineNumber);
    }

    [Fact]
    public void Open_ended_range_loads_variable_length_sequences()
    {
        var data = _mlContext.Data.LoadFromTextFile(
            _files.Write("seq.tsv", "a\t1\t2\t3", "b", "c\t4"),
            [new("Name", DataKind.String, 0), new("Tokens", DataKind.Int32, [new TextLoader.Range(1, null)])]);
        Assert.Equal(new VectorDataViewType(NumberDataViewType.Int32), data.Schema["Tokens"].Type);
        Assert.Equal([[1, 2, 3], [], [4]], Vectors<int>(data, "Tokens"));
    }

    [Fact]
    public void Comments_headers_per_file_row_ids_and_max_rows()
    {
        string first = _files.Write("a.tsv", "# leading comment", "X", "1", "", "// skipped", "2");
        string second = _files.Write("b.tsv", "X", "3");
        var loader = _mlContext.Data.CreateTextLoader([new TextLoader.Column("X", DataKind.Single, 0)], hasHeader: true);
        var data = loader.Load(first, second);
        Assert.Same(loader.GetOutputSchema(), data.Schema);
        Assert.Equal([1f, 2f, 3f], Read<float>(data, "X"));

        using var cursor = data.GetRowCursor([]);
        var id = cursor.GetIdGetter();
        var ids = new List<ulong>();
        DataViewRowId value = default;
        while (cursor.MoveNext())
        {
            id(ref value);
            ids.Add(value.Low);
        }

        Assert.Equal([0ul, 1ul, 2ul], ids);

        var limited = _mlContext.Data.CreateTextLoader(new TextLoader.Options { Columns = [new("X", DataKind.Single, 0)], HasHeader = true, MaxRows = 2 }).Load(first, second);
        Assert.Equal([1f, 2f], Read<float>(limited, "X"));
    }

    [Fact]
    public void Decimal_comma_and_trimmed_whitespace()
    {
        var options = new TextLoader.Options
        {
            Columns = [new("V", DataKind.Double, 0), new("T", DataKind.String, 1)],
            Separators = [';'],
            DecimalMarker = ',',
            TrimWhitespace = true,
        };
        var data = _mlContext.Data.LoadFromTextFile(_files.Write("comma.csv", "1,5;word   ", "   ", "-2,25;x\t"), options);
        Assert.Equal([1.5, -2.25], Read<double>(data, "V"));
        Assert.Equal(["word", "x"], Texts(data, "T"));
    }

    [Fact]
    public void Crlf_line_endings_and_a_byte_order_mark_are_handled()
    {
        string path = _files.PathOf("windows.csv");
        File.WriteAllBytes(path, [.. System.Text.Encoding.UTF8.GetPreamble(), .. System.Text.Encoding.UTF8.GetBytes("1,\"a\r\nb\"\r\n2,c\r\n")]);
        var options = new TextLoader.Options
        {
            Columns = [new("Id", DataKind.Int32, 0), new("Text", DataKind.String, 1)],
            Separators = [','],
            AllowQuoting = true,
            ReadMultilines = true,
        };
        var data = _mlContext.Data.LoadFromTextFile(path, options);
        Assert.Equal([1, 2], Read<int>(data, "Id"));
        Assert.Equal(["a\nb", "c"], Texts(data, "Text"));
    }

    [Fact]
    public void Missing_file_names_the_path()
    {
        string path = _files.PathOf("absent.tsv");
        var error = Assert.Throws<FileNotFoundException>(() => _mlContext.Data.LoadFromTextFile<Row>(path));
        Assert.Equal(path, error.FileName);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void Loading_is_lazy_the_file_is_read_by_each_cursor()
    {
        string path = _files.Write("grow.tsv", "1");
        var data = _mlContext.Data.LoadFromTextFile(path, [new TextLoader.Column("X", DataKind.Single, 0)]);
        Assert.Null(data.GetRowCount());
        File.AppendAllText(path, "2\n");
        Assert.Equal([1f, 2f], Read<float>(data, "X"));
        File.WriteAllText(path, "5\n");
        Assert.Equal([5f], Read<float>(data, "X"));
    }

    public sealed class NoAttribute
    {
        [LoadColumn(0)] public float A;
        public float B;
    }

    public sealed class ScalarFromRange
    {
        [LoadColumn(0, 2)] public float A;
    }

    public sealed class SizeDisagrees
    {
        [LoadColumn(0, 2), VectorType(4)] public float[] A = [];
    }

    [Fact]
    public void Invalid_settings_and_row_classes_are_rejected_with_the_column_named()
    {
        string path = _files.Write("x.tsv", "1");
        Assert.Equal("B", Assert.Throws<SchemaMismatchException>(() => _mlContext.Data.LoadFromTextFile<NoAttribute>(path)).ColumnName);
        Assert.Equal("A", Assert.Throws<SchemaMismatchException>(() => _mlContext.Data.LoadFromTextFile<ScalarFromRange>(path)).ColumnName);
        Assert.Contains("4 items", Assert.Throws<SchemaMismatchException>(() => _mlContext.Data.LoadFromTextFile<SizeDisagrees>(path)).Expected);
        Assert.Contains("'K'", Assert.Throws<ArgumentException>(() =>
            _mlContext.Data.CreateTextLoader([new TextLoader.Column("K", DataKind.Single, [new TextLoader.Range(0)], new KeyCount(2))])).Message);
        Assert.Contains("'R'", Assert.Throws<ArgumentException>(() => _mlContext.Data.CreateTextLoader([new TextLoader.Column("R", DataKind.Single, 3, 1)])).Message);
        Assert.Contains("'V'", Assert.Throws<ArgumentException>(() =>
            _mlContext.Data.CreateTextLoader([new TextLoader.Column("V", DataKind.Single, [new TextLoader.Range(0, null), new TextLoader.Range(2)])])).Message);
        Assert.Throws<ArgumentException>(() => _mlContext.Data.CreateTextLoader([]));
        Assert.Throws<ArgumentException>(() => _mlContext.Data.CreateTextLoader([new TextLoader.Column("Q", DataKind.String, 0)], separatorChar: '"', allowQuoting: true));
        Assert.Throws<NotSupportedException>(() => _mlContext.Data.LoadFromTextFile<Row>(path, allowSparse: true));
    }
}
