namespace MLNet.Recurrent.Engine.Interop;

/// <summary>One validated tensor entry of a safetensors header.</summary>
/// <param name="Name">The tensor's name.</param>
/// <param name="Shape">Its sizes (each fits an <see cref="int"/>; their product fits an array).</param>
/// <param name="Count">The number of elements (the product of <paramref name="Shape"/>).</param>
/// <param name="Begin">Offset of its first byte in the data buffer.</param>
/// <param name="End">Offset one past its last byte in the data buffer; <c>End − Begin = 4·Count</c>.</param>
/// <param name="HeaderIndex">Its position among the header's tensor entries (breaks ties between empty tensors).</param>
internal readonly record struct SafeTensorsEntry(string Name, int[] Shape, int Count, long Begin, long End, int HeaderIndex);
