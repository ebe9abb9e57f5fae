using System.Net;
using System.Text.Json;

namespace CoBuild.Tests.Infrastructure.Auth;

/// <summary>Handlers take the caller as a parameter (Caller.BindAsync): it works and stays out of the API contract.</summary>
[Collection(AppCollection.Name)]
public sealed class CallerBindingTests(AppFixture app)
{
    [Fact]
    public async Task The_bound_caller_is_not_part_of_the_openapi_document()
    {
        var anonymous = await app.ClientFor(null);
        var response = await anonymous.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var leaks = new List<string>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
            foreach (var operation in path.Value.EnumerateObject())
            {
                if (operation.Value.ValueKind != JsonValueKind.Object) continue;
                if (operation.Value.TryGetProperty("parameters", out var parameters))
                    leaks.AddRange(parameters.EnumerateArray()
                        .Where(p => p.GetProperty("name").GetString() is "caller" or "Caller")
                        .Select(_ => $"{operation.Name.ToUpperInvariant()} {path.Name}"));
            }
        Assert.True(leaks.Count == 0, "caller shows up as a parameter of: " + string.Join(", ", leaks));
        var listContracts = document.GetProperty("paths").GetProperty("/api/v1/org-contracts").GetProperty("get");
        Assert.False(listContracts.TryGetProperty("requestBody", out _), "a GET has no request body for the caller");
        Assert.DoesNotContain("\"Caller\"", document.GetProperty("components").GetRawText());
    }

    [Fact]
    public async Task A_bound_caller_reads_its_own_account_and_an_optional_one_allows_anonymous()
    {
        var admin = await app.ClientFor("district.admin");
        var me = await admin.GetStringAsync("/api/v1/me");
        Assert.Contains("district.admin", me);
        var anonymous = await app.ClientFor(null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/me")).StatusCode);
        var tree = await anonymous.GetStringAsync("/api/v1/org-units/tree");
        var rootId = JsonDocument.Parse(tree).RootElement.GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/api/v1/org-units/{rootId}")).StatusCode);
    }
}
