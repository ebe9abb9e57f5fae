using System.ComponentModel.DataAnnotations;
using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using CoBuild.Web.Infrastructure.ErrorHandling;
using CoBuild.Web.Infrastructure.PersonalData;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Web.Features.Members;

public sealed record MemberItem(int Id, string Name, string Gender, int BirthYear, string? Occupation, string? WorkUnit, string Community,
    string? Grid, string? Phone, string IdCard, string? Skills, string? ServicePreferences, DateOnly ReportedOn);
public sealed record MemberPage(int Total, int Page, int PageSize, List<MemberItem> Items);
public sealed record RevealRequest([property: Required, RegularExpression("^(idCard|phone)$", ErrorMessage = "field 只能是 idCard 或 phone。")] string Field,
    [property: Required, StringLength(200, MinimumLength = 2)] string Purpose);
public sealed record RevealResponse(int MemberId, string Field, string Value);

internal static class MembersApi
{
    public static IEndpointRouteBuilder MapMembers(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/org-units/{id:int}/members", ListForOrgUnit).WithTags("Members").RequireAuthorization(Policies.Staff);
        app.MapPost("/api/v1/party-members/{id:int}/reveal", Reveal).WithTags("Members").RequireAuthorization(Policies.Staff);
        return app;
    }

    private static async Task<Ok<MemberPage>> ListForOrgUnit(int id, AppDbContext db, Caller caller, string? q, int? page, int? pageSize, CancellationToken ct)
    {
        var node = await db.OrgUnits.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct) ?? throw new UnknownId("组织节点不存在。");
        caller.Require(node);
        var size = Math.Clamp(pageSize ?? 50, 1, 500);
        var number = Math.Clamp(page ?? 1, 1, 100_000); // keeps the offset inside int on every provider
        var query = MemberQueries.Under(db, node.Path, q);
        var total = await query.CountAsync(ct);
        var items = await MemberQueries.Project(query.OrderBy(r => r.Community!.Code).ThenBy(r => r.PartyMemberId).Skip((number - 1) * size).Take(size), caller).ToListAsync(ct);
        return TypedResults.Ok(new MemberPage(total, number, size, items));
    }

    private static async Task<Ok<RevealResponse>> Reveal(int id, RevealRequest request, AppDbContext db, Caller caller, PersonalDataProtector protector, TimeProvider clock, CancellationToken ct) =>
        TypedResults.Ok(await MemberReveal.RevealAsync(db, protector, clock, caller, id, request.Field, request.Purpose, ct));
}

internal static class MemberReveal
{
    /// <summary>An unmasked value, only in scope, only with a stated purpose, and always written to the access log.</summary>
    public static async Task<RevealResponse> RevealAsync(AppDbContext db, PersonalDataProtector protector, TimeProvider clock, Caller caller,
        int memberId, string field, string? purpose, CancellationToken ct)
    {
        if (field is not ("idCard" or "phone")) throw new InvalidInput("field", "field 只能是 idCard 或 phone。");
        purpose = purpose?.Trim() ?? "";
        if (purpose.Length is < 2 or > 200) throw new InvalidInput("purpose", "请说明查看原因（2 到 200 个字）。");
        var member = await db.PartyMembers.Include(m => m.Registration).FirstOrDefaultAsync(m => m.Id == memberId, ct) ?? throw new UnknownId("党员不存在。");
        if (member.Registration is null || !caller.Covers(member.DistrictId, member.Registration.CommunityPath)) throw new Forbidden("该党员不在您的管理范围内。");
        var value = field == "idCard" ? protector.Decrypt(member.IdCardCipher) : member.Phone ?? "";
        db.PersonalDataAccesses.Add(new PersonalDataAccess(caller.DistrictId, caller.UserName, member.Id, field, purpose, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        return new RevealResponse(member.Id, field, value);
    }
}

internal static class MemberQueries
{
    public static IQueryable<MemberRegistration> Under(AppDbContext db, string path, string? q)
    {
        var query = db.MemberRegistrations.AsNoTracking().Where(r => (r.CommunityPath.CompareTo(path) >= 0 && r.CommunityPath.CompareTo(PathRange.End(path)) < 0));
        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim();
            query = query.Where(r => r.PartyMember!.Name.Contains(term) || (r.Skills != null && r.Skills.Contains(term)));
        }
        return query;
    }

    /// <summary>One SQL statement per page. Phones are shown in full only to the cadres of the member's own community.</summary>
    public static IQueryable<MemberItem> Project(IQueryable<MemberRegistration> query, Caller caller)
    {
        var fullPhoneCommunity = caller.Role == Roles.CommunityCadre ? caller.ScopeOrgUnitId : -1;
        return query.Select(r => new MemberItem(
            r.PartyMemberId, r.PartyMember!.Name, r.PartyMember.Gender == Gender.Male ? "男" : "女", r.PartyMember.BirthDate.Year,
            r.PartyMember.Occupation, r.PartyMember.WorkUnit != null ? r.PartyMember.WorkUnit.Name : null, r.Community!.Name,
            r.GridId == null ? null : r.Grid!.Name,
            r.CommunityId == fullPhoneCommunity ? r.PartyMember.Phone : MaskPhone(r.PartyMember.Phone),
            r.PartyMember.IdCardMasked, r.Skills, r.ServicePreferences, r.ReportedOn));
    }

    private static string? MaskPhone(string? phone) => PhoneNumber.Mask(phone);
}
