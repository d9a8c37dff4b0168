namespace MLNet.Recurrent.Transforms;

/// <summary>The accuracy of per-token predictions: the fraction of counted targets whose logits' argmax is the target.</summary>
internal static class TokenAccuracy
{
    /// <summary>Compares each row of <paramref name="logits"/> with its target, skipping <paramref name="ignore"/>d targets.</summary>
    /// <param name="logits">Rows of <paramref name="classes"/> logits, one per target.</param>
    /// <param name="classes">Values per row.</param>
    /// <param name="targets">Class indices, or <paramref name="ignore"/>.</param>
    /// <param name="ignore">The target value not counted.</param>
    /// <returns>Right / counted (0 when nothing is counted).</returns>
    public static double Of(ReadOnlySpan<float> logits, int classes, ReadOnlySpan<int> targets, int ignore)
    {
        int counted = 0, right = 0;
        for (int i = 0; i < targets.Length; i++)
        {
            if (targets[i] != ignore)
            {
                counted++;
                right += MulticlassObjective.ArgMax(logits.Slice(i * classes, classes)) == targets[i] ? 1 : 0;
            }
        }

        return right / (double)Math.Max(1, counted);
    }
}
