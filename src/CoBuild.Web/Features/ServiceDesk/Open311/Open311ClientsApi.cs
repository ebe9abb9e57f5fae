using CoBuild.Web.Features.Audit;
using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using CoBuild.Web.Infrastructure.ErrorHandling;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Web.Features.ServiceDesk.Open311;

public sealed record Open311ClientInput(string Name);

public sealed record Open311ClientView(int Id, string Name, string KeyPrefix, bool Active, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt);

/// <summary>The only answer that carries the key: the district admin passes it to the app and it is not shown again.</summary>
public sealed record IssuedOpen311Client(int Id, string Name, string KeyPrefix, string ApiKey, DateTimeOffset CreatedAt);

/// <summary>The district administrator issues and withdraws the API keys of the apps that file requests through Open311.</summary>
internal static class Open311ClientsApi
{
    private const string Entity = "open311-client";

    public static IEndpointRouteBuilder MapOpen311Clients(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/open311-clients").WithTags("ServiceDesk").RequireAuthorization(Policies.DistrictAdmin);
        api.MapGet("/", async (AppDbContext db, Caller caller, CancellationToken ct) => TypedResults.Ok(await db.Open311Clients.AsNoTracking()
            .Where(c => c.DistrictId == caller.DistrictId).OrderByDescending(c => c.Active).ThenBy(c => c.Id)
            .Select(c => new Open311ClientView(c.Id, c.Name, c.KeyPrefix, c.Active, c.CreatedBy, c.CreatedAt, c.LastUsedAt)).ToListAsync(ct)))
            .WithName("listGeoReportClients"); // operationIds are letters only: "Open311" would not do
        api.MapPost("/", Issue).WithName("createGeoReportClient");
        api.MapDelete("/{id:int}", Deactivate).WithName("deleteGeoReportClient");
        return app;
    }

    private static async Task<Created<IssuedOpen311Client>> Issue(Open311ClientInput input, AppDbContext db, Caller caller, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var (client, key) = Open311Client.Issue(caller.DistrictId, input.Name, now, caller.UserName);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Open311Clients.Add(client);
        await db.SaveChangesAsync(ct);
        await AuditTrail.AppendAsync(db, client.DistrictId, caller.UserName, now, new AuditEvent(Entity, client.Id, "issue", null, new { client.Name, client.KeyPrefix }), ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/v1/open311-clients/{client.Id}", new IssuedOpen311Client(client.Id, client.Name, client.KeyPrefix, key, client.CreatedAt));
    }

    /// <summary>Withdraws the key at once; the requests the app filed stay. Withdrawing twice changes nothing.</summary>
    private static async Task<NoContent> Deactivate(int id, AppDbContext db, Caller caller, TimeProvider clock, CancellationToken ct)
    {
        var client = await db.Open311Clients.FirstOrDefaultAsync(c => c.Id == id && c.DistrictId == caller.DistrictId, ct)
            ?? throw new UnknownId("接入应用不存在。");
        if (!client.Active) return TypedResults.NoContent();
        var now = clock.GetUtcNow();
        client.Deactivate();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await AuditTrail.AppendAsync(db, client.DistrictId, caller.UserName, now, new AuditEvent(Entity, client.Id, "deactivate", new { Active = true }, new { Active = false }), ct);
        await tx.CommitAsync(ct);
        return TypedResults.NoContent();
    }
}
