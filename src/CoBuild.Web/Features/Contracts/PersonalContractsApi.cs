using CoBuild.Web.Features.Exports;
using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using CoBuild.Web.Infrastructure.ErrorHandling;
using Microsoft.EntityFrameworkCore;
using CoBuild.Web.Infrastructure.OpenApi;

namespace CoBuild.Web.Features.Contracts;

public sealed record MenuChoice(int Id, string Title, string Category, string? Description);

/// <summary>人人契约 under /api/v1/personal-contracts and the signing campaigns under /api/v1/signing-campaigns.</summary>
internal static class PersonalContractsApi
{
    public static IEndpointRouteBuilder MapPersonalContracts(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/personal-contracts").WithTags("PersonalContracts").RequireAuthorization(Policies.StaffOrPartyMember);
        api.MapGet("/", async ([AsParameters] PersonalFilter f, AppDbContext db, Caller caller, CancellationToken ct) =>
            TypedResults.Ok(await PersonalQueries.ListAsync(db, caller, f, ct)));
        api.MapGet("/export", async ([AsParameters] PersonalFilter f, AppDbContext db, Caller caller, TimeProvider clock, CancellationToken ct) =>
            ExportsApi.Workbook("人人契约名册", await ContractSheets.PersonalContractsAsync(db, caller, f, ct), clock)).ProducesFile(ApiFiles.Xlsx);
        api.MapGet("/menu", async (AppDbContext db, Caller caller, CancellationToken ct) => TypedResults.Ok(await MenuAsync(db, caller, ct))).RequireAuthorization(Policies.PartyMember);
        api.MapPost("/", async (PersonalSignRequest request, AppDbContext db, Caller caller, TimeProvider clock, CancellationToken ct) =>
        {
            var c = await PersonalContractEdits.SignAsync(db, caller, request, clock.GetUtcNow(), ct);
            return TypedResults.Created($"/api/v1/personal-contracts/{c.Id}", await PersonalQueries.DetailAsync(db, caller, c.Id, ct));
        }).RequireAuthorization(Policies.PartyMember);
        api.MapGet("/campaign", async (int? community, int? year, AppDbContext db, Caller caller, TimeProvider clock, CancellationToken ct) =>
            TypedResults.Ok(await PersonalQueries.CampaignOfAsync(db, caller, community, year ?? Components.Display.Day(clock.GetUtcNow()).Year, ct)
                ?? throw new UnknownId("该社区本年度没有签约活动。")));
        api.MapGet("/{id:int}", async (int id, AppDbContext db, Caller caller, CancellationToken ct) =>
            TypedResults.Ok(await PersonalQueries.DetailAsync(db, caller, id, ct)));
        api.MapPost("/{id:int}/logs", LogService).RequireAuthorization(Policies.PartyMember).DisableAntiforgery().AcceptsUpload("photo", fields: typeof(ServiceLogInput));
        api.MapGet("/logs", async (int? community, ServiceLogStatus? status, int? page, int? pageSize, AppDbContext db, Caller caller, CancellationToken ct) =>
            TypedResults.Ok(await PersonalQueries.LogListAsync(db, caller, community, status, page, pageSize, ct))).RequireAuthorization(Policies.Staff);
        api.MapPost("/logs/{logId:long}/{answer}", async (long logId, string answer, AnswerRequest? request, AppDbContext db, Caller caller, TimeProvider clock, CancellationToken ct) =>
        {
            var log = await PersonalContractEdits.AnswerAsync(db, caller, logId, AnswerRequest.Confirms(answer), request?.Note, clock.GetUtcNow(), ct);
            return TypedResults.Ok(new { log.Id, log.Status, log.Hours });
        }).RequireAuthorization(Policies.Staff);
        api.MapPost("/{id:int}/grade", async (int id, GradeRequest request, AppDbContext db, Caller caller, TimeProvider clock, CancellationToken ct) =>
        {
            await PersonalContractEdits.GradeAsync(db, caller, id, request, clock.GetUtcNow(), ct);
            return TypedResults.Ok(await PersonalQueries.DetailAsync(db, caller, id, ct));
        }).RequireAuthorization(Policies.Staff);
        api.MapPost("/{id:int}/terminate", async (int id, EndRequest? request, AppDbContext db, Caller caller, TimeProvider clock, CancellationToken ct) =>
        {
            await PersonalContractEdits.TerminateAsync(db, caller, id, request?.Reason, clock.GetUtcNow(), ct);
            return TypedResults.Ok(await PersonalQueries.DetailAsync(db, caller, id, ct));
        });

        var campaigns = app.MapGroup("/api/v1/signing-campaigns").WithTags("PersonalContracts").RequireAuthorization(Policies.Staff);
        campaigns.MapGet("/", async (AppDbContext db, Caller caller, CancellationToken ct) => TypedResults.Ok(await PersonalQueries.CampaignsAsync(db, caller, ct)));
        campaigns.MapPost("/", async (CampaignRequest request, AppDbContext db, Caller caller, TimeProvider clock, CancellationToken ct) =>
        {
            var c = await PersonalQueries.CreateCampaignAsync(db, caller, request, clock.GetUtcNow(), ct);
            return TypedResults.Created($"/api/v1/signing-campaigns/{c.Id}", await PersonalQueries.ProgressAsync(db, caller, c.Id, ct));
        });
        campaigns.MapGet("/{id:int}", async (int id, AppDbContext db, Caller caller, CancellationToken ct) =>
            TypedResults.Ok(await PersonalQueries.ProgressAsync(db, caller, id, ct)));
        campaigns.MapGet("/{id:int}/unsigned", async (int id, int? page, int? pageSize, AppDbContext db, Caller caller, CancellationToken ct) =>
            TypedResults.Ok(await PersonalQueries.UnsignedAsync(db, caller, id, page, pageSize, ct)));
        campaigns.MapPost("/{id:int}/remind", async (int id, AppDbContext db, Caller caller, TimeProvider clock, CancellationToken ct) =>
            TypedResults.Ok(new { reminded = await PersonalQueries.RemindAsync(db, caller, id, clock.GetUtcNow(), ct) }));
        return app;
    }

    /// <summary>The services a member may choose: the active service menu of the community they reported to.</summary>
    public static async Task<List<MenuChoice>> MenuAsync(AppDbContext db, Caller caller, CancellationToken ct)
    {
        if (caller.PartyMemberId is not { } memberId) throw new Forbidden("服务菜单供党员签署人人契约时选择。");
        var community = await db.MemberRegistrations.AsNoTracking().Where(r => r.PartyMemberId == memberId).Select(r => r.Community).FirstOrDefaultAsync(ct)
            ?? throw new RuleViolation("您还没有到居住地社区报到（双报到）。");
        return await PersonalContractEdits.Menu(db, community!).AsNoTracking().OrderBy(s => s.Id)
            .Select(s => new MenuChoice(s.Id, s.Title, s.Category, s.Description)).Take(60).ToListAsync(ct);
    }

    private static async Task<IResult> LogService(int id, Caller caller, HttpRequest request, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        ServiceLogInput input;
        IFormFile? photo = null;
        if (request.HasFormContentType)
        {
            var form = await Files.Uploads.FormAsync(request, "photo", ct);
            input = new ServiceLogInput(DateOnly.TryParse(form["on"], out var on) ? on : null, decimal.TryParse(form["hours"], out var h) ? h : 0, form["what"].ToString());
            photo = form.Files.GetFile("photo");
        }
        else input = await Files.Uploads.JsonAsync<ServiceLogInput>(request, "what", ct);
        var log = await PersonalContractEdits.LogAsync(db, caller, id, input, photo, clock, ct);
        return TypedResults.Created($"/api/v1/personal-contracts/{id}", new { log.Id, log.On, log.Hours, log.Status });
    }
}
