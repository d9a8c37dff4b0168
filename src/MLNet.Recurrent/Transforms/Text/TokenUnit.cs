namespace MLNet.Recurrent.Transforms.Text;

/// <summary>What a tokeniser cuts text into.</summary>
public enum TokenUnit
{
    /// <summary>Words: maximal runs of characters between separators (empty runs are skipped).</summary>
    Word = 0,

    /// <summary>Characters: each Unicode scalar value (a surrogate pair is one token), separators included.</summary>
    Character = 1,
}
