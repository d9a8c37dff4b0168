namespace MLNet.Recurrent.Cli.Training;

/// <summary>
/// An <see cref="IProgress{T}"/> that runs its handler on the reporting thread at once (unlike
/// <see cref="Progress{T}"/>, which posts to the thread pool in a console app), so epoch lines come out in order and
/// before the metrics.
/// </summary>
/// <typeparam name="T">The report type.</typeparam>
/// <param name="handler">Called with each report.</param>
internal sealed class SynchronousProgress<T>(Action<T> handler) : IProgress<T>
{
    /// <inheritdoc/>
    public void Report(T value) => handler(value);
}
