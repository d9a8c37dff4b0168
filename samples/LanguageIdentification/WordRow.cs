using MLNet.Recurrent.Data;

namespace LanguageIdentification;

/// <summary>One line of samples/data/language-words.tsv: a word and the language whose word list it comes from.</summary>
public sealed class WordRow
{
    /// <summary>The word (lower case, letters only).</summary>
    [LoadColumn(0)]
    public string Word { get; set; } = "";

    /// <summary>English, French, German, Italian, Spanish or Portuguese.</summary>
    [LoadColumn(1)]
    public string Language { get; set; } = "";
}

/// <summary>What the fitted pipeline predicts for one word.</summary>
public sealed class LanguagePrediction
{
    /// <summary>The most probable language (the PredictedLabel key mapped back to its text).</summary>
    public string PredictedLanguage { get; set; } = "";

    /// <summary>The probability of each language, in the order of the Label key's values.</summary>
    public float[] Score { get; set; } = [];
}
