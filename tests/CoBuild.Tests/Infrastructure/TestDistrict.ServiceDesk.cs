using CoBuild.Web.Features.Organizations;
using CoBuild.Web.Features.ServiceDesk;
using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoBuild.Tests.Infrastructure;

/// <summary>Builders for the community living room: the standard catalogue, the 2025–2026 calendar, a district department with an account.</summary>
public sealed partial class TestDistrict
{
    private readonly SemaphoreSlim _calendarLock = new(1, 1);
    private bool _calendar;

    /// <summary>Publishes the standard catalogue in the street's community; enters the district's holiday calendar and certificate whitelist once.</summary>
    public async Task<ServiceCatalogue> ServiceDeskAsync(TestStreet street)
    {
        var community = street.Community ?? throw new InvalidOperationException("the living room needs a street built WithCommunity()");
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
        await _calendarLock.WaitAsync();
        try
        {
            if (!_calendar && !await db.WorkCalendarDays.AnyAsync(d => d.DistrictId == Id))
            {
                db.WorkCalendarDays.AddRange(WorkCalendarSeed.Days(Id));
                await db.SaveChangesAsync();
            }
            if (!_calendar && !await db.CertificateWhitelistVersions.AnyAsync(v => v.DistrictId == Id))
            {
                var admin = new Caller($"{_prefix}.district", Roles.DistrictAdmin, Id, Node.Id, Node.Path, null, null);
                await CoBuild.Web.Features.Certificates.CertificateWhitelist.PublishAsync(db, admin, new(DateOnly.FromDateTime(now.UtcDateTime), null, null,
                    [.. CoBuild.Web.Features.Certificates.WhitelistSeed.Types]), now, default);
            }
            _calendar = true;
        }
        finally { _calendarLock.Release(); }
        var cadre = await CallerAsync(db, street.Cadre!);
        return await CatalogueEdits.PublishAsync(db, cadre, new CatalogueInput(community.Id, CatalogueEdits.Standard), now, default);
    }

    /// <summary>A district department (a resident unit without a street) and its account.</summary>
    public async Task<(ResidentUnit Unit, string UserName)> DepartmentAsync(string name)
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var unit = new ResidentUnit(Id, $"{name}{Next()}", UnitKind.DistrictDepartment, null, null, null, null, null);
        db.Add(unit);
        await db.SaveChangesAsync();
        var user = Account($"{_prefix}.dept{unit.Id}", unit.Name, Roles.Department, Node, unit.Id);
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return (unit, user.UserName!);
    }
}
