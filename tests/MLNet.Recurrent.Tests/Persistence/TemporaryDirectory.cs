namespace MLNet.Recurrent.Tests.Persistence;

/// <summary>A fresh directory under the system's temporary folder, deleted with everything in it on disposal.</summary>
internal sealed class TemporaryDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("mlnet-persistence-").FullName;

    /// <summary>A path for a file named <paramref name="name"/> in the directory.</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>The files now in the directory.</summary>
    public string[] Files() => Directory.GetFiles(Path);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
