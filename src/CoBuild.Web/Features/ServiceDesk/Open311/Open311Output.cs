using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Xml;

namespace CoBuild.Web.Features.ServiceDesk.Open311;

/// <summary>An element and its value: text, a number, a boolean, null (an empty element), <see cref="Many"/> or nested <see cref="Fields"/>.</summary>
public sealed record Field(string Name, object? Value);

/// <summary>An element whose children are all one repeated element (<c>&lt;services&gt;&lt;service/&gt;…</c>): an array in JSON.</summary>
public sealed record Many(string ItemName, IReadOnlyList<object?> Items);

/// <summary>An element with named children, in the specification's order: an object in JSON.</summary>
public sealed record Fields(IReadOnlyList<Field> List);

/// <summary>
/// Writes one GeoReport v2 document as XML (no namespace, utf-8 declaration) or as JSON by the Spark convention the
/// specification uses: the root element is dropped, a container of one repeated element becomes an array.
/// </summary>
public sealed class Open311Output(string format, int status, string root, object body) : IResult
{
    public const string Xml = "xml", Json = "json";
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public int Status => status;

    public static bool IsFormat(string? f) => f is Xml or Json;

    public static string Date(DateTimeOffset at) => at.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public static Open311Output Errors(string? format, int status, string description) =>
        new(format == Json ? Json : Xml, status, "errors", new Many("error", [new Fields([new("code", status), new("description", description)])]));

    public async Task ExecuteAsync(HttpContext http)
    {
        using var buffer = new MemoryStream();
        if (format == Json)
        {
            using (var w = new Utf8JsonWriter(buffer, JsonOptions)) WriteJson(w, body);
            http.Response.ContentType = "application/json; charset=utf-8";
        }
        else
        {
            using (var w = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
            {
                w.WriteStartDocument();
                WriteXml(w, root, body);
                w.WriteEndDocument();
            }
            http.Response.ContentType = "text/xml; charset=utf-8";
        }
        http.Response.StatusCode = status;
        http.Response.ContentLength = buffer.Length;
        buffer.Position = 0;
        await buffer.CopyToAsync(http.Response.Body, http.RequestAborted);
    }

    private static void WriteXml(XmlWriter w, string name, object? value)
    {
        w.WriteStartElement(name);
        switch (value)
        {
            case null: break;
            case Many many:
                foreach (var item in many.Items) WriteXml(w, many.ItemName, item);
                break;
            case Fields fields:
                foreach (var f in fields.List) WriteXml(w, f.Name, f.Value);
                break;
            default: w.WriteString(Text(value)); break;
        }
        w.WriteEndElement();
    }

    private static void WriteJson(Utf8JsonWriter w, object? value)
    {
        switch (value)
        {
            case null: w.WriteNullValue(); break;
            case bool b: w.WriteBooleanValue(b); break;
            case int i: w.WriteNumberValue(i); break;
            case double d: w.WriteNumberValue(d); break;
            case string s: w.WriteStringValue(s); break;
            case Many many:
                w.WriteStartArray();
                foreach (var item in many.Items) WriteJson(w, item);
                w.WriteEndArray();
                break;
            case Fields fields:
                w.WriteStartObject();
                foreach (var f in fields.List)
                {
                    w.WritePropertyName(f.Name);
                    WriteJson(w, f.Value);
                }
                w.WriteEndObject();
                break;
            default: throw new InvalidOperationException($"no Open311 form for {value.GetType().Name}");
        }
    }

    private static string Text(object value) => value switch
    {
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
