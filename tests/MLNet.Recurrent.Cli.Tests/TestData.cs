using System.Globalization;
using System.Text;

namespace MLNet.Recurrent.Cli.Tests;

/// <summary>The data files the tests run on: slices of the samples' data and small synthetic files, in a temporary folder.</summary>
internal sealed class TestData : IDisposable
{
    /// <summary>Creates an empty temporary folder.</summary>
    public TestData()
    {
        Folder = Path.Combine(Path.GetTempPath(), "mlnet-recurrent-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
    }

    /// <summary>The temporary folder.</summary>
    public string Folder { get; }

    /// <summary>samples/data/sunspots.csv (Year,Sunspots; 309 yearly values).</summary>
    public static string Sunspots => Path.Combine(AppContext.BaseDirectory, "data", "sunspots.csv");

    /// <summary>A path in the folder.</summary>
    /// <param name="name">A file name.</param>
    /// <returns>The path.</returns>
    public string PathOf(string name) => Path.Combine(Folder, name);

    /// <summary>The first <paramref name="lines"/> lines (header included) of samples/data/language-words.tsv (Word, Language; six languages, shuffled).</summary>
    /// <param name="lines">Lines to keep.</param>
    /// <param name="name">The file name.</param>
    /// <returns>The path.</returns>
    public string LanguageWords(int lines, string name = "words.tsv")
    {
        string path = PathOf(name);
        File.WriteAllLines(path, File.ReadLines(Path.Combine(AppContext.BaseDirectory, "data", "language-words.tsv")).Take(lines));
        return path;
    }

    /// <summary>
    /// A regression file: random words over "abcdef" of 2–12 letters (Text) and how many 'a's each has (Count) — a
    /// count a recurrent network learns in a few epochs and a constant cannot.
    /// </summary>
    /// <param name="rows">Rows.</param>
    /// <returns>The path (comma-separated).</returns>
    public string LetterCounts(int rows)
    {
        var random = new Random(3);
        var text = new StringBuilder("Text,Count\n");
        for (int i = 0; i < rows; i++)
        {
            string word = new([.. Enumerable.Range(0, random.Next(2, 13)).Select(_ => "abcdef"[random.Next(6)])]);
            text.Append(CultureInfo.InvariantCulture, $"{word},{word.Count(c => c == 'a')}\n");
        }

        string path = PathOf("counts.csv");
        File.WriteAllText(path, text.ToString());
        return path;
    }

    /// <summary>Writes a file with the given content.</summary>
    /// <param name="name">The file name.</param>
    /// <param name="content">The text.</param>
    /// <returns>The path.</returns>
    public string Write(string name, string content)
    {
        string path = PathOf(name);
        File.WriteAllText(path, content);
        return path;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
