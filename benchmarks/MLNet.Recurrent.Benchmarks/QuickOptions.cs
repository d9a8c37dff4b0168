using System.Globalization;

namespace MLNet.Recurrent.Benchmarks;

/// <summary>The <c>--name value</c> options of the quick (Stopwatch) modes.</summary>
internal sealed class QuickOptions(string[] args)
{
    /// <summary>The value after <paramref name="name"/>, or null when absent.</summary>
    public string? Find(string name)
    {
        int index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    /// <summary>The value after <paramref name="name"/>, or <paramref name="fallback"/>.</summary>
    public string Text(string name, string fallback) => Find(name) ?? fallback;

    /// <summary>The integer after <paramref name="name"/>, or <paramref name="fallback"/>.</summary>
    public int Int(string name, int fallback)
        => Find(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
}
