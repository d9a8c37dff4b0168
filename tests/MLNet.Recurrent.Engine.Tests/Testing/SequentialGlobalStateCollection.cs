namespace MLNet.Recurrent.Engine.Tests.Testing;

/// <summary>
/// Tests that set process-wide knobs (Gemm.ForcedThreadCount, the vector width) or measure the allocations of a
/// calling thread run in this collection, which xunit runs alone: another test using the shared GEMM workspaces at the
/// same time would otherwise change what they see.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SequentialGlobalStateCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Sequential: global kernel state and allocation counts";
}
