using System.Globalization;

namespace MLNet.Recurrent.Samples.AddingProblem;

/// <summary>
/// The samples' command line: options that take a value (<c>--seed 3</c>) and flags (<c>--json</c>), parsed with the
/// invariant culture.
/// </summary>
public sealed class SampleArguments
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    private SampleArguments()
    {
    }

    /// <summary>Parses <paramref name="args"/>.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="valued">The options that take a value.</param>
    /// <param name="flags">The options that take none.</param>
    /// <returns>The parsed arguments.</returns>
    /// <exception cref="FormatException">An argument is unknown, or a valued option is last.</exception>
    public static SampleArguments Parse(IReadOnlyList<string> args, IReadOnlyCollection<string> valued, IReadOnlyCollection<string> flags)
    {
        ArgumentNullException.ThrowIfNull(args);
        var result = new SampleArguments();
        for (int i = 0; i < args.Count; i++)
        {
            if (flags.Contains(args[i]))
            {
                result._flags.Add(args[i]);
            }
            else if (valued.Contains(args[i]))
            {
                result._values[args[i]] = i + 1 < args.Count ? args[++i] : throw new FormatException($"{args[i]}: expected a value after it, got the end of the command line");
            }
            else
            {
                throw new FormatException($"unknown argument '{args[i]}'");
            }
        }
        return result;
    }

    /// <summary>Whether the flag was given.</summary>
    /// <param name="name">The flag, e.g. "--json".</param>
    /// <returns>True when present.</returns>
    public bool Flag(string name) => _flags.Contains(name);

    /// <summary>The option's text, or null when absent.</summary>
    /// <param name="name">The option, e.g. "--cells".</param>
    /// <returns>The value or null.</returns>
    public string? Text(string name) => _values.GetValueOrDefault(name);

    /// <summary>The option as an integer, or <paramref name="fallback"/> when absent.</summary>
    /// <param name="name">The option.</param>
    /// <param name="fallback">The default.</param>
    /// <returns>The value.</returns>
    /// <exception cref="FormatException">The value is not an integer.</exception>
    /// <exception cref="OverflowException">The value is out of range.</exception>
    public int Int(string name, int fallback) => Text(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    /// <summary>The option as a 64-bit integer, or <paramref name="fallback"/> when absent.</summary>
    /// <param name="name">The option.</param>
    /// <param name="fallback">The default.</param>
    /// <returns>The value.</returns>
    /// <exception cref="FormatException">The value is not an integer.</exception>
    /// <exception cref="OverflowException">The value is out of range.</exception>
    public long Long(string name, long fallback) => Text(name) is { } text ? long.Parse(text, CultureInfo.InvariantCulture) : fallback;

    /// <summary>The option as a float, or <paramref name="fallback"/> when absent.</summary>
    /// <param name="name">The option.</param>
    /// <param name="fallback">The default.</param>
    /// <returns>The value.</returns>
    /// <exception cref="FormatException">The value is not a number.</exception>
    public float Float(string name, float fallback) => Text(name) is { } text ? float.Parse(text, CultureInfo.InvariantCulture) : fallback;
}
