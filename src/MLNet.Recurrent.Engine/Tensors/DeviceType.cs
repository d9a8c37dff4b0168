namespace MLNet.Recurrent.Engine.Tensors;

/// <summary>The kind of processor a tensor's storage lives on.</summary>
public enum DeviceType
{
    /// <summary>Host memory, computed by the managed CPU backend.</summary>
    Cpu = 0,

    /// <summary>An NVIDIA GPU. Reserved: no CUDA backend ships yet, and asking for one throws.</summary>
    Cuda = 1,
}
