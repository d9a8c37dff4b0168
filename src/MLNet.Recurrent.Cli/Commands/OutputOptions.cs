using System.CommandLine;

namespace MLNet.Recurrent.Cli.Commands;

/// <summary>The options every command shares about its output: <c>--json</c>, and <c>--model</c> (the zip written or read).</summary>
internal sealed class OutputOptions
{
    /// <summary>Creates the options.</summary>
    /// <param name="modelRequired">Whether <c>--model</c> must be given.</param>
    /// <param name="modelDescription">Help text of <c>--model</c>.</param>
    public OutputOptions(bool modelRequired, string modelDescription)
    {
        Model = OptionFactory.Text("--model", modelDescription, "ZIP", modelRequired);
        Json = OptionFactory.Switch("--json", "Machine-readable output: JSON objects, one per line, and no progress");
    }

    /// <summary><c>--model</c>.</summary>
    public Option<string> Model { get; }

    /// <summary><c>--json</c>.</summary>
    public Option<bool> Json { get; }

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    /// <param name="command">The command.</param>
    public void AddTo(Command command)
    {
        command.Options.Add(Model);
        command.Options.Add(Json);
    }
}
