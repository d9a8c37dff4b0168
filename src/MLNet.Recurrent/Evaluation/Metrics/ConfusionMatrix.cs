using System.Globalization;
using System.Text;

namespace MLNet.Recurrent.Data;

/// <summary>
/// The confusion matrix of a classifier (ML.NET's ConfusionMatrix): how many rows of each actual class were
/// predicted as each class. Actual classes are the rows of <see cref="Counts"/>, predicted classes its columns. For
/// binary classification the classes are in ML.NET's order: index 0 = positive, index 1 = negative.
/// </summary>
public sealed class ConfusionMatrix
{
    private readonly double[][] _counts;
    private readonly string[] _classNames;

    /// <summary>Creates a matrix from counts; precision and recall per class are derived from them.</summary>
    /// <param name="counts">counts[actual][predicted], square.</param>
    /// <param name="classNames">One name per class (used by <see cref="GetFormattedConfusionTable"/>).</param>
    internal ConfusionMatrix(double[][] counts, string[] classNames)
    {
        _counts = counts;
        _classNames = classNames;
        int n = counts.Length;
        var precision = new double[n];
        var recall = new double[n];
        for (int c = 0; c < n; c++)
        {
            double predictedAsC = 0;
            double actuallyC = 0;
            for (int other = 0; other < n; other++)
            {
                predictedAsC += counts[other][c];
                actuallyC += counts[c][other];
            }

            precision[c] = predictedAsC > 0 ? counts[c][c] / predictedAsC : 0;
            recall[c] = actuallyC > 0 ? counts[c][c] / actuallyC : 0;
        }

        PerClassPrecision = precision;
        PerClassRecall = recall;
        Counts = counts.Select(row => (IReadOnlyList<double>)row.AsReadOnly()).ToArray();
    }

    /// <summary>
    /// Precision of each class c: Counts[c][c] / Σᵢ Counts[i][c] (the fraction of rows predicted as c that are c);
    /// 0 when nothing was predicted as c.
    /// </summary>
    public IReadOnlyList<double> PerClassPrecision { get; }

    /// <summary>
    /// Recall of each class c: Counts[c][c] / Σⱼ Counts[c][j] (the fraction of rows of class c predicted as c);
    /// 0 when no row is of class c.
    /// </summary>
    public IReadOnlyList<double> PerClassRecall { get; }

    /// <summary>The counts: Counts[actual][predicted].</summary>
    public IReadOnlyList<IReadOnlyList<double>> Counts { get; }

    /// <summary>The number of classes (rows and columns of <see cref="Counts"/>).</summary>
    public int NumberOfClasses => _counts.Length;

    /// <summary>The count of rows of class <paramref name="actualClassIndicatorIndex"/> predicted as <paramref name="predictedClassIndicatorIndex"/>.</summary>
    /// <param name="predictedClassIndicatorIndex">Predicted class index, 0 ≤ i &lt; <see cref="NumberOfClasses"/>.</param>
    /// <param name="actualClassIndicatorIndex">Actual class index, 0 ≤ i &lt; <see cref="NumberOfClasses"/>.</param>
    /// <returns>Counts[actual][predicted].</returns>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside 0 … <see cref="NumberOfClasses"/> − 1.</exception>
    public double GetCountForClassPair(int predictedClassIndicatorIndex, int actualClassIndicatorIndex)
    {
        CheckClassIndex(predictedClassIndicatorIndex, nameof(predictedClassIndicatorIndex));
        CheckClassIndex(actualClassIndicatorIndex, nameof(actualClassIndicatorIndex));
        return _counts[actualClassIndicatorIndex][predictedClassIndicatorIndex];
    }

    /// <summary>
    /// The matrix as text: one row per actual class with its recall, one column per predicted class, and the
    /// precision of each predicted class in the last line.
    /// </summary>
    /// <returns>A multi-line table.</returns>
    public string GetFormattedConfusionTable()
    {
        var culture = CultureInfo.InvariantCulture;
        int width = Math.Max(6, _classNames.Max(name => name.Length));
        width = Math.Max(width, _counts.SelectMany(row => row).Select(c => c.ToString(culture).Length).DefaultIfEmpty(1).Max());
        int labelWidth = Math.Max(9, width);
        string rule = new string(' ', labelWidth) + " ||" + new string('=', NumberOfClasses * (width + 3) + 7);
        var text = new StringBuilder();
        text.AppendLine("Confusion table");
        text.AppendLine(rule);
        text.Append("PREDICTED".PadRight(labelWidth)).Append(" ||");
        foreach (string name in _classNames)
        {
            text.Append(' ').Append(name.PadLeft(width)).Append(" |");
        }

        text.AppendLine(" Recall");
        text.AppendLine("TRUTH".PadRight(labelWidth) + " ||" + rule[(labelWidth + 3)..]);
        for (int actual = 0; actual < NumberOfClasses; actual++)
        {
            text.Append(_classNames[actual].PadLeft(labelWidth)).Append(" ||");
            foreach (double count in _counts[actual])
            {
                text.Append(' ').Append(count.ToString(culture).PadLeft(width)).Append(" |");
            }

            text.Append(' ').AppendLine(PerClassRecall[actual].ToString("0.0000", culture));
        }

        text.AppendLine(rule);
        text.Append("Precision".PadRight(labelWidth)).Append(" ||");
        foreach (double precision in PerClassPrecision)
        {
            text.Append(' ').Append(precision.ToString("0.0000", culture).PadLeft(width)).Append(" |");
        }

        return text.AppendLine().ToString();
    }

    private void CheckClassIndex(int index, string paramName)
    {
        if ((uint)index >= (uint)NumberOfClasses)
        {
            throw new ArgumentOutOfRangeException(paramName, index, $"{paramName}: expected 0 … {NumberOfClasses - 1}, got {index}.");
        }
    }
}
