namespace MLNet.Recurrent.Evaluation;

/// <summary>
/// Areas under the ROC and precision–recall curves of scored binary examples, computed exactly from all of them in
/// one pass after a sort by decreasing score. Examples with equal scores form one group (one threshold), which gives
/// the Mann–Whitney treatment of ties for the ROC area and an order-independent precision–recall area.
/// </summary>
internal static class RankingAreas
{
    /// <summary>Computes both areas; sorts <paramref name="examples"/> in place.</summary>
    /// <param name="examples">Score and label of each example (scores finite).</param>
    /// <returns>
    /// AUC = Σ_groups n_g (P_before + p_g / 2) / (P · N) (NaN without both classes) and the lower-trapezoid AUPRC
    /// (0 without positives), with p_g and n_g a group's positives and negatives and P_before the positives ranked above it.
    /// </returns>
    public static (double RocArea, double PrecisionRecallArea) Compute(List<(float Score, bool Label)> examples)
    {
        examples.Sort(static (a, b) => b.Score.CompareTo(a.Score));
        double positives = 0;
        foreach (var example in examples)
        {
            positives += example.Label ? 1 : 0;
        }

        double negatives = examples.Count - positives;
        double rocSum = 0;
        double truePositives = 0;
        double falsePositives = 0;
        double previousRecall = 0;
        double previousPrecisionMin = 1;
        double prArea = 0;
        int start = 0;
        while (start < examples.Count)
        {
            int end = start;
            double groupPositives = 0;
            while (end < examples.Count && examples[end].Score == examples[start].Score)
            {
                groupPositives += examples[end].Label ? 1 : 0;
                end++;
            }

            double groupNegatives = end - start - groupPositives;
            rocSum += groupNegatives * (truePositives + groupPositives / 2);
            truePositives += groupPositives;
            falsePositives += groupNegatives;
            double precision = truePositives / (truePositives + falsePositives);
            if (groupPositives > 0)
            {
                double recall = truePositives / positives;
                prArea += (recall - previousRecall) * (previousPrecisionMin + precision) / 2;
                previousRecall = recall;
            }

            previousPrecisionMin = precision;
            start = end;
        }

        return (rocSum / (positives * negatives), prArea);
    }
}
