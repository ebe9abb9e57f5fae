using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using CoBuild.Web.Infrastructure.OpenApi;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;

namespace CoBuild.Tests.Infrastructure;

/// <summary>/openapi/v1.json is a contract clients can be generated from: named operations, who may call them, their
/// errors, upload and download bodies, integers that are integers; and a generated TypeScript client really works.</summary>
[Collection(AppCollection.Name)]
public sealed class OpenApiTests(AppFixture app)
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    private async Task<JsonElement> DocumentAsync() =>
        JsonDocument.Parse(await (await app.ClientFor(null)).GetStringAsync("/openapi/v1.json")).RootElement;

    private static IEnumerable<(string Path, string Method, JsonElement Operation)> Operations(JsonElement document) =>
        from path in document.GetProperty("paths").EnumerateObject()
        from op in path.Value.EnumerateObject()
        where Methods.Contains(op.Name)
        select (path.Name, op.Name, op.Value);

    private static JsonElement Operation(JsonElement document, string method, string path) =>
        document.GetProperty("paths").GetProperty(path).GetProperty(method);

    [Fact]
    public async Task Every_operation_has_a_unique_readable_operationId_and_a_summary()
    {
        var document = await DocumentAsync();
        var ids = Operations(document).Select(o => o.Operation.TryGetProperty("operationId", out var id) ? id.GetString() : null).ToList();
        Assert.True(ids.Count > 100, $"only {ids.Count} operations");
        Assert.All(ids, id => Assert.Matches("^[a-z][A-Za-z]+$", id));
        Assert.Empty(ids.GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key));
        Assert.All(Operations(document), o => Assert.False(string.IsNullOrWhiteSpace(o.Operation.GetProperty("summary").GetString()), $"{o.Method} {o.Path}"));

        Assert.Equal("listOrgContracts", Operation(document, "get", "/api/v1/org-contracts").GetProperty("operationId").GetString());
        Assert.Equal("getOrgContract", Operation(document, "get", "/api/v1/org-contracts/{id}").GetProperty("operationId").GetString());
        Assert.Equal("createOrgContract", Operation(document, "post", "/api/v1/org-contracts").GetProperty("operationId").GetString());
        Assert.Equal("updateOrgContract", Operation(document, "put", "/api/v1/org-contracts/{id}").GetProperty("operationId").GetString());
        Assert.Equal("signOrgContract", Operation(document, "post", "/api/v1/org-contracts/{id}/sign").GetProperty("operationId").GetString());
        Assert.Equal("createAuthToken", Operation(document, "post", "/api/v1/auth/token").GetProperty("operationId").GetString());
        Assert.Equal("deleteAuctionLot", Operation(document, "delete", "/api/v1/auctions/{id}/lots/{lotId}").GetProperty("operationId").GetString());
    }

    [Theory]
    [InlineData("GET", "/api/v1/org-contracts", "listOrgContracts")]
    [InlineData("GET", "/api/v1/org-contracts/{id:int}/versions/{number:int}", "getOrgContractVersion")]
    [InlineData("POST", "/api/v1/needs/{id:int}/claims", "createNeedClaim")]
    [InlineData("POST", "/api/v1/orders/{id:int}/{action}", "actionOrder")]
    [InlineData("GET", "/api/v1/menu-categories", "listMenuCategories")]
    [InlineData("POST", "/api/v1/inbox/read-all", "readAllInbox")]
    [InlineData("GET", "/api/v1/auctions/{id:int}/export", "exportAuction")]
    [InlineData("POST", "/api/v1/certificates/{id:int}/revoke", "revokeCertificate")]
    [InlineData("POST", "/api/v1/certificate-whitelist/versions", "createCertificateWhitelistVersion")]
    public void Operation_names_follow_the_route(string method, string route, string expected) =>
        Assert.Equal(expected, OperationNames.For(method, route));

    [Fact]
    public async Task Security_follows_each_endpoints_authorization_metadata()
    {
        var document = await DocumentAsync();
        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("http", schemes.GetProperty("bearer").GetProperty("type").GetString());
        Assert.Equal("bearer", schemes.GetProperty("bearer").GetProperty("scheme").GetString());
        Assert.Equal("cookie", schemes.GetProperty("cookie").GetProperty("in").GetString());
        Assert.Equal("cobuild.auth", schemes.GetProperty("cookie").GetProperty("name").GetString());

        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1/", StringComparison.Ordinal) == true && e.Metadata.GetMetadata<HttpMethodMetadata>() is not null)
            .ToList();
        Assert.True(endpoints.Count > 100);
        var checkedCount = 0;
        foreach (var endpoint in endpoints)
        {
            var path = System.Text.RegularExpressions.Regex.Replace(endpoint.RoutePattern.RawText!, @"\{(\w+)(:[^}]*)?\}", "{$1}").TrimEnd('/');
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods)
            {
                var op = Operation(document, method.ToLowerInvariant(), path);
                var signedIn = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null && endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any();
                var security = op.GetProperty("security");
                var schemeNames = security.EnumerateArray().SelectMany(r => r.EnumerateObject().Select(p => p.Name)).Order().ToList();
                Assert.True(signedIn ? schemeNames.SequenceEqual(["bearer", "cookie"]) : schemeNames.Count == 0,
                    $"{method} {path}: signed in = {signedIn}, security = {security}");
                checkedCount++;
            }
        }
        Assert.True(checkedCount > 100);
        Assert.Equal(0, Operation(document, "post", "/api/v1/auth/token").GetProperty("security").GetArrayLength());
        Assert.Equal(2, Operation(document, "post", "/api/v1/org-contracts/{id}/sign").GetProperty("security").GetArrayLength());
    }

    [Fact]
    public async Task Every_operation_documents_its_errors_as_problem_details()
    {
        var document = await DocumentAsync();
        Assert.Equal("object", document.GetProperty("components").GetProperty("schemas").GetProperty("ProblemDetails").GetProperty("type").GetString());
        foreach (var (path, method, op) in Operations(document))
        {
            var responses = op.GetProperty("responses");
            var expected = new List<string>();
            if (op.GetProperty("security").GetArrayLength() > 0) expected.AddRange(["401", "403"]);
            if (path.Contains('{')) expected.AddRange(["400", "404"]);
            if (method != "get") expected.AddRange(["409", "429"]);
            if (op.TryGetProperty("requestBody", out _)) expected.Add("400");
            foreach (var status in expected)
            {
                Assert.True(responses.TryGetProperty(status, out var response), $"{method} {path} declares no {status}");
                Assert.Equal("#/components/schemas/ProblemDetails",
                    response.GetProperty("content").GetProperty("application/problem+json").GetProperty("schema").GetProperty("$ref").GetString());
            }
            foreach (var response in responses.EnumerateObject().Where(r => r.Name[0] == '4'))
                Assert.True(response.Value.GetProperty("content").TryGetProperty("application/problem+json", out _), $"{method} {path} {response.Name}");
        }
        Assert.True(Operation(document, "post", "/api/v1/auth/token").GetProperty("responses").TryGetProperty("401", out _), "a wrong password is a 401");
    }

    [Fact]
    public async Task No_integer_is_typed_integer_or_string()
    {
        var document = await DocumentAsync();
        var unions = new List<string>();
        void Walk(JsonElement e, string at)
        {
            if (e.ValueKind == JsonValueKind.Object)
            {
                if (e.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.Array)
                {
                    var types = type.EnumerateArray().Select(t => t.GetString()).ToList();
                    if (types.Contains("string") && (types.Contains("integer") || types.Contains("number"))) unions.Add(at);
                }
                if (e.TryGetProperty("pattern", out var pattern) && pattern.GetString()!.Contains(@"\d", StringComparison.Ordinal)) unions.Add(at + " (number pattern)");
                foreach (var p in e.EnumerateObject()) Walk(p.Value, at + "/" + p.Name);
            }
            else if (e.ValueKind == JsonValueKind.Array)
            {
                var i = 0;
                foreach (var item in e.EnumerateArray()) Walk(item, $"{at}/{i++}");
            }
        }
        Walk(document, "#");
        Assert.Empty(unions);
        var score = document.GetProperty("components").GetProperty("schemas").GetProperty("RatingInput").GetProperty("properties").GetProperty("score");
        Assert.Equal("integer", score.GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_quoted_number_is_refused_with_a_400_problem()
    {
        var client = await app.ClientFor("district.admin");
        using var response = await client.PostAsync("/api/v1/projects/1/ratings", new StringContent("""{"score":"5","comment":"好"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty("score", out _), problem.ToString());
    }

    [Theory]
    [InlineData("/api/v1/imports/{kind}", "file", false)]
    [InlineData("/api/v1/projects/{id}/documents", "file", true)]
    [InlineData("/api/v1/org-contracts/{id}/commitments/{cid}/deliveries", "file", true)]
    [InlineData("/api/v1/personal-contracts/{id}/logs", "photo", false)]
    public async Task Uploads_have_a_multipart_body_with_a_binary_file_field(string path, string field, bool many)
    {
        var body = Operation(await DocumentAsync(), "post", path).GetProperty("requestBody");
        var file = body.GetProperty("content").GetProperty("multipart/form-data").GetProperty("schema").GetProperty("properties").GetProperty(field);
        if (many) file = file.GetProperty("items");
        Assert.Equal("string", file.GetProperty("type").GetString());
        Assert.Equal("binary", file.GetProperty("format").GetString());
    }

    [Theory]
    [InlineData("/api/v1/org-contracts/{id}/pdf", ApiFiles.Pdf)]
    [InlineData("/api/v1/org-contracts/export", ApiFiles.Xlsx)]
    [InlineData("/api/v1/personal-contracts/export", ApiFiles.Xlsx)]
    [InlineData("/api/v1/auctions/{id}/export", ApiFiles.Xlsx)]
    [InlineData("/api/v1/exports/{list}", ApiFiles.Xlsx)]
    [InlineData("/api/v1/imports/{kind}/template", ApiFiles.Xlsx)]
    [InlineData("/api/v1/files/{id}", "application/octet-stream")]
    public async Task Downloads_declare_their_content_type_as_binary(string path, string contentType)
    {
        var content = Operation(await DocumentAsync(), "get", path).GetProperty("responses").GetProperty("200").GetProperty("content");
        var schema = content.GetProperty(contentType).GetProperty("schema");
        Assert.Equal("string", schema.GetProperty("type").GetString());
        Assert.Equal("binary", schema.GetProperty("format").GetString());
    }

    [Fact]
    public async Task The_document_and_its_reader_are_public_only_when_configured()
    {
        var open = await app.ClientFor(null);
        Assert.Equal(HttpStatusCode.OK, (await open.GetAsync("/openapi/v1.json")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await open.GetAsync("/api/docs/")).StatusCode);

        await using var closed = app.WithWebHostBuilder(b => b.UseSetting("OpenApi:Public", "false"));
        var anonymous = closed.CreateClient(new() { AllowAutoRedirect = false });
        await AssertSignInRequiredAsync(anonymous, "/openapi/v1.json");
        await AssertSignInRequiredAsync(anonymous, "/api/docs/");
        var signedIn = closed.CreateClient(new() { AllowAutoRedirect = false });
        var token = await (await anonymous.PostAsync("/api/v1/auth/token",
            new StringContent("""{"userName":"street.fushan","password":"Demo@2018"}""", Encoding.UTF8, "application/json"))).Content.ReadAsStringAsync();
        signedIn.DefaultRequestHeaders.Authorization = new("Bearer", JsonDocument.Parse(token).RootElement.GetProperty("accessToken").GetString());
        Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync("/openapi/v1.json")).StatusCode);
    }

    /// <summary>A 401, or (outside /api, where the cookie scheme challenges) the way to the login page.</summary>
    private static async Task AssertSignInRequiredAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized
            || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.ToString().Contains("/account/login", StringComparison.Ordinal) == true),
            $"{path}: {(int)response.StatusCode} {response.Headers.Location}");
    }

    [Theory]
    [InlineData("Development", null, true)]
    [InlineData("Production", null, false)]
    [InlineData("Production", "true", true)]
    [InlineData("Development", "false", false)]
    public void Public_by_default_only_in_development(string environment, string? setting, bool expected)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["OpenApi:Public"] = setting }).Build();
        Assert.Equal(expected, OpenApiSetup.IsPublic(config, new HostingEnvironment { EnvironmentName = environment }));
    }

    /// <summary>tests/clients/check.sh: Redocly (recommended rules, 0 errors), openapi-typescript, tsc --strict, and the
    /// generated client logging in, listing, downloading and uploading against the app on Kestrel. Needs Node.js and
    /// npm (scripts/install-test-deps.sh installs them); without them this fails. check.sh starts the built app on
    /// SQLite whatever COBUILD_TEST_DB says, so its passing output is kept per build (the app's dll and settings and
    /// the check's own files): the run on the second provider reads it instead of running the same check again.</summary>
    [Fact]
    public async Task A_generated_TypeScript_client_lints_compiles_and_calls_the_running_app()
    {
        var root = FindRoot();
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name; // bin/<configuration>/net10.0
        var bin = Path.Combine(root, "src", "CoBuild.Web", "bin", configuration, "net10.0");
        var dll = Path.Combine(bin, "CoBuild.Web.dll");
        Assert.True(File.Exists(dll), $"the app is not built at {dll}");
        var clients = Path.Combine(root, "tests", "clients");
        var inputs = new[] { dll }.Concat(Directory.GetFiles(bin, "appsettings*.json"))
            .Concat(Directory.GetFiles(clients).Where(f => !f.EndsWith(".gitignore", StringComparison.Ordinal))).Order(StringComparer.Ordinal);
        var key = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(inputs.SelectMany(f => Encoding.UTF8.GetBytes(Path.GetFileName(f)).Concat(File.ReadAllBytes(f))).ToArray()))[..16];
        var passed = Path.Combine(root, "src", "CoBuild.Web", "obj", configuration, "client-check", key + ".txt");

        string stdout;
        if (File.Exists(passed)) stdout = await File.ReadAllTextAsync(passed);
        else
        {
            var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(Path.Combine(clients, "check.sh"));
            start.Environment["COBUILD_WEB_DLL"] = dll;
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
            try { await process.WaitForExitAsync(timeout.Token); }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail("tests/clients/check.sh did not finish within 10 minutes");
            }
            string stderr;
            (stdout, stderr) = (await output, await error);
            Assert.True(process.ExitCode == 0, $"tests/clients/check.sh exited {process.ExitCode}:\n{stdout}\n{stderr}");
        }
        Assert.Contains("Your API description is valid", stdout);
        Assert.Contains("client: all calls as documented", stdout);
        Directory.CreateDirectory(Path.GetDirectoryName(passed)!);
        await File.WriteAllTextAsync(passed, stdout);
        foreach (var older in Directory.GetFiles(Path.GetDirectoryName(passed)!, "*.txt").Where(f => f != passed)) File.Delete(older); // earlier builds'
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CoBuild.slnx"))) return dir.FullName;
        throw new InvalidOperationException("the repository root (CoBuild.slnx) is not above the test binaries");
    }
}
