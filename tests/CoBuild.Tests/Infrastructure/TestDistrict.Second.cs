using CoBuild.Web.Features.Contracts;
using CoBuild.Web.Features.Members;
using CoBuild.Web.Features.Menus;
using CoBuild.Web.Features.Orders;
using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using CoBuild.Web.Infrastructure.PersonalData;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoBuild.Tests.Infrastructure;

/// <summary>Builders for a second district and the rows of each tenant-owned list (issue 14: tenant filtering).</summary>
public sealed partial class TestDistrict
{
    public const int SecondDistrictId = 2;

    /// <summary>A second district (乙区) in the same database; its accounts start with "b".</summary>
    internal static Task<TestDistrict> CreateSecondAsync(IServiceProvider services) => CreateAsync(services, SecondDistrictId, "乙区", "330698", "b");

    /// <summary>The district administrator of this district ("t.district", "b.district").</summary>
    public async Task<string> DistrictAdminAsync()
    {
        var userName = $"{_prefix}.district";
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (!await db.Users.AnyAsync(u => u.UserName == userName))
        {
            db.Users.Add(Account(userName, Node.Name + "组织部", Roles.DistrictAdmin, Node));
            await db.SaveChangesAsync();
        }
        return userName;
    }

    /// <summary>
    /// One row of each list a street's staff read, all titled with <paramref name="marker"/>: a street resource, an
    /// organization contract between the community and the unit, a party member reported to the community and the unit's
    /// claim of the street's need (renamed with the marker too). The street needs a community, a unit and a need.
    /// </summary>
    public async Task<TestRows> RowsAsync(TestStreet street, string marker)
    {
        var community = street.Community ?? throw new InvalidOperationException("RowsAsync needs a street built WithCommunity().");
        var unit = street.Unit ?? throw new InvalidOperationException("RowsAsync needs a street built WithUnit().");
        var need = street.Need ?? throw new InvalidOperationException("RowsAsync needs a street built WithNeed().");
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
        var group = await db.MenuCategories.FirstOrDefaultAsync(c => c.DistrictId == Id && c.Code == "Z01");
        if (group is null)
        {
            var top = new MenuCategory(Id, null, "Z", "测试大类", 1);
            db.Add(top);
            await db.SaveChangesAsync();
            group = new MenuCategory(Id, top, "Z01", "测试小组", 1);
            db.Add(group);
            await db.SaveChangesAsync();
        }
        var resource = Resource.OfNode(street.Street, group, ResourceKind.Fund, $"{marker}资源", null, 1000, null, now);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var contract = new OrgContract(community, unit.Id, $"{marker}协议", today, today.AddYears(1), ContractSource.Manual, null, null, now, street.Admin);
        var protector = scope.ServiceProvider.GetRequiredService<PersonalDataProtector>();
        var member = new PartyMember(Id, $"{marker}党员", protector.Protect(Sheets.NewIdCard()), null, null, unit.Id, null);
        member.ReportTo(community, null, null, null, today);
        var marked = await db.Needs.SingleAsync(n => n.Id == need.Id);
        marked.Edit($"{marker}需求", marked.Description, marked.Capacity);
        var order = new Order(OrderKind.Claim, Id, community.Id, community.Path, unit.Id, null, need.Id, null, marked.Title, null, null, null, null, now, street.UnitRep!);
        db.AddRange(resource, contract, member, order);
        await db.SaveChangesAsync();
        return new TestRows(street, resource.Id, contract.Id, member.Id, order.Id);
    }
}

/// <summary>What <see cref="TestDistrict.RowsAsync"/> built, by id.</summary>
public sealed record TestRows(TestStreet Street, int Resource, int Contract, int Member, int Order);
