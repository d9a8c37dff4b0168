namespace MLNet.Recurrent;

/// <summary>
/// Reads the current row's value of one column into <paramref name="value"/>. A getter may reuse the buffers already
/// in <paramref name="value"/> (vectors), as ML.NET's getters do, so callers that keep values must copy them.
/// </summary>
/// <typeparam name="TValue">The column's raw type (<see cref="DataViewType.RawType"/>).</typeparam>
/// <param name="value">Receives the value.</param>
public delegate void ValueGetter<TValue>(ref TValue value);
