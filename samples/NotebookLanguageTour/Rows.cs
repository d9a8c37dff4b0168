// The row types, in their own cell before any cell that uses them: a notebook compiles cell by cell, so a type must be
// declared before the first cell that names it (in the program this file is compiled next to Program.cs).
using MLNet.Recurrent.Data;

/// <summary>One line of samples/data/language-words.tsv: a word and the language whose word list it comes from.</summary>
public sealed class LabeledWord
{
    /// <summary>The word (lower case, letters only).</summary>
    [LoadColumn(0)]
    public string Word { get; set; } = "";

    /// <summary>English, French, German, Italian, Spanish or Portuguese.</summary>
    [LoadColumn(1)]
    public string Language { get; set; } = "";
}

/// <summary>What the fitted pipeline predicts for one word.</summary>
public sealed class WordLanguagePrediction
{
    /// <summary>The most probable language (the PredictedLabel key mapped back to its text).</summary>
    public string PredictedLanguage { get; set; } = "";

    /// <summary>The probability of each language, in the order of the Label key's values.</summary>
    public float[] Score { get; set; } = [];
}
