using CoBuild.Web.Features.Organizations;
using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using CoBuild.Web.Infrastructure.ErrorHandling;
using CoBuild.Web.Infrastructure.OpenApi;

namespace CoBuild.Web.Features.Projects;

/// <summary>项目化管理 under /api/v1/projects (the list itself is with the menus: GET /api/v1/projects).</summary>
public sealed record UploadedDocument(int Id, string Name, string ContentType, int Length);

internal static class ProjectsApi
{
    public static IEndpointRouteBuilder MapProjects(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/projects").WithTags("Projects");
        api.MapGet("/{id:int}", async (int id, AppDbContext db, CancellationToken ct) => TypedResults.Ok(await ProjectQueries.DetailAsync(db, id, ct)))
            .AllowAnonymous().CacheOutput(OrganizationsApi.PublicCache);
        var managed = api.MapGroup("").RequireAuthorization(Policies.Staff);
        managed.MapPost("/", async (CreateProject input, AppDbContext db, Caller caller, TimeProvider clock, CancellationToken ct) =>
        {
            var p = await ProjectEdits.CreateAsync(db, caller, input, clock.GetUtcNow(), ct);
            return TypedResults.Created($"/api/v1/projects/{p.Id}", await ProjectQueries.DetailAsync(db, p.Id, ct));
        });
        managed.MapPost("/{id:int}/participants", (int id, ParticipantInput input, AppDbContext db, Caller caller, TimeProvider clock, CancellationToken ct) =>
            Done(db, id, ct, ProjectEdits.AddParticipantAsync(db, caller, id, input, clock.GetUtcNow(), ct)));
        managed.MapPost("/{id:int}/milestones", (int id, MilestoneInput input, AppDbContext db, Caller caller, TimeProvider clock, CancellationToken ct) =>
            Done(db, id, ct, ProjectEdits.AddMilestoneAsync(db, caller, id, input, clock.GetUtcNow(), ct)));
        managed.MapPost("/{id:int}/milestones/{mid:int}/done", (int id, int mid, AppDbContext db, Caller caller, TimeProvider clock, CancellationToken ct) =>
            Done(db, id, ct, ProjectEdits.CompleteMilestoneAsync(db, caller, id, mid, clock, ct)));
        managed.MapPost("/{id:int}/budget", (int id, BudgetInput input, AppDbContext db, Caller caller, TimeProvider clock, CancellationToken ct) =>
            Done(db, id, ct, ProjectEdits.AddBudgetAsync(db, caller, id, input, clock.GetUtcNow(), ct)));
        managed.MapPost("/{id:int}/progress", (int id, ProgressInput input, AppDbContext db, Caller caller, TimeProvider clock, CancellationToken ct) =>
            Done(db, id, ct, ProjectEdits.ProgressAsync(db, caller, id, input, clock.GetUtcNow(), ct)));
        managed.MapPost("/{id:int}/accept", (int id, AcceptInput? input, AppDbContext db, Caller caller, TimeProvider clock, CancellationToken ct) =>
            Done(db, id, ct, ProjectEdits.AcceptAsync(db, caller, id, input ?? new AcceptInput(null), clock.GetUtcNow(), ct)));
        // Anyone of the district who saw the result rates it.
        api.MapPost("/{id:int}/ratings", async (int id, RatingInput input, AppDbContext db, Caller caller, TimeProvider clock, CancellationToken ct) =>
        {
            await ProjectEdits.RateAsync(db, caller, id, input, clock.GetUtcNow(), ct);
            return TypedResults.Created($"/api/v1/projects/{id}", await ProjectQueries.DetailAsync(db, id, ct));
        }).RequireAuthorization(Policies.SignedIn);
        managed.MapPost("/{id:int}/documents", async (int id, Caller caller, HttpRequest request, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
        {
            if (!request.HasFormContentType) throw new InvalidInput("file", "请以 multipart/form-data 上传，字段名 file。");
            var files = (await Files.Uploads.FormAsync(request, "file", ct)).Files.GetFiles("file");
            var stored = await ProjectEdits.AttachAsync(db, caller, id, files, clock.GetUtcNow(), ct);
            return TypedResults.Created($"/api/v1/projects/{id}", stored.Select(f => new UploadedDocument(f.Id, f.Name, f.ContentType, f.Length)).ToList());
        }).DisableAntiforgery().AcceptsUpload("file", multiple: true);
        return app;
    }

    private static async Task<IResult> Done(AppDbContext db, int id, CancellationToken ct, Task<Project> change)
    {
        await change;
        return TypedResults.Ok(await ProjectQueries.DetailAsync(db, id, ct));
    }
}
