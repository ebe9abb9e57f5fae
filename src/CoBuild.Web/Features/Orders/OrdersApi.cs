using CoBuild.Web.Features.Menus;
using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using CoBuild.Web.Infrastructure.ErrorHandling;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CoBuild.Web.Features.Orders;

public sealed record StepRequest([property: System.ComponentModel.DataAnnotations.StringLength(500)] string? Note, DateOnly? ScheduledOn);

internal static class OrdersApi
{
    public static IEndpointRouteBuilder MapOrders(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("/api/v1/orders").WithTags("Orders").RequireAuthorization(Policies.SignedIn);
        orders.MapGet("/", List);
        orders.MapGet("/{id:int}", async (int id, AppDbContext db, Caller caller, CancellationToken ct) =>
            TypedResults.Ok(await OrderQueries.VisibleAsync(db, caller, id, ct)));
        orders.MapPost("/{id:int}/{action}", Step);
        return app;
    }

    private static async Task<Ok<MenuPage<OrderItem>>> List(AppDbContext db, Caller caller, OrderKind? kind, OrderStatus? status, OrderWaiting? waiting,
        int? page, int? pageSize, CancellationToken ct)
    {
        var query = waiting is { } w ? OrderQueries.Waiting(db, caller, w) : OrderQueries.Mine(db, caller);
        if (kind is { } k) query = query.Where(o => o.Kind == k);
        if (status is { } s) query = query.Where(o => o.Status == s);
        var f = new MenuFilter(Page: page, PageSize: pageSize);
        return TypedResults.Ok(await MenuQueries.PageAsync(OrderQueries.Project(db, query.OrderByDescending(o => o.UpdatedAt).ThenByDescending(o => o.Id)), f, ct));
    }

    private static async Task<Ok<OrderItem>> Step(int id, string action, StepRequest? request, AppDbContext db, Caller caller, TimeProvider clock, CancellationToken ct)
    {
        if (!Enum.TryParse<OrderAction>(action, true, out var step) || !Enum.IsDefined(step) || action.Contains(',') || int.TryParse(action, out _))
            throw new InvalidInput("action", "操作只能是 accept、decline、schedule、deliver、confirm 或 cancel。");
        await OrderEdits.StepAsync(db, caller, id, step, request?.Note, request?.ScheduledOn, clock.GetUtcNow(), ct);
        return TypedResults.Ok(await OrderQueries.ItemAsync(db, id, ct));
    }
}
