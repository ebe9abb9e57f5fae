using CoBuild.Web.Components;
using CoBuild.Web.Features.Contracts;
using CoBuild.Web.Features.Demo;
using CoBuild.Web.Features.Members;
using CoBuild.Web.Features.Menus;
using CoBuild.Web.Features.Organizations;
using CoBuild.Web.Features.ServiceMenu;
using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using CoBuild.Web.Infrastructure.PersonalData;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoBuild.Tests.Infrastructure;

/// <summary>
/// What hangs below a built street: resources, org contracts in each signing state, party members and their personal
/// contracts. Rows a person would create go through the app's own edits (ContractEdits, PersonalContractEdits) as that
/// person, so they are in the states the app itself reaches, audit entries and notices included.
/// </summary>
public sealed partial class TestDistrict
{
    private readonly SemaphoreSlim _groupLock = new(1, 1);
    private int? _groupId;

    /// <summary>A resource of the street itself (a room-less venue; a fund or a service needs <paramref name="amount"/>).</summary>
    public Task<Resource> ResourceAsync(TestStreet street, ResourceKind kind = ResourceKind.Venue, int? amount = null, string? title = null) =>
        WriteAsync(async (db, now) =>
        {
            var resource = Resource.OfNode(street.Street, await GroupAsync(db), kind, title ?? $"测试资源{Next()}", null, amount, null, now);
            db.Add(resource);
            return resource;
        });

    /// <summary>An offer of the street's unit on its service menu (a service of <paramref name="hours"/> hours by default).</summary>
    public Task<Resource> OfferAsync(TestStreet street, ResourceKind kind = ResourceKind.Service, int? hours = 10, string? title = null) =>
        WriteAsync(async (db, now) =>
        {
            var unit = street.Unit ?? throw new InvalidOperationException("an offer needs a street built WithUnit()");
            var offer = Resource.OfUnit(unit, (street.Community ?? street.Street).Path, await GroupAsync(db), kind, title ?? $"测试服务{Next()}", null, hours, now);
            db.Add(offer);
            return offer;
        });

    /// <summary>
    /// A contract between the street (甲方, its administrator signs) and its unit (乙方, its representative signs), one
    /// commitment per side, running a year from today: a draft, awaiting the unit's signature after the street signed,
    /// or active after both signed.
    /// </summary>
    public async Task<OrgContract> ContractAsync(TestStreet street, ContractStatus status = ContractStatus.Active, string? title = null)
    {
        if (status is not (ContractStatus.Draft or ContractStatus.AwaitingSignatures or ContractStatus.Active))
            throw new ArgumentOutOfRangeException(nameof(status), status, "the builder makes drafts, contracts awaiting signatures and active ones");
        var unit = street.Unit ?? throw new InvalidOperationException("a contract needs a street built WithUnit()");
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var today = Display.Today(clock);
        var admin = await CallerAsync(db, street.Admin);
        var k = await ContractEdits.CreateAsync(db, admin, new ContractInput(unit.Id, street.Street.Id, title ?? $"测试共建协议{Next()}", today, today.AddYears(1),
        [
            new(null, "每月开展一次共建活动", today.AddMonths(6), ContractSide.Unit, null, null),
            new(null, "提供活动场地", today.AddMonths(6), ContractSide.Party, null, null),
        ], null), clock.GetUtcNow(), default);
        if (status != ContractStatus.Draft)
        {
            db.ChangeTracker.Clear();
            await ContractEdits.SignAsync(db, admin, k.Id, await ContractEdits.TagAsync(db, k.Id, default), null, "测试街道书记", clock.GetUtcNow(), default);
        }
        if (status == ContractStatus.Active)
        {
            db.ChangeTracker.Clear();
            var rep = await CallerAsync(db, street.UnitRep!);
            await ContractEdits.SignAsync(db, rep, k.Id, await ContractEdits.TagAsync(db, k.Id, default), null, "测试单位代表", clock.GetUtcNow(), default);
        }
        return await db.OrgContracts.AsNoTracking().Include(c => c.Commitments).SingleAsync(c => c.Id == k.Id);
    }

    /// <summary>A party member who reported to the street's community, with an account (<c>TestMember.UserName</c>).</summary>
    public async Task<TestMember> MemberAsync(TestStreet street, string? name = null)
    {
        var community = street.Community ?? throw new InvalidOperationException("a member reports to a community: build the street WithCommunity()");
        var n = Next();
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var protector = scope.ServiceProvider.GetRequiredService<PersonalDataProtector>();
        var today = Display.Today(scope.ServiceProvider.GetRequiredService<TimeProvider>());
        var member = new PartyMember(community.DistrictId, name ?? $"测试党员{n}", protector.Protect(DemoPerson.IdCard(n)), DemoPerson.Phone(n), "职员", street.Unit?.Id, null);
        member.ReportTo(community, null, "文艺、助老", "助老", today);
        db.Add(member);
        await db.SaveChangesAsync();
        var account = Account($"m{n}.member", member.Name, Roles.PartyMember, community);
        account.PartyMemberId = member.Id;
        db.Users.Add(account);
        await db.SaveChangesAsync();
        return new TestMember(member, account.UserName!, community);
    }

    /// <summary>An active entry of the community's service menu (what members pick in their personal contracts).</summary>
    public Task<ServiceItem> ServiceAsync(OrgUnit community, string? title = null) =>
        WriteAsync((db, now) =>
        {
            var item = new ServiceItem(community, title ?? $"测试服务项目{Next()}", null, ServiceItem.Categories[0], now);
            db.Add(item);
            return Task.FromResult(item);
        });

    /// <summary>This year's personal contract of the member, signed by the member, over a new service of the community's menu.</summary>
    public async Task<PersonalContract> PersonalContractAsync(TestMember member, decimal pledgedHours = 20)
    {
        var service = await ServiceAsync(member.Community);
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
        var signed = await PersonalContractEdits.SignAsync(db, await CallerAsync(db, member.UserName), new PersonalSignRequest(null, pledgedHours, [service.Id]), now, default);
        return await db.PersonalContracts.AsNoTracking().Include(p => p.Items).SingleAsync(p => p.Id == signed.Id);
    }

    private int Next() => Interlocked.Increment(ref _next);

    private static async Task<Caller> CallerAsync(AppDbContext db, string userName) =>
        Caller.Of(await db.Users.AsNoTracking().SingleAsync(u => u.UserName == userName));

    private async Task<T> WriteAsync<T>(Func<AppDbContext, DateTimeOffset, Task<T>> build) where T : class
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var row = await build(db, scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow());
        await db.SaveChangesAsync();
        return row;
    }

    /// <summary>The menu group every built resource is filed under (测试大类 › 测试小组), made on first use.</summary>
    private async Task<MenuCategory> GroupAsync(AppDbContext db)
    {
        await _groupLock.WaitAsync();
        try
        {
            if (_groupId is { } id) return await db.MenuCategories.SingleAsync(c => c.Id == id);
            var parent = new MenuCategory(DistrictId, null, "TEST", "测试大类", 90);
            db.Add(parent);
            await db.SaveChangesAsync();
            var group = new MenuCategory(DistrictId, parent, "TEST1", "测试小组", 1);
            db.Add(group);
            await db.SaveChangesAsync();
            _groupId = group.Id;
            return group;
        }
        finally { _groupLock.Release(); }
    }
}

/// <summary>A built party member: the member, the account's user name (password <see cref="TestDistrict.Password"/>) and the community reported to.</summary>
public sealed record TestMember(PartyMember Member, string UserName, OrgUnit Community);
