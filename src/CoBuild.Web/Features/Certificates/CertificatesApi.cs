using CoBuild.Web.Features.Contracts;
using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using CoBuild.Web.Infrastructure.ErrorHandling;
using CoBuild.Web.Infrastructure.OpenApi;

namespace CoBuild.Web.Features.Certificates;

/// <summary>The district's certificate whitelist and the certificates communities issue under it.</summary>
internal static class CertificatesApi
{
    public static IEndpointRouteBuilder MapCertificates(this IEndpointRouteBuilder app)
    {
        var whitelist = app.MapGroup("/api/v1/certificate-whitelist").WithTags("Certificates").RequireAuthorization(Policies.Staff);
        whitelist.MapGet("/", async (AppDbContext db, Caller caller, CancellationToken ct) =>
            TypedResults.Ok(await CertificateWhitelist.ViewAsync(db, caller, ct)));
        whitelist.MapGet("/versions", async (AppDbContext db, Caller caller, CancellationToken ct) =>
            TypedResults.Ok(await CertificateWhitelist.HistoryAsync(db, caller, ct)));
        whitelist.MapPost("/versions", async (PublishWhitelistRequest request, AppDbContext db, Caller caller, TimeProvider clock, CancellationToken ct) =>
        {
            var edition = await CertificateWhitelist.PublishAsync(db, caller, request, clock.GetUtcNow(), ct);
            return TypedResults.Created("/api/v1/certificate-whitelist", CertificateWhitelist.View(edition));
        }).RequireAuthorization(Policies.DistrictAdmin);

        var api = app.MapGroup("/api/v1/certificates").WithTags("Certificates").RequireAuthorization(Policies.Staff);
        api.MapGet("/", async (int? community, AppDbContext db, Caller caller, CancellationToken ct) =>
            TypedResults.Ok(await CertificateQueries.ListAsync(db, caller, community, ct)));
        api.MapPost("/", async (IssueCertificateRequest request, AppDbContext db, Caller caller, TimeProvider clock, CancellationToken ct) =>
        {
            var c = await CertificateIssue.IssueAsync(db, caller, request, clock.GetUtcNow(), ct);
            return TypedResults.Created(CertificateQueries.PdfUrl(c.Id), new IssuedCertificate(c.Id, c.Serial, CertificateQueries.PdfUrl(c.Id)));
        }).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        api.MapGet("/{id:int}/pdf", async (int id, AppDbContext db, Caller caller, HttpContext http, IConfiguration config, TimeProvider clock, CancellationToken ct) =>
        {
            var baseUrl = config["App:PublicUrl"] is { Length: > 0 } u ? u : $"{http.Request.Scheme}://{http.Request.Host}";
            var (pdf, name) = await CertificateQueries.PdfAsync(db, caller, id, baseUrl, config["Pdf:FontPath"] ?? ContractPrint.DefaultFont, clock.GetUtcNow(), ct);
            return TypedResults.File(pdf, "application/pdf", name);
        }).ProducesFile(ApiFiles.Pdf);
        api.MapPost("/{id:int}/revoke", async (int id, RevokeCertificateRequest? request, AppDbContext db, Caller caller, TimeProvider clock, CancellationToken ct) =>
        {
            var c = await CertificateIssue.RevokeAsync(db, caller, id, request?.Reason, clock.GetUtcNow(), ct);
            return TypedResults.Ok(new { c.Id, c.Serial, c.RevokedAt, c.RevokeReason });
        });
        app.MapGet("/api/v1/verify/certificate/{token}", async (string token, AppDbContext db, CancellationToken ct) =>
            await CertificateQueries.VerifyAsync(db, token, ct) is { } v ? TypedResults.Ok(v) : throw new UnknownId("没有找到这份证明：编码不正确，或证明不是本平台出具的。"))
            .WithTags("Certificates").AllowAnonymous();
        return app;
    }
}
