using System.Diagnostics.CodeAnalysis;
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

    /// <summary>
    /// Parses <paramref name="args"/> and builds the sample's settings from them; on a bad command line (an unknown
    /// argument, a value that does not parse, or settings <paramref name="read"/> rejects) writes the reason and
    /// <paramref name="usage"/> to standard error instead.
    /// </summary>
    /// <typeparam name="TSettings">What the sample needs from its command line.</typeparam>
    /// <param name="args">The command line.</param>
    /// <param name="valued">The options that take a value.</param>
    /// <param name="flags">The options that take none.</param>
    /// <param name="usage">The accepted arguments, in words.</param>
    /// <param name="read">Builds (and validates) the settings; may throw <see cref="FormatException"/>, <see cref="OverflowException"/> or <see cref="ArgumentException"/>.</param>
    /// <param name="settings">The settings, when parsing succeeded.</param>
    /// <returns>True on success; false after writing the error (the sample should exit with code 2).</returns>
    public static bool TryRead<TSettings>(IReadOnlyList<string> args, IReadOnlyCollection<string> valued, IReadOnlyCollection<string> flags,
        string usage, Func<SampleArguments, TSettings> read, [NotNullWhen(true)] out TSettings? settings)
    {
        ArgumentNullException.ThrowIfNull(read);
        try
        {
            settings = read(Parse(args, valued, flags))!;
            return true;
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            // The first line: ArgumentOutOfRangeException appends "Actual value was …" on a second one.
            Console.Error.WriteLine($"{e.Message.Split('\n')[0].TrimEnd()}; expected {usage}");
            settings = default;
            return false;
        }
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
