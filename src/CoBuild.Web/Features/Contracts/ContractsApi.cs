using System.Security.Claims;
using CoBuild.Web.Features.Audit;
using CoBuild.Web.Features.Exports;
using CoBuild.Web.Features.Files;
using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using CoBuild.Web.Infrastructure.ErrorHandling;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using CoBuild.Web.Infrastructure.OpenApi;

namespace CoBuild.Web.Features.Contracts;

public sealed record SignRequest(string? ContentHash);
public sealed record EndRequest([property: System.ComponentModel.DataAnnotations.StringLength(500)] string? Reason);
public sealed record AnswerRequest([property: System.ComponentModel.DataAnnotations.StringLength(500)] string? Note)
{
    /// <summary>The step in the route of a delivery or service-log answer: confirm or return.</summary>
    public static bool Confirms(string answer) => answer switch
    {
        "confirm" => true, "return" => false, _ => throw new InvalidInput("answer", "只能 confirm（确认）或 return（退回）。"),
    };
}
public sealed record EvaluationRequest(int? Period, int Score, [property: System.ComponentModel.DataAnnotations.StringLength(500)] string? Comment);

/// <summary>共建协议 under /api/v1/org-contracts, the evidence files and the audit check.</summary>
internal static class ContractsApi
{
    public static IEndpointRouteBuilder MapContracts(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/org-contracts").WithTags("OrgContracts").RequireAuthorization(Policies.StaffOrPartnerUnit);
        api.MapGet("/", async ([AsParameters] ContractFilter f, AppDbContext db, Caller caller, CancellationToken ct) =>
            TypedResults.Ok(await ContractQueries.ListAsync(db, caller, f, ct)));
        api.MapGet("/export", async ([AsParameters] ContractFilter f, AppDbContext db, Caller caller, TimeProvider clock, CancellationToken ct) =>
            ExportsApi.Workbook("共建协议台账", await ContractSheets.OrgContractsAsync(db, caller, f, ct), clock)).ProducesFile(ApiFiles.Xlsx);
        api.MapGet("/partners", async (int? street, AppDbContext db, Caller caller, CancellationToken ct) =>
            TypedResults.Ok(await ContractQueries.PartnersAsync(db, caller, street, ct))).RequireAuthorization(Policies.Staff);
        api.MapPost("/", async (ContractInput input, AppDbContext db, Caller caller, TimeProvider clock, CancellationToken ct) =>
        {
            var k = await ContractEdits.CreateAsync(db, caller, input, clock.GetUtcNow(), ct);
            return TypedResults.Created($"/api/v1/org-contracts/{k.Id}", await ContractQueries.DetailAsync(db, caller, k.Id, ct));
        });
        api.MapGet("/{id:int}", async (int id, AppDbContext db, Caller caller, HttpContext http, CancellationToken ct) =>
        {
            var detail = await ContractQueries.DetailAsync(db, caller, id, ct);
            var k = detail.Contract;
            http.Response.Headers.ETag = ContractTag.Of(detail);
            return TypedResults.Ok(detail);
        });
        api.MapPut("/{id:int}", async (int id, ContractInput input, AppDbContext db, Caller caller, TimeProvider clock, CancellationToken ct) =>
        {
            await ContractEdits.EditAsync(db, caller, id, input, clock.GetUtcNow(), ct);
            return TypedResults.Ok(await ContractQueries.DetailAsync(db, caller, id, ct));
        });
        api.MapGet("/{id:int}/audit", async (int id, AppDbContext db, Caller caller, CancellationToken ct) =>
        {
            // The page shows the timeline; the rows behind it (login names, hashes) are for whoever checks the chain.
            await ContractEdits.VisibleAsync(db, caller, id, ct);
            return TypedResults.Ok(await ContractQueries.RawHistory(db, ContractEdits.Entity, id, ct));
        }).RequireAuthorization(Policies.DistrictAdmin);
        api.MapGet("/{id:int}/versions/{number:int}", async (int id, int number, AppDbContext db, Caller caller, CancellationToken ct) =>
        {
            await ContractEdits.VisibleAsync(db, caller, id, ct);
            var v = await db.ContractVersions.AsNoTracking().FirstOrDefaultAsync(v => v.ContractId == id && v.Number == number, ct) ?? throw new UnknownId("该版本不存在。");
            return TypedResults.Ok(new { v.Number, v.ContentHash, v.Reason, v.CreatedAt, v.EnactedAt, content = ContractText.Read(v.Content) });
        });
        api.MapGet("/{id:int}/pdf", async (int id, int? version, AppDbContext db, Caller caller, HttpContext http, IConfiguration config, TimeProvider clock, CancellationToken ct) =>
        {
            var baseUrl = config["App:PublicUrl"] is { Length: > 0 } u ? u : $"{http.Request.Scheme}://{http.Request.Host}";
            var (pdf, name) = await ContractPrint.PdfAsync(db, caller, id, version, baseUrl, config["Pdf:FontPath"] ?? ContractPrint.DefaultFont, clock.GetUtcNow(), ct);
            return TypedResults.File(pdf, "application/pdf", name);
        }).ProducesFile(ApiFiles.Pdf);
        app.MapGet("/api/v1/verify/{hash}", async (string hash, AppDbContext db, CancellationToken ct) =>
            await ContractPrint.VerifyAsync(db, hash, ct) is { } v ? Results.Ok(v) : throw new UnknownId("没有找到这份协议：编码不正确，或文件不是本平台出具的。"))
            .WithTags("OrgContracts").AllowAnonymous();
        api.MapPost("/{id:int}/sign", async (int id, SignRequest? request, [FromHeader(Name = "If-Match")] string? ifMatch, AppDbContext db, Caller caller, HttpContext http,
            TimeProvider clock, CancellationToken ct) =>
        {
            var s = await ContractEdits.SignAsync(db, caller, id, ifMatch, request?.ContentHash, SignerName(http.User), clock.GetUtcNow(), ct);
            return TypedResults.Ok(new SignatureRow(s.Version, s.Side, OrgContract.SideName(s.Side), s.UserName, s.SignerName, s.ContentHash, s.SignedAt));
        });
        api.MapPost("/{id:int}/amendments", async (int id, AmendmentInput input, AppDbContext db, Caller caller, TimeProvider clock, CancellationToken ct) =>
        {
            var v = await ContractEdits.AmendAsync(db, caller, id, input, clock.GetUtcNow(), ct);
            return TypedResults.Created($"/api/v1/org-contracts/{id}/versions/{v.Number}", new { v.Number, v.ContentHash, v.Reason });
        });
        api.MapPost("/{id:int}/terminate", async (int id, EndRequest? request, AppDbContext db, Caller caller, TimeProvider clock, CancellationToken ct) =>
        {
            await ContractEdits.EndAsync(db, caller, id, ContractStatus.Terminated, request?.Reason, clock.GetUtcNow(), ct);
            return TypedResults.Ok(await ContractQueries.DetailAsync(db, caller, id, ct));
        });
        api.MapPost("/{id:int}/complete", async (int id, EndRequest? request, AppDbContext db, Caller caller, TimeProvider clock, CancellationToken ct) =>
        {
            await ContractEdits.EndAsync(db, caller, id, ContractStatus.Completed, request?.Reason, clock.GetUtcNow(), ct);
            return TypedResults.Ok(await ContractQueries.DetailAsync(db, caller, id, ct));
        });
        api.MapPost("/{id:int}/commitments/{cid:int}/deliveries", RecordDelivery).DisableAntiforgery().AcceptsUpload("file", multiple: true, fields: typeof(DeliveryInput));
        api.MapPost("/{id:int}/deliveries/{did:int}/{answer}", async (int id, int did, string answer, AnswerRequest? request, AppDbContext db, Caller caller,
            TimeProvider clock, CancellationToken ct) =>
        {
            var d = await DeliveryEdits.AnswerAsync(db, caller, id, did, AnswerRequest.Confirms(answer), request?.Note, clock, ct);
            return TypedResults.Ok(new { d.Id, d.Status, d.AnsweredBy, d.AnswerNote });
        });
        api.MapPost("/{id:int}/evaluations", async (int id, EvaluationRequest request, AppDbContext db, Caller caller, TimeProvider clock, CancellationToken ct) =>
        {
            var e = await ContractEdits.EvaluateAsync(db, caller, id, request.Period, request.Score, request.Comment, clock, ct);
            return TypedResults.Created($"/api/v1/org-contracts/{id}", new EvaluationRow(e.Period, e.RaterSide, e.Score, e.Comment, e.CreatedBy, e.CreatedAt));
        });
        api.MapPost("/overdue-sweep", async (AppDbContext db, Caller caller, TimeProvider clock, CancellationToken ct) =>
        {
            return TypedResults.Ok(await OverdueSweep.RunAsync(db, clock, ct));
        }).RequireAuthorization(Policies.DistrictAdmin);

        app.MapGet("/api/v1/files/{id:int}", DownloadFile).WithTags("Files").AllowAnonymous().ProducesFile("application/octet-stream");
        app.MapGet("/api/v1/audit/verify", async (long? seq, string? hash, AppDbContext db, Caller caller, CancellationToken ct) =>
        {
            return TypedResults.Ok(await AuditTrail.VerifyAsync(db, caller.DistrictId, ct, Checkpoint(seq, hash)));
        }).WithTags("Audit").RequireAuthorization(Policies.DistrictAdmin);
        app.MapGet("/api/v1/audit/checkpoint", async (AppDbContext db, Caller caller, TimeProvider clock, CancellationToken ct) =>
        {
            return TypedResults.Ok(await AuditTrail.CheckpointAsync(db, caller.DistrictId, clock.GetUtcNow(), ct));
        }).WithTags("Audit").RequireAuthorization(Policies.DistrictAdmin);
        return app;
    }

    /// <summary>A checkpoint given as <c>?seq=&amp;hash=</c>: both or neither.</summary>
    private static (long, string)? Checkpoint(long? seq, string? hash)
    {
        if (seq is null && hash is null) return null;
        if (seq is not >= 0) throw new InvalidInput("seq", "校验点序号须为 0 或正整数。");
        if (hash is not { Length: 64 } || !hash.All(char.IsAsciiHexDigit)) throw new InvalidInput("hash", "校验码须为 64 位十六进制字符。");
        return (seq.Value, hash);
    }

    public static string SignerName(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.GivenName) is { Length: > 0 } n ? n : user.Identity?.Name ?? "";

    /// <summary>JSON, or multipart with the same fields plus evidence files under "file".</summary>
    private static async Task<IResult> RecordDelivery(int id, int cid, Caller caller, HttpRequest request, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        DeliveryInput input;
        IReadOnlyList<IFormFile> files = [];
        if (request.HasFormContentType)
        {
            if (request.ContentLength > (Files.StoredFile.MaxBytes + 64 * 1024) * DeliveryEdits.MaxFiles)
                throw new InvalidInput("file", $"附件过大：{Files.StoredFile.Limit}，每条记录最多 {DeliveryEdits.MaxFiles} 个。");
            var form = await Uploads.FormAsync(request, "file", ct);
            input = new DeliveryInput(DateOnly.TryParse(form["on"], out var on) ? on : null, form["description"].ToString(),
                decimal.TryParse(form["quantity"], out var q) ? q : null, form["quantityUnit"].ToString() is { Length: > 0 } u ? u : null,
                form["completes"].ToString() is "true" or "on" or "1");
            files = form.Files.GetFiles("file");
        }
        else input = await Uploads.JsonAsync<DeliveryInput>(request, "description", ct);
        var d = await DeliveryEdits.RecordAsync(db, caller, id, cid, input, files, clock, ct);
        return TypedResults.Created($"/api/v1/org-contracts/{id}", new { d.Id, d.CommitmentId, d.On, d.Status });
    }

    /// <summary>A file is served to whoever may see what it belongs to.</summary>
    private static async Task<IResult> DownloadFile(int id, AppDbContext db, Caller? caller, CancellationToken ct)
    {
        var meta = await db.Files.AsNoTracking().Where(f => f.Id == id).Select(f => new { f.Owner, f.OwnerId }).FirstOrDefaultAsync(ct) ?? throw new UnknownId("文件不存在。");
        if (caller is null && meta.Owner != "project") return TypedResults.Unauthorized();
        switch (meta.Owner)
        {
            case "delivery":
                var contractId = await db.Deliveries.Where(d => d.Id == meta.OwnerId).Select(d => d.ContractId).SingleAsync(ct);
                await ContractEdits.VisibleAsync(db, caller!, contractId, ct);
                break;
            case "service":
                await PersonalContractEdits.VisibleLogAsync(db, caller!, meta.OwnerId, ct);
                break;
            case "project":
                break; // project documents and photos are public, like the project page
            default:
                throw new UnknownId("文件不存在。");
        }
        var file = await db.Files.AsNoTracking().SingleAsync(f => f.Id == id, ct);
        // Named by the detected type also for files stored before names were (nosniff comes with every response).
        return TypedResults.File(file.Content, file.ContentType, StoredFile.NameFor(file.Name, file.ContentType));
    }
}
