using System.Diagnostics;
using System.Text.Json;
using CoBuild.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CoBuild.Tests.Api;

/// <summary>
/// An app of its own: malformed requests with real ids (1) may still change demo records, which must not disturb
/// the tests sharing the main fixture.
/// </summary>
[CollectionDefinition(Name)]
public sealed class FuzzCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "fuzz";
}

/// <summary>
/// Every operation in /openapi/v1.json gets malformed input (wrong types, nulls, huge and NUL strings, bad enums
/// and dates, ids that do not exist, wrong content types) as a district admin, a unit representative and anonymous:
/// a 4xx or a clean answer, never a 5xx. A new endpoint is covered the day it is added.
/// </summary>
[Collection(FuzzCollection.Name)]
public sealed class MalformedInputTests(AppFixture app, ITestOutputHelper output)
{
    [Fact]
    public async Task No_operation_answers_malformed_input_with_a_server_error()
    {
        var anonymous = await app.ClientFor(null);
        var document = JsonDocument.Parse(await anonymous.GetStringAsync("/openapi/v1.json")).RootElement;
        var requests = MalformedRequests.For(document);
        Assert.True(document.GetProperty("paths").EnumerateObject().Count() > 80, "the OpenAPI document lists the API");
        Assert.True(requests.Count > 2000, $"only {requests.Count} requests were generated");
        // The bodies come from the document's schemas: typed properties (strings, ids, dates) give many variants each.
        Assert.True(requests.Count(r => r.FromSchema) > 1000, $"only {requests.Count(r => r.FromSchema)} requests from request-body schemas");

        var clients = new (string Who, HttpClient Client)[]
        {
            ("district.admin", await app.ClientFor("district.admin")),
            ("unit.drainage", await app.ClientFor("unit.drainage")),
            ("anonymous", anonymous),
        };
        var failures = new List<string>();
        var watch = Stopwatch.StartNew();
        foreach (var (who, client) in clients)
        {
            // Other callers are mostly turned away before the body is read: the schema-driven bodies go to the admin only.
            foreach (var r in requests.Where(r => who == "district.admin" || !r.FromSchema))
            {
                try
                {
                    using var response = await client.SendAsync(r.Build());
                    if ((int)response.StatusCode >= 500) failures.Add($"{(int)response.StatusCode} as {who}: {r}");
                }
                catch (Exception e)
                {
                    failures.Add($"{e.GetType().Name} as {who}: {r}: {e.Message}");
                }
            }
        }
        output.WriteLine($"{requests.Count} requests ({requests.Count(r => !r.FromSchema)} for every caller) in {watch.Elapsed.TotalSeconds:0.0} s");
        Assert.True(failures.Count == 0, $"{failures.Count} server errors:\n" + string.Join("\n", failures.Take(300)));
    }
}
