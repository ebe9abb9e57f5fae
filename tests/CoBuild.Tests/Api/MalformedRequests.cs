using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CoBuild.Tests.Api;

/// <summary>One request to send: what it is, and how to build it (content is single-use, so it is built per send).</summary>
public sealed record MalformedRequest(string Method, string Url, string Body, string? ContentType, bool FromSchema = false)
{
    public HttpRequestMessage Build()
    {
        var request = new HttpRequestMessage(new HttpMethod(Method), Url);
        if (ContentType is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(Body));
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType);
        }
        return request;
    }

    public override string ToString()
    {
        var body = Body.Length > 120 ? Body[..120] + $"…({Body.Length} chars)" : Body;
        var url = Url.Length > 160 ? Url[..160] + $"…({Url.Length} chars)" : Url;
        return $"{Method} {url} [{ContentType ?? "no body"}] {body.Replace("\0", "\\0")}";
    }
}

/// <summary>
/// Malformed requests for every operation of the OpenAPI document: bad path ids, bad query values, wrong content
/// types and junk bodies, and for a described JSON body one property at a time made wrong. Deterministic: the same
/// document gives the same list.
/// </summary>
public static class MalformedRequests
{
    public const string Boundary = "fuzzboundary";
    private static readonly string Long = new('长', 10_000);

    // "%01" rather than "%00": the test server refuses to build a request whose path holds NUL (Kestrel answers 400 itself).
    private static readonly string[] IdValues = ["999999999", "-1", "0", "2147483648", "x", "%01"];
    private static readonly string[] QueryValues = ["x", "%00", Uri.EscapeDataString(Long), "-1", "99999999999999999999", "0001-01-01", "9999-12-31", "", "%E5%85%BB%E8%80%81%00"];

    private static readonly (string Type, string Body)[] JunkBodies =
    [
        ("text/plain", "x"),
        ("application/xml", "<a>x</a>"),
        ("application/x-www-form-urlencoded", "a=%00&file=x"),
        ("application/json", ""),
        ("application/json", "null"),
        ("application/json", "[]"),
        ("application/json", "[null]"),
        ("application/json", "{}"),
        ("application/json", "\"\\u0000\""),
        ("application/json", "123"),
        ("application/json", "{\"a\":"),
        ("application/json", "{\"a\":\"\\u0000\"}"),
        ($"multipart/form-data; boundary={Boundary}", $"--{Boundary}\r\nContent-Disposition: form-data; name=\"description\"\r\n\r\nx"),
        ($"multipart/form-data; boundary={Boundary}",
            $"--{Boundary}\r\nContent-Disposition: form-data; name=\"description\"\r\n\r\nx\0y\r\n"
            + $"--{Boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\0b.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 x\r\n--{Boundary}--\r\n"),
    ];

    public static List<MalformedRequest> For(JsonElement document)
    {
        var schemas = document.TryGetProperty("components", out var c) && c.TryGetProperty("schemas", out var s) ? s : default;
        var list = new List<MalformedRequest>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var op in path.Value.EnumerateObject())
            {
                var method = op.Name.ToUpperInvariant();
                if (method is not ("GET" or "POST" or "PUT" or "PATCH" or "DELETE")) continue;
                var parameters = op.Value.TryGetProperty("parameters", out var p) ? p.EnumerateArray().ToList() : [];
                var pathParams = parameters.Where(x => x.GetProperty("in").GetString() == "path").Select(x => x.GetProperty("name").GetString()!).ToList();
                var queryParams = parameters.Where(x => x.GetProperty("in").GetString() == "query").Select(x => x.GetProperty("name").GetString()!).ToList();

                string Url(string id, string? query = null)
                {
                    var url = path.Name;
                    foreach (var name in pathParams) url = url.Replace("{" + name + "}", id);
                    return query is null ? url : url + "?" + query;
                }

                foreach (var id in pathParams.Count > 0 ? IdValues : ["-"])
                    list.Add(new(method, Url(id), "", null));
                foreach (var value in QueryValues.Where(_ => queryParams.Count > 0))
                    list.Add(new(method, Url("1", string.Join("&", queryParams.Select(q => $"{q}={value}"))), "", null));
                foreach (var q in queryParams) // one bad filter alone, so it is not masked by a neighbour's parse error
                {
                    list.Add(new(method, Url("1", $"{q}=%E5%85%BB%00"), "", null));
                    list.Add(new(method, Url("1", $"{q}={Uri.EscapeDataString(Long)}"), "", null));
                }
                if (queryParams.Count > 0) // every query parameter twice, and unknown ones
                    list.Add(new(method, Url("1", string.Join("&", queryParams.Select(q => $"{q}=1&{q}=x")) + "&zz%00=1"), "", null));

                if (method is "GET" or "DELETE") continue;
                var ids = pathParams.Count > 0 ? new[] { "999999999", "1" } : ["-"];
                foreach (var id in ids)
                    foreach (var (type, body) in JunkBodies)
                        list.Add(new(method, Url(id), body, type));

                var schema = BodySchema(op.Value, schemas);
                if (schema is null) continue;
                foreach (var body in Mutations(schema.Value, schemas))
                    foreach (var id in ids)
                        list.Add(new(method, Url(id), body, "application/json", FromSchema: true));
            }
        }
        return list;
    }

    private static JsonElement? BodySchema(JsonElement op, JsonElement schemas)
    {
        if (!op.TryGetProperty("requestBody", out var body) || !body.TryGetProperty("content", out var content)) return null;
        foreach (var media in content.EnumerateObject())
            if (media.Name.Contains("json") && media.Value.TryGetProperty("schema", out var schema)) return Resolve(schema, schemas);
        return null;
    }

    private static JsonElement Resolve(JsonElement schema, JsonElement schemas)
    {
        for (var i = 0; i < 10; i++)
        {
            if (schema.TryGetProperty("$ref", out var r))
                schema = schemas.GetProperty(r.GetString()!.Split('/')[^1]);
            else if (schema.TryGetProperty("allOf", out var all) && all.GetArrayLength() == 1)
                schema = all[0];
            else if (schema.TryGetProperty("oneOf", out var one) && one.EnumerateArray().FirstOrDefault(x => !IsNullSchema(x)) is { ValueKind: JsonValueKind.Object } o)
                schema = o;
            else if (schema.TryGetProperty("anyOf", out var any) && any.EnumerateArray().FirstOrDefault(x => !IsNullSchema(x)) is { ValueKind: JsonValueKind.Object } a)
                schema = a;
            else break;
        }
        return schema;
    }

    private static bool IsNullSchema(JsonElement s) => s.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "null";

    private enum Kind { String, Integer, Number, Boolean, Date, DateTime, Enum, Array, Object, Unknown }

    private static Kind KindOf(JsonElement schema)
    {
        if (schema.TryGetProperty("enum", out _)) return Kind.Enum;
        var types = new List<string>();
        if (schema.TryGetProperty("type", out var t))
        {
            if (t.ValueKind == JsonValueKind.String) types.Add(t.GetString()!);
            else if (t.ValueKind == JsonValueKind.Array) types.AddRange(t.EnumerateArray().Select(x => x.GetString()!));
        }
        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        if (types.Contains("integer")) return Kind.Integer;
        if (types.Contains("number")) return Kind.Number;
        if (types.Contains("boolean")) return Kind.Boolean;
        if (types.Contains("array")) return Kind.Array;
        if (types.Contains("object") || schema.TryGetProperty("properties", out _)) return Kind.Object;
        if (types.Contains("string")) return format switch { "date" => Kind.Date, "date-time" => Kind.DateTime, _ => Kind.String };
        return Kind.Unknown;
    }

    /// <summary>A well-shaped value whose ids point nowhere (so nothing real is touched by the base value itself).</summary>
    private static JsonNode? Base(JsonElement schema, JsonElement schemas, int depth)
    {
        schema = Resolve(schema, schemas);
        return KindOf(schema) switch
        {
            Kind.String => "x",
            Kind.Integer => 999999999,
            Kind.Number => 1.5,
            Kind.Boolean => true,
            Kind.Date => "2030-01-01",
            Kind.DateTime => "2030-01-01T08:00:00+08:00",
            Kind.Enum => JsonValue.Create(schema.GetProperty("enum").EnumerateArray().Select(e => e.ToString()).FirstOrDefault(e => e.Length > 0) ?? "x"),
            Kind.Array when depth < 3 && schema.TryGetProperty("items", out var items) => new JsonArray(Base(items, schemas, depth + 1)),
            Kind.Array => new JsonArray(),
            Kind.Object when depth < 3 => BaseObject(schema, schemas, depth),
            _ => null,
        };
    }

    private static JsonObject BaseObject(JsonElement schema, JsonElement schemas, int depth)
    {
        var o = new JsonObject();
        if (schema.TryGetProperty("properties", out var props))
            foreach (var prop in props.EnumerateObject()) o[prop.Name] = Base(prop.Value, schemas, depth + 1);
        return o;
    }

    private static JsonNode?[] Wrong(Kind kind) => kind switch
    {
        Kind.String => [null, 123, Long, "\0", "a\u0001b", "x\0" + Long, new JsonObject()],
        Kind.Integer => [null, "x", 1e30, -1, 2147483648L, 0, "\0"],
        Kind.Number => [null, "x", 1e300, -1, "NaN"],
        Kind.Boolean => [null, "x", 2],
        Kind.Date => [null, "0001-01-01", "9999-12-31", "x", "\0", 5],
        Kind.DateTime => [null, "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "x", "\0"],
        Kind.Enum => [null, "BadEnum", 999, "\0", -1],
        Kind.Array => [null, "x", new JsonArray((JsonNode?)null), new JsonArray(new JsonObject()), new JsonArray("\0")],
        Kind.Object => [null, "x", new JsonArray()],
        _ => [null, "\0"],
    };

    /// <summary>The base body, then each property (one level into nested objects and array items) made wrong in turn.</summary>
    private static IEnumerable<string> Mutations(JsonElement schema, JsonElement schemas)
    {
        var kind = KindOf(schema);
        var root = Base(schema, schemas, 0);
        yield return root?.ToJsonString() ?? "null";
        if (kind == Kind.Array && schema.TryGetProperty("items", out var items))
        {
            foreach (var wrong in Wrong(KindOf(Resolve(items, schemas))))
                yield return new JsonArray(wrong?.DeepClone()).ToJsonString();
            items = Resolve(items, schemas);
            if (KindOf(items) == Kind.Object)
                foreach (var m in PropertyMutations(items, schemas, () => BaseObject(items, schemas, 1)))
                    yield return new JsonArray(m).ToJsonString();
            yield break;
        }
        if (kind != Kind.Object) yield break;
        foreach (var m in PropertyMutations(schema, schemas, () => BaseObject(schema, schemas, 0)))
            yield return m.ToJsonString();
    }

    private static IEnumerable<JsonObject> PropertyMutations(JsonElement schema, JsonElement schemas, Func<JsonObject> fresh)
    {
        if (!schema.TryGetProperty("properties", out var props)) yield break;
        foreach (var prop in props.EnumerateObject())
        {
            var propSchema = Resolve(prop.Value, schemas);
            var kind = KindOf(propSchema);
            foreach (var wrong in Wrong(kind))
            {
                var o = fresh();
                o[prop.Name] = wrong?.DeepClone();
                yield return o;
            }
            if (kind == Kind.Array && propSchema.TryGetProperty("items", out var items) && KindOf(Resolve(items, schemas)) == Kind.Object)
            {
                var itemSchema = Resolve(items, schemas);
                foreach (var inner in PropertyMutations(itemSchema, schemas, () => BaseObject(itemSchema, schemas, 2)))
                {
                    var o = fresh();
                    o[prop.Name] = new JsonArray(inner);
                    yield return o;
                }
            }
        }
    }
}
