namespace MLNet.Recurrent.Engine.Autograd;

/// <summary>
/// Whether operations record themselves for backpropagation on the current thread.
/// </summary>
/// <example><code>
/// using (GradMode.NoGrad())
/// {
///     var prediction = model.Forward(x);   // no graph is recorded
/// }
/// </code></example>
public static class GradMode
{
    [ThreadStatic]
    private static int t_disabledDepth;

    /// <summary>True unless the current thread is inside a <see cref="NoGrad"/> scope.</summary>
    public static bool IsEnabled => t_disabledDepth == 0;

    /// <summary>Disables recording on this thread until the returned scope is disposed. Scopes nest.</summary>
    /// <returns>The scope; dispose it to restore recording.</returns>
    public static NoGradScope NoGrad()
    {
        t_disabledDepth++;
        return new NoGradScope(true);
    }

    /// <summary>A scope that disables gradient recording while alive.</summary>
    public readonly struct NoGradScope : IDisposable
    {
        private readonly bool _active;

        internal NoGradScope(bool active) => _active = active;

        /// <summary>Ends the scope.</summary>
        public void Dispose()
        {
            if (_active && t_disabledDepth > 0)
            {
                t_disabledDepth--;
            }
        }
    }
}
