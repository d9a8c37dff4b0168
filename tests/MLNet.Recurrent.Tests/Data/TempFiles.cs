namespace MLNet.Recurrent.Tests.DataViews;

/// <summary>A temporary folder for test data files, deleted on dispose.</summary>
internal sealed class TempFiles : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mlnet-recurrent-data-").FullName;

    /// <summary>Writes <paramref name="lines"/> (joined by '\n', with a final newline) to a new file.</summary>
    /// <param name="name">File name.</param>
    /// <param name="lines">The lines.</param>
    /// <returns>The file's path.</returns>
    public string Write(string name, params string[] lines)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
        return path;
    }

    /// <summary>A path in the folder (the file is not created).</summary>
    /// <param name="name">File name.</param>
    /// <returns>The path.</returns>
    public string PathOf(string name) => Path.Combine(_folder, name);

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
