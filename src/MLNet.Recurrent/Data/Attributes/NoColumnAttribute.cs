namespace MLNet.Recurrent.Data;

/// <summary>
/// Excludes a member of a row class from every object ↔ row mapping (ML.NET's NoColumnAttribute): it gets no column
/// in <c>LoadFromEnumerable</c> and is left untouched by <c>CreateEnumerable</c> and prediction engines.
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property, AllowMultiple = false)]
public sealed class NoColumnAttribute : Attribute
{
}
