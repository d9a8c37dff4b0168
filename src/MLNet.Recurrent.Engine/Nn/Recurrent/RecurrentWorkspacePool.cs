namespace MLNet.Recurrent.Engine.Nn;

/// <summary>
/// One layer's <see cref="RecurrentStackWorkspace"/>s. A recorded forward call rents one; when its backward pass has
/// run, the call is marked finished, and the layer's next forward takes every finished call's workspace back (the
/// finished call is then released: a further backward through it throws). A graph that uses the layer several times
/// (a decoder stepping the same LSTM) holds several workspaces until its backward. Calls whose backward never runs
/// (recorded forwards with no backward) keep their workspace and let the garbage collector take it with them.
/// </summary>
/// <remarks>PyTorch frees the saved tensors of a graph at the end of its backward unless <c>retain_graph=True</c>; this
/// is more lenient (backward may run again on the same graph until the layer's next forward).</remarks>
internal sealed class RecurrentWorkspacePool
{
    private readonly Lock _lock = new();
    private readonly List<RecurrentStackWorkspace> _free = [];
    private readonly List<IRecurrentWorkspaceLease> _finished = [];

    /// <summary>Reclaims the workspaces of finished calls, then hands out a free workspace (or a new one).</summary>
    public RecurrentStackWorkspace Rent()
    {
        lock (_lock)
        {
            foreach (IRecurrentWorkspaceLease lease in _finished)
            {
                if (lease.Release() is { } workspace)
                {
                    _free.Add(workspace);
                }
            }
            _finished.Clear();
            if (_free.Count == 0)
            {
                return new RecurrentStackWorkspace();
            }
            RecurrentStackWorkspace last = _free[^1];
            _free.RemoveAt(_free.Count - 1);
            return last;
        }
    }

    /// <summary>Records that <paramref name="lease"/>'s backward has run, so that the next <see cref="Rent"/> reclaims it.</summary>
    public void Finished(IRecurrentWorkspaceLease lease)
    {
        lock (_lock)
        {
            _finished.Add(lease);
        }
    }
}

/// <summary>A recorded call holding a <see cref="RecurrentStackWorkspace"/>.</summary>
internal interface IRecurrentWorkspaceLease
{
    /// <summary>Gives the workspace back (once; null afterwards); the call can no longer run backward.</summary>
    RecurrentStackWorkspace? Release();
}
