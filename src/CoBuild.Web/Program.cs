using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.Unicode;
using Microsoft.Extensions.WebEncoders;
using CoBuild.Web.Components;
using CoBuild.Web.Features.Accounts;
using CoBuild.Web.Features.Auctions;
using CoBuild.Web.Features.Certificates;
using CoBuild.Web.Features.Contracts;
using CoBuild.Web.Features.Dashboard;
using CoBuild.Web.Features.Demo;
using CoBuild.Web.Features.Exports;
using CoBuild.Web.Features.Imports;
using CoBuild.Web.Features.Inbox;
using CoBuild.Web.Features.Members;
using CoBuild.Web.Features.Menus;
using CoBuild.Web.Features.Orders;
using CoBuild.Web.Features.Organizations;
using CoBuild.Web.Features.Projects;
using CoBuild.Web.Features.Public;
using CoBuild.Web.Features.Selection;
using CoBuild.Web.Features.ServiceDesk;
using CoBuild.Web.Features.ServiceDesk.Open311;
using CoBuild.Web.Features.ServiceMenu;
using CoBuild.Web.Features.Stats;
using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using CoBuild.Web.Infrastructure.ErrorHandling;
using CoBuild.Web.Infrastructure.Input;
using CoBuild.Web.Infrastructure.Idempotency;
using CoBuild.Web.Infrastructure.Localization;
using CoBuild.Web.Infrastructure.OpenApi;
using CoBuild.Web.Infrastructure.PersonalData;
using CoBuild.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(AppPaths.Options(args));
var config = builder.Configuration;
var dataDir = AppPaths.DataDirectory(config, builder.Environment);

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton(PersonalDataProtector.FromConfiguration(config, dataDir));
builder.Services.AddAppDatabase(config, builder.Environment.ContentRootPath);
builder.Services.AddAppAuth(config);
builder.Services.AddAppLive(config, dataDir);
builder.Services.AddAppForwardedHeaders(config);
builder.Services.AddHostedService<CoBuild.Web.Features.Contracts.OverdueJob>();
builder.Services.ConfigureHttpJsonOptions(o =>
{
    // Web defaults read "12" as 12, which types every integer "integer | string" in the document; a number is a number.
    o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
    o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
    o.SerializerOptions.Converters.Add(new ControlCharacterConverter());
    o.SerializerOptions.TypeInfoResolver = (o.SerializerOptions.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver())
        .WithAddedModifier(RequiredValues.Modify);
});
// A body or parameter that does not bind is thrown (not only logged) in every environment, so ProblemExceptionHandler names the field.
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
builder.Services.AddValidation();
builder.Services.AddAppOpenApi();
builder.Services.AddOutputCache(o =>
{
    // Reads that do not depend on the caller are shared by every caller (signed in too), and scoped lists are kept
    // per caller, each for seconds and never past a write on this node (ReadCaching); auction state for anonymous readers only.
    ReadCaching.AddPolicies(o, OrganizationsApi.PublicCache);
    o.AddPolicy(AuctionsApi.PublicCache, p => p.Expire(TimeSpan.FromSeconds(5)).SetVaryByQuery("*"));
    o.AddPolicy(PublicPages.Cache, new PublicPagePolicy());
});
// Chinese text stays as UTF-8 in pages instead of one &#x..; entity per character (about 3x smaller HTML).
builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
builder.Services.AddScoped<DemoDistrict>();
builder.Services.AddScoped<ImportService>();
builder.Services.AddAppUi();
builder.Services.AddAppIdempotency();

var app = builder.Build();

await DatabaseSetup.MigrateAsync(app.Services);
if (DemoMode.IsEnabled(app))
{
    await using var scope = app.Services.CreateAsyncScope();
    await scope.ServiceProvider.GetRequiredService<DemoDistrict>().LoadIfEmptyAsync();
}

app.UseAppWebSecurity();
app.UseExceptionHandler();
// The API answers every bare error status with ProblemDetails; pages show a Chinese status page instead.
app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
app.UseOpen311StatusCodes();
app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api") && !c.Request.Path.StartsWithSegments(Open311Api.Base),
    pages => pages.UseStatusCodePagesWithReExecute("/status/{0}", createScopeForStatusCodePages: true));
app.UseRequestTextGuard();
// Routing runs after the status-code pages so that a re-executed request is routed again.
app.UseRouting();
if (!app.Environment.IsDevelopment()) app.UseHsts();
app.UseAppLocalization();
app.UseAuthentication();
app.UseSessionCheck();
app.UseSameOriginForCookieWrites();
app.UseRateLimiter();
app.UseAuthorization();
app.UseAppIdempotency(); // after authentication: keys are per caller
app.UseOutputCache();
app.UseAntiforgery();

app.MapGet("/healthz", () => TypedResults.Ok(new { status = "ok" })).WithTags("Health").AllowAnonymous();
app.MapAppOpenApi();
app.MapAccounts();
app.MapStats();
app.MapOrganizations();
app.MapCommittees();
app.MapRegisters();
app.MapMembers();
app.MapImports();
app.MapExports();
app.MapMenus();
app.MapOrders();
app.MapInbox();
app.MapTodo();
app.MapRounds();
app.MapAuctions();
app.MapContracts();
app.MapPersonalContracts();
app.MapServiceMenu();
app.MapProjects();
app.MapServiceDesk();
app.MapOpen311();
app.MapCertificates();
app.MapCultureSwitch();
app.MapAppUi();

app.Run();

/// <summary>Entry point, visible to the test host.</summary>
public partial class Program;
