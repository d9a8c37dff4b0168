namespace MLNet.Recurrent.Samples.AddingProblem;

/// <summary>
/// An <see cref="IProgress{T}"/> that runs its callback on the reporting thread, at once (unlike
/// <see cref="Progress{T}"/>, which posts to a synchronisation context or the thread pool), so reports arrive in order
/// and before <c>Trainer.Fit</c> returns.
/// </summary>
/// <typeparam name="T">The report type.</typeparam>
/// <param name="handler">Called with each report.</param>
public sealed class SynchronousProgress<T>(Action<T> handler) : IProgress<T>
{
    /// <inheritdoc/>
    public void Report(T value) => handler(value);
}
