using MLNet.Recurrent.Cli.Errors;
using MLNet.Recurrent.Cli.Input;
using MLNet.Recurrent.Data;

namespace MLNet.Recurrent.Cli.Tests;

public sealed class DelimitedFileTests : IDisposable
{
    private readonly TestData _data = new();

    public void Dispose() => _data.Dispose();

    [Theory]
    [InlineData(null, "a.csv", ',')]
    [InlineData(null, "a.CSV", ',')]
    [InlineData(null, "a.tsv", '\t')]
    [InlineData(null, "a.txt", '\t')]
    [InlineData("tab", "a.csv", '\t')]
    [InlineData("comma", "a.tsv", ',')]
    [InlineData("semicolon", "a.csv", ';')]
    [InlineData("space", "a.csv", ' ')]
    [InlineData("|", "a.csv", '|')]
    public void Separator_FromTheOptionOrTheExtension(string? option, string path, char expected)
        => Assert.Equal(expected, Separators.Resolve(option, path));

    [Fact]
    public void Header_SkipsCommentsAndBlankLines_AndHonoursQuotesInCsv()
    {
        string path = _data.Write("quoted.csv", "# a comment\n\n\"name, full\",\"say \"\"hi\"\"\", score \n\"Smith, J\",hello,3\n");
        var file = DelimitedFile.Open(path, null, hasHeader: true);
        Assert.Equal(["name, full", "say \"hi\"", "score"], file.ColumnNames);

        var view = file.Load(new MLContext(1), [new FileColumn("name, full", DataKind.String, "--text"), new FileColumn("score", DataKind.Single, "--label")]);
        using var cursor = view.GetRowCursor(view.Schema);
        var getName = cursor.GetGetter<ReadOnlyMemory<char>>(view.Schema["name, full"]);
        var getScore = cursor.GetGetter<float>(view.Schema["score"]);
        Assert.True(cursor.MoveNext());
        ReadOnlyMemory<char> name = default;
        float score = 0;
        getName(ref name);
        getScore(ref score);
        Assert.Equal("Smith, J", name.ToString());
        Assert.Equal(3f, score);
        Assert.False(cursor.MoveNext());
    }

    [Fact]
    public void WithoutHeader_ColumnsAreNamedByIndex()
    {
        var file = DelimitedFile.Open(_data.Write("plain.tsv", "a\tb\tc\n"), null, hasHeader: false);
        Assert.Equal(["0", "1", "2"], file.ColumnNames);
        var error = Assert.Throws<CliDataException>(() => file.IndexOf(new FileColumn("3", DataKind.String, "--text")));
        Assert.Equal("--text: expected a 0-based field index (the file has no header) in '" + file.Path + "' ('0', '1', '2'), got '3'.", error.Message);
    }
}
