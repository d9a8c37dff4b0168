using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace MLNet.Recurrent.Cli.Commands;

/// <summary>
/// Builds the tool's options with checks that report, on one line, the option, what it expects and what it got
/// (these become parse errors: exit code 2).
/// </summary>
internal static class OptionFactory
{
    /// <summary>A text option (a file or column name).</summary>
    /// <param name="name">The option, e.g. "--data".</param>
    /// <param name="description">Help text.</param>
    /// <param name="helpName">The value's placeholder in the help, e.g. "FILE" or "COLUMN".</param>
    /// <param name="required">Whether it must be given.</param>
    /// <returns>The option.</returns>
    public static Option<string> Text(string name, string description, string helpName, bool required = false)
        => new(name) { Description = description, HelpName = helpName, Required = required };

    /// <summary>An on/off switch.</summary>
    /// <param name="name">The option.</param>
    /// <param name="description">Help text.</param>
    /// <param name="defaultValue">The value when not given.</param>
    /// <returns>The option.</returns>
    public static Option<bool> Switch(string name, string description, bool defaultValue = false)
        => new(name) { Description = description, DefaultValueFactory = _ => defaultValue };

    /// <summary>An integer option with a lower bound.</summary>
    /// <param name="name">The option.</param>
    /// <param name="description">Help text.</param>
    /// <param name="minimum">The smallest accepted value.</param>
    /// <param name="defaultValue">The value when not given; null: none (the option is then required by the task or optional).</param>
    /// <returns>The option.</returns>
    public static Option<int?> Integer(string name, string description, int minimum, int? defaultValue)
    {
        var option = new Option<int?>(name)
        {
            Description = description,
            HelpName = "N",
            CustomParser = result => Parse<int>(name, result, text => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) ? v : null,
                v => v >= minimum, string.Create(CultureInfo.InvariantCulture, $"an integer ≥ {minimum}")),
        };
        if (defaultValue is { } value)
        {
            option.DefaultValueFactory = _ => value;
        }

        return option;
    }

    /// <summary>A real option with a condition on its value.</summary>
    /// <param name="name">The option.</param>
    /// <param name="description">Help text.</param>
    /// <param name="accepts">Whether a value is acceptable.</param>
    /// <param name="expected">What is acceptable, in words (for the message).</param>
    /// <param name="defaultValue">The value when not given.</param>
    /// <returns>The option.</returns>
    public static Option<double?> Real(string name, string description, Func<double, bool> accepts, string expected, double defaultValue)
        => new(name)
        {
            Description = description,
            HelpName = "X",
            DefaultValueFactory = _ => defaultValue,
            CustomParser = result => Parse<double>(name, result, text => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : null,
                accepts, expected),
        };

    /// <summary>An option taking one name from <paramref name="names"/> (case-insensitive).</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="name">The option.</param>
    /// <param name="description">Help text (the accepted names are appended).</param>
    /// <param name="names">The accepted names and their values.</param>
    /// <param name="defaultName">The name the caller uses when the option is not given (shown in the help); null: none.</param>
    /// <returns>The option; its value is null when not given.</returns>
    public static Option<T?> Choice<T>(string name, string description, IReadOnlyDictionary<string, T> names, string? defaultName) where T : struct
        => new(name)
        {
            Description = $"{description}{(defaultName is null ? "" : $" [default: {defaultName}]")}",
            HelpName = string.Join("|", names.Keys),
            CustomParser = result => Lookup(name, names, result, result.Tokens.Count == 0 ? "" : result.Tokens[^1].Value),
        };

    /// <summary>An option taking a comma-separated list of names from <paramref name="names"/>.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="name">The option.</param>
    /// <param name="description">Help text (the accepted names are appended).</param>
    /// <param name="names">The accepted names and their values.</param>
    /// <param name="defaultNames">The names the caller uses when the option is not given (shown in the help).</param>
    /// <returns>The option; its value lists each name once, in the order given, and is empty when not given.</returns>
    public static Option<T[]> ChoiceList<T>(string name, string description, IReadOnlyDictionary<string, T> names, params string[] defaultNames) where T : struct
        => new(name)
        {
            Description = $"{description}, comma-separated ({string.Join("|", names.Keys)}) [default: {string.Join(",", defaultNames)}]",
            HelpName = "list",
            AllowMultipleArgumentsPerToken = false,
            CustomParser = result => [.. result.Tokens
                .SelectMany(token => token.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                .Select(value => Lookup(name, names, result, value) ?? default)
                .Distinct()],
        };

    /// <summary>Parses the option's last token, adding "NAME: expected EXPECTED, got 'TEXT'." when it is not an acceptable number.</summary>
    private static T? Parse<T>(string name, ArgumentResult result, Func<string, T?> parse, Func<T, bool> accepts, string expected) where T : struct
    {
        string text = result.Tokens.Count == 0 ? "" : result.Tokens[^1].Value;
        if (parse(text) is { } value && accepts(value))
        {
            return value;
        }

        result.AddError($"{name}: expected {expected}, got '{text}'.");
        return null;
    }

    private static T? Lookup<T>(string name, IReadOnlyDictionary<string, T> names, ArgumentResult result, string value) where T : struct
    {
        if (names.TryGetValue(value.ToLowerInvariant(), out T found))
        {
            return found;
        }

        result.AddError($"{name}: expected {Alternatives(names.Keys)}, got '{value}'.");
        return null;
    }

    private static string Alternatives(IEnumerable<string> names)
    {
        var list = names.ToList();
        return list.Count == 1 ? list[0] : $"{string.Join(", ", list.Take(list.Count - 1))} or {list[^1]}";
    }
}
