using System.Text.Json.Nodes;
using MLNet.Recurrent.Persistence.Archive;

namespace MLNet.Recurrent.Persistence.Schema;

/// <summary>
/// A <see cref="DataViewSchema"/> as JSON: an array of columns in order, hidden ones included (a repeated name hides
/// the earlier column again when read), each <c>{"name": s, "type": <see cref="ColumnTypeJson"/>, "annotations":
/// {kind: {"type": ..., "value": <see cref="AnnotationValueJson"/>}}}</c>.
/// </summary>
internal static class SchemaJson
{
    /// <summary>Writes a schema.</summary>
    /// <param name="schema">The schema.</param>
    /// <param name="paramName">The argument that carried it, for messages.</param>
    /// <returns>The JSON array.</returns>
    /// <exception cref="ArgumentException">A column or annotation has a type defined outside this library, which a model file cannot record.</exception>
    public static JsonArray Write(DataViewSchema schema, string paramName)
    {
        var columns = new JsonArray();
        foreach (var column in schema)
        {
            var type = ColumnTypeJson.Write(column.Type)
                ?? throw new ArgumentException($"{paramName}: column '{column.Name}' has type {column.Type}, which a model file cannot record; expected one of {ColumnTypeJson.Supported}.", paramName);
            var annotations = new JsonObject();
            foreach (string kind in column.Annotations.Kinds)
            {
                annotations[kind] = WriteAnnotation(column, kind, paramName);
            }

            columns.Add(new JsonObject { ["name"] = column.Name, ["type"] = type, ["annotations"] = annotations });
        }

        return columns;
    }

    /// <summary>Reads a schema.</summary>
    /// <param name="node">The JSON: an array, or null for "no schema saved".</param>
    /// <param name="entry">The entry, for messages.</param>
    /// <param name="at">The place in the entry, for messages.</param>
    /// <returns>The schema, or null.</returns>
    /// <exception cref="ModelFormatException">The JSON does not describe a schema.</exception>
    public static DataViewSchema? Read(JsonNode? node, string entry, string at)
    {
        if (node is null)
        {
            return null;
        }

        var columns = ManifestJson.Array(node, entry, at);
        var builder = new DataViewSchema.Builder();
        for (int i = 0; i < columns.Count; i++)
        {
            string where = $"{at}[{i}]";
            var column = ManifestJson.Object(columns[i], entry, where);
            string name = ManifestJson.String(column["name"], entry, $"{where}.name");
            if (name.Length == 0)
            {
                throw new ModelFormatException(entry, $"{where}.name: expected a column name, got an empty string.");
            }

            var type = ColumnTypeJson.Read(column["type"], entry, $"{where}.type");
            var annotations = column["annotations"] is null
                ? null
                : ReadAnnotations(ManifestJson.Object(column["annotations"], entry, $"{where}.annotations"), entry, $"{where}.annotations");
            builder.AddColumn(name, type, annotations);
        }

        return builder.ToSchema();
    }

    private static JsonObject WriteAnnotation(DataViewSchema.Column column, string kind, string paramName)
    {
        var type = column.Annotations.GetTypeOrNull(kind)!;
        object? value = null;
        column.Annotations.GetValue(kind, ref value);
        var typeJson = ColumnTypeJson.Write(type);
        var valueJson = typeJson is null || value is null ? null : AnnotationValueJson.Write(type, value);
        return valueJson is null
            ? throw new ArgumentException($"{paramName}: annotation '{kind}' of column '{column.Name}' has type {type}, which a model file cannot record; expected one of {ColumnTypeJson.Supported}.", paramName)
            : new JsonObject { ["type"] = typeJson, ["value"] = valueJson };
    }

    private static Annotations ReadAnnotations(JsonObject json, string entry, string at)
    {
        var values = new Dictionary<string, (DataViewType Type, object Value)>(StringComparer.Ordinal);
        foreach (var (kind, node) in json)
        {
            var annotation = ManifestJson.Object(node, entry, $"{at}.{kind}");
            var type = ColumnTypeJson.Read(annotation["type"], entry, $"{at}.{kind}.type");
            values[kind] = (type, AnnotationValueJson.Read(type, annotation["value"], entry, $"{at}.{kind}.value"));
        }

        return values.Count == 0 ? Annotations.Empty : new Annotations(values);
    }
}
