using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using CoBuild.Web.Infrastructure.ErrorHandling;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Web.Features.Inbox;

public sealed record InboxMessage(long Id, string Title, string Body, string Link, DateTimeOffset CreatedAt, bool Read);
public sealed record UnreadCount(int Unread);

internal static class InboxApi
{
    public static IEndpointRouteBuilder MapInbox(this IEndpointRouteBuilder app)
    {
        var inbox = app.MapGroup("/api/v1/inbox").WithTags("Inbox").RequireAuthorization(Policies.SignedIn);
        inbox.MapGet("/", async (AppDbContext db, Caller caller, bool? unread, CancellationToken ct) =>
            TypedResults.Ok(await ListAsync(db, caller, unread == true, 100, ct)));
        inbox.MapGet("/unread-count", async (AppDbContext db, Caller caller, CancellationToken ct) =>
            TypedResults.Ok(new UnreadCount(await UnreadAsync(db, caller, ct))));
        inbox.MapPost("/{id:long}/read", MarkRead);
        inbox.MapPost("/read-all", async (AppDbContext db, Caller caller, TimeProvider clock, CancellationToken ct) =>
        {
            await MarkAllReadAsync(db, caller, clock.GetUtcNow(), null, ct);
            return TypedResults.NoContent();
        });
        return app;
    }

    /// <summary>A unit's representatives read the unit's inbox; staff read the inbox of their scope node; a member their own.</summary>
    public static IQueryable<Notification> For(AppDbContext db, Caller caller) =>
        caller.UnitId is { } unitId ? db.Notifications.Where(n => n.UnitId == unitId)
        : caller.Role == Roles.PartyMember && caller.PartyMemberId is { } member ? db.Notifications.Where(n => n.PartyMemberId == member)
        : caller.IsStaff && caller.ScopeOrgUnitId is { } node ? db.Notifications.Where(n => n.OrgUnitId == node)
        : db.Notifications.Where(n => false);

    /// <summary>Marks the side's unread messages read: all of them, or those about one page (<paramref name="link"/>).</summary>
    public static Task<int> MarkAllReadAsync(AppDbContext db, Caller caller, DateTimeOffset now, string? link, CancellationToken ct) =>
        For(db, caller).Where(n => n.ReadAt == null && (link == null || n.Link == link)).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);

    public static Task<int> UnreadAsync(AppDbContext db, Caller caller, CancellationToken ct) => For(db, caller).CountAsync(n => n.ReadAt == null, ct);

    public static Task<List<InboxMessage>> ListAsync(AppDbContext db, Caller caller, bool unreadOnly, int take, CancellationToken ct) =>
        For(db, caller).AsNoTracking().Where(n => !unreadOnly || n.ReadAt == null).OrderByDescending(n => n.Id).Take(take)
            .Select(n => new InboxMessage(n.Id, n.Title, n.Body, n.Link, n.CreatedAt, n.ReadAt != null)).ToListAsync(ct);

    private static async Task<NoContent> MarkRead(long id, AppDbContext db, Caller caller, TimeProvider clock, CancellationToken ct)
    {
        var n = await For(db, caller).FirstOrDefaultAsync(n => n.Id == id, ct) ?? throw new UnknownId("消息不存在。");
        n.MarkRead(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}
