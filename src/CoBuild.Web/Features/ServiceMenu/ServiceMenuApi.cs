using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Web.Features.ServiceMenu;

/// <summary>A community's service menu under /api/v1/service-menu; who may read or write is decided in <see cref="ServiceMenuEdits"/>.</summary>
internal static class ServiceMenuApi
{
    public static IEndpointRouteBuilder MapServiceMenu(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/service-menu").WithTags("ServiceMenu").RequireAuthorization(Policies.StaffOrPartyMember);
        api.MapGet("/", async (int? community, AppDbContext db, Caller caller, CancellationToken ct) =>
            TypedResults.Ok(await ServiceMenuEdits.ListAsync(db, caller, community, ct)));
        api.MapPost("/", async (ServiceItemRequest request, AppDbContext db, Caller caller, TimeProvider clock, CancellationToken ct) =>
        {
            var item = await ServiceMenuEdits.AddAsync(db, caller, request, clock.GetUtcNow(), ct);
            return TypedResults.Created($"/api/v1/service-menu?community={item.CommunityId}", await Row(db, item.Id, ct));
        }).RequireAuthorization(Policies.Staff);
        api.MapPut("/{id:int}", async (int id, ServiceItemRequest request, AppDbContext db, Caller caller, TimeProvider clock, CancellationToken ct) =>
        {
            var item = await ServiceMenuEdits.EditAsync(db, caller, id, request, clock.GetUtcNow(), ct);
            return TypedResults.Ok(await Row(db, item.Id, ct));
        }).RequireAuthorization(Policies.Staff);
        return app;
    }

    private static Task<ServiceItemRow> Row(AppDbContext db, int id, CancellationToken ct) =>
        ServiceMenuEdits.Rows(db.ServiceItems.Where(s => s.Id == id)).SingleAsync(ct);
}
