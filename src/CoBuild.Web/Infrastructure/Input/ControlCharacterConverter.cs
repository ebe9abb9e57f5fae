using System.Text.Json;
using System.Text.Json.Serialization;

namespace CoBuild.Web.Infrastructure.Input;

/// <summary>
/// Every JSON string the API reads passes here: a control character is a JsonException, which the serializer
/// tags with the property's path, so the 400 names the field ("commitments[0].title").
/// </summary>
internal sealed class ControlCharacterConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var value = reader.TokenType == JsonTokenType.String ? reader.GetString()
            : throw new JsonException("应为字符串。");
        if (value is not null && TextRules.HasControl(value)) throw new JsonException(TextRules.ControlMessage);
        return value;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    // Dictionary keys (ProblemDetails "errors", imported rows) go through these; without them a custom string converter throws.
    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var value = reader.GetString()!;
        if (TextRules.HasControl(value)) throw new JsonException(TextRules.ControlMessage);
        return value;
    }

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WritePropertyName(value);
}
