using System.CommandLine;
using MLNet.Recurrent.Cli.Input;
using MLNet.Recurrent.Cli.Tasks;
using MLNet.Recurrent.Cli.Training;

namespace MLNet.Recurrent.Cli.Commands;

/// <summary>
/// What <c>train</c> and <c>compare</c> share: the data, task, network and output options, and reading them into a
/// loaded and split <see cref="TrainingSession"/>.
/// </summary>
internal sealed class TrainingOptions
{
    private readonly DataOptions _data = new(required: true);
    private readonly TaskOptions _task = new();
    private readonly NetworkOptions _network;
    private readonly OutputOptions _output;

    /// <summary>Creates the options.</summary>
    /// <param name="compare">True for <c>compare</c> (lists of cells and attention kinds, optional <c>--model</c>).</param>
    /// <param name="modelDescription">Help text of <c>--model</c>.</param>
    public TrainingOptions(bool compare, string modelDescription)
    {
        _network = new NetworkOptions(lists: compare);
        _output = new OutputOptions(modelRequired: !compare, modelDescription);
    }

    /// <summary>A command with all the options.</summary>
    /// <param name="name">The command's name.</param>
    /// <param name="description">Its help text.</param>
    /// <returns>The command, without an action.</returns>
    public Command CreateCommand(string name, string description)
    {
        var command = new Command(name, description);
        _data.AddTo(command);
        _task.AddTo(command);
        _network.AddTo(command);
        _output.AddTo(command);
        return command;
    }

    /// <summary>Reads the options, loads the data and splits it.</summary>
    /// <param name="result">The parse result.</param>
    /// <returns>The request.</returns>
    /// <exception cref="Errors.CliUsageException">Options that do not go together.</exception>
    /// <exception cref="Errors.CliDataException">A missing file or column, or too little data.</exception>
    public TrainingRequest Read(ParseResult result)
    {
        var spec = _task.Read(result);
        var networks = _network.Read(result);
        var file = _data.Open(result);
        int seed = _network.Seed(result);
        var session = TrainingSession.Create(new MLContext(seed), file, spec, _network.TestFraction(result), seed);
        return new TrainingRequest(spec, networks, file, session, result.GetValue(_output.Json), result.GetValue(_output.Model));
    }
}

/// <summary>A <c>train</c> or <c>compare</c> run, read from its options.</summary>
/// <param name="Task">The task and columns.</param>
/// <param name="Networks">The networks to train (one for <c>train</c>).</param>
/// <param name="File">The data file.</param>
/// <param name="Session">The loaded and split data.</param>
/// <param name="Json">Whether output is JSON lines.</param>
/// <param name="ModelPath">Where to save the (best) model, or null.</param>
internal sealed record TrainingRequest(TaskSpec Task, IReadOnlyList<NetworkSettings> Networks, DelimitedFile File, TrainingSession Session,
    bool Json, string? ModelPath)
{
    /// <summary>Writes the data and task lines that open text output.</summary>
    /// <param name="output">Where to write.</param>
    public void WriteHeader(TextWriter output)
    {
        output.WriteLine($"data: {File.Describe()}; {Session.SplitDescription}");
        output.WriteLine($"task: {Task.Describe()}");
    }
}
