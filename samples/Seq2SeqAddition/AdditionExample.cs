using MLNet.Recurrent.Engine.Tensors;

namespace Seq2SeqAddition;

/// <summary>One expression "a+b" and its sum, as text and as token ids.</summary>
/// <param name="Expression">The source text, e.g. "123+45".</param>
/// <param name="Sum">The target text, e.g. "168".</param>
public sealed record AdditionExample(string Expression, string Sum)
{
    /// <summary>The source ids.</summary>
    public int[] Source { get; } = AdditionVocabulary.Encode(Expression);

    /// <summary>The target ids (without BOS and EOS).</summary>
    public int[] Target { get; } = AdditionVocabulary.Encode(Sum);

    /// <summary>
    /// Draws <paramref name="count"/> distinct expressions whose operands have 1 to <paramref name="maxDigits"/> digits
    /// (the digit count uniform, then the value uniform among numbers with that many digits), skipping those in
    /// <paramref name="exclude"/>.
    /// </summary>
    /// <param name="generator">The seeded source of randomness.</param>
    /// <param name="count">How many examples.</param>
    /// <param name="maxDigits">The most digits of an operand, at least 1.</param>
    /// <param name="exclude">Expressions to leave out (e.g. the training set when drawing a test set); may be null.</param>
    /// <returns>The examples, in drawing order.</returns>
    /// <exception cref="ArgumentOutOfRangeException">More examples are asked for than distinct expressions exist.</exception>
    public static List<AdditionExample> Draw(RandomGenerator generator, int count, int maxDigits, IReadOnlySet<string>? exclude = null)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDigits, 1);
        long available = (long)Math.Pow(Math.Pow(10, maxDigits), 2) - (exclude?.Count ?? 0);
        if (count > available / 2)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"count: expected at most half of the {available} available expressions, got {count}.");
        }
        var seen = new HashSet<string>(exclude ?? new HashSet<string>());
        var examples = new List<AdditionExample>(count);
        while (examples.Count < count)
        {
            int a = Operand(generator, maxDigits), b = Operand(generator, maxDigits);
            string expression = $"{a}+{b}";
            if (seen.Add(expression))
            {
                examples.Add(new AdditionExample(expression, (a + b).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
        }
        return examples;
    }

    private static int Operand(RandomGenerator generator, int maxDigits)
    {
        int digits = 1 + generator.NextInt(maxDigits);
        int low = digits == 1 ? 0 : (int)Math.Pow(10, digits - 1), high = (int)Math.Pow(10, digits);
        return low + generator.NextInt(high - low);
    }
}
