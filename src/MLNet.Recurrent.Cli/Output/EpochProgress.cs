using System.Globalization;
using MLNet.Recurrent.Cli.Training;
using MLNet.Recurrent.Engine.Training;

namespace MLNet.Recurrent.Cli.Output;

/// <summary>Per-epoch progress lines for text output ("  epoch  3/10  loss 0.8123  2140 seq/s").</summary>
internal static class EpochProgress
{
    /// <summary>A progress sink that writes one line at the end of each epoch.</summary>
    /// <param name="output">Where to write.</param>
    /// <param name="epochs">The number of epochs (for the "n/N" column).</param>
    /// <returns>The sink.</returns>
    public static IProgress<TrainingProgress> Lines(TextWriter output, int epochs)
    {
        int width = epochs.ToString(CultureInfo.InvariantCulture).Length;
        return new SynchronousProgress<TrainingProgress>(report =>
        {
            if (report.IsEpochEnd)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  epoch {report.Epoch.ToString(CultureInfo.InvariantCulture).PadLeft(width)}/{epochs}  loss {report.Loss:F4}  {report.SequencesPerSecond:F0} seq/s"));
            }
        });
    }
}
