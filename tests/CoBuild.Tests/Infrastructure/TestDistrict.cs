using CoBuild.Web.Features.Demo;
using CoBuild.Web.Features.Menus;
using CoBuild.Web.Features.Organizations;
using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CoBuild.Tests.Infrastructure;

/// <summary>
/// The app without the demo district: it starts in a second or two whatever the demo grows into. A test builds the
/// few rows it needs with <see cref="TestDistrict"/> (through the DbContext, as an administrator would have set them up).
/// </summary>
public sealed class TestDistrictFixture : AppFixture
{
    protected override bool Demo => false;

    public override string Password => TestDistrict.Password;

    public TestDistrict District { get; private set; } = default!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        District = await TestDistrict.CreateAsync(Services);
    }
}

[CollectionDefinition(Name)]
public sealed class TestDistrictCollection : ICollectionFixture<TestDistrictFixture>
{
    public const string Name = "test-district";
}

/// <summary>
/// One district (测试区) and builders for what hangs below it. Names carry a running number, so the tests of a run
/// never meet each other's rows: <c>await app.District.Street().WithCommunity().WithUnit().BuildAsync()</c>.
/// </summary>
public sealed partial class TestDistrict
{
    public const string Password = "Test@2026";
    public const int DistrictId = 1;

    private readonly IServiceProvider _services;
    private readonly string _passwordHash;
    /// <summary>Starts the user names of this district's accounts ("t" in the first), so districts never share one.</summary>
    private readonly string _prefix;
    private int _next;

    private TestDistrict(IServiceProvider services, OrgUnit district, string passwordHash, string prefix)
    {
        _services = services;
        Node = district;
        _passwordHash = passwordHash;
        _prefix = prefix;
    }

    public OrgUnit Node { get; }

    /// <summary>This district's id (<see cref="DistrictId"/> for the first; see TestDistrict.Second.cs).</summary>
    public int Id => Node.DistrictId;

    internal static Task<TestDistrict> CreateAsync(IServiceProvider services) => CreateAsync(services, DistrictId, "测试区", "330699", "t");

    private static async Task<TestDistrict> CreateAsync(IServiceProvider services, int id, string name, string code, string prefix)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var district = OrgUnit.NewDistrict(id, name, code);
        db.Add(district);
        await db.SaveChangesAsync();
        var hash = scope.ServiceProvider.GetRequiredService<IPasswordHasher<AppUser>>().HashPassword(new AppUser(), Password);
        return new TestDistrict(services, district, hash, prefix);
    }

    /// <summary>A street of its own with a street administrator (<c>TestStreet.Admin</c>).</summary>
    public StreetBuilder Street(string? name = null)
    {
        var n = Interlocked.Increment(ref _next);
        return new StreetBuilder(this, n, name ?? $"测试{n}街道");
    }

    internal async Task<TestStreet> BuildAsync(StreetBuilder b)
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var street = OrgUnit.NewChild(Node, b.Name, b.Number);
        db.Add(street);
        await db.SaveChangesAsync();
        var prefix = $"{_prefix}{b.Number}";
        var accounts = new List<AppUser> { Account($"{prefix}.street", b.Name + "党工委", Roles.StreetAdmin, street) };

        OrgUnit? community = null;
        if (b.CommunityName is not null)
        {
            community = OrgUnit.NewChild(street, b.CommunityName, 1);
            db.Add(community);
            await db.SaveChangesAsync();
            accounts.Add(Account($"{prefix}.cadre", b.CommunityName + " 社工", Roles.CommunityCadre, community));
            accounts.Add(Account($"{prefix}.resident", b.CommunityName + "居民", Roles.Resident, community));
        }
        var units = new List<ResidentUnit>();
        for (var i = 1; i <= b.UnitCount; i++)
        {
            var unit = new ResidentUnit(Id, b.UnitCount == 1 && b.UnitName is not null ? b.UnitName : $"测试{b.Number}-{i}有限公司",
                UnitKind.Enterprise, street.Id, community?.Id, null, null, null);
            units.Add(unit);
        }
        db.AddRange(units);
        await db.SaveChangesAsync();
        var reps = units.Select((u, i) => Account(i == 0 ? $"{prefix}.unit" : $"{prefix}.unit{i + 1}", u.Name + " 代表", Roles.UnitRep, street, u.Id)).ToList();
        accounts.AddRange(reps);
        db.Users.AddRange(accounts);

        Need? need = null;
        if (b.NeedCapacity is { } capacity)
        {
            var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
            need = new Need(community ?? street, null, $"测试{b.Number}需求", "楼道扶手安装", capacity, clock.GetUtcNow(),
                community is null ? $"{prefix}.street" : $"{prefix}.cadre");
            db.Add(need);
        }
        await db.SaveChangesAsync();
        return new TestStreet(street, community, units.FirstOrDefault(), $"{prefix}.street",
            community is null ? null : $"{prefix}.cadre", community is null ? null : $"{prefix}.resident",
            reps.FirstOrDefault()?.UserName, [.. reps.Select(r => r.UserName!)], need);
    }

    private AppUser Account(string userName, string displayName, string role, OrgUnit scope, int? unitId = null)
    {
        var account = DemoDistrict.Account(userName, displayName, role, scope, unitId);
        account.PasswordHash = _passwordHash;
        return account;
    }
}

/// <summary>What a street is built with; <see cref="BuildAsync"/> writes it.</summary>
public sealed class StreetBuilder(TestDistrict district, int number, string name)
{
    internal int Number => number;
    internal string Name => name;
    internal string? CommunityName { get; private set; }
    internal string? UnitName { get; private set; }
    internal int UnitCount { get; private set; }
    internal int? NeedCapacity { get; private set; }

    /// <summary>A community below the street, with a community cadre and a resident.</summary>
    public StreetBuilder WithCommunity(string? communityName = null)
    {
        CommunityName = communityName ?? $"测试{number}社区";
        return this;
    }

    /// <summary>A resident unit in the street (in its community, when there is one), with a unit representative.</summary>
    public StreetBuilder WithUnit(string? unitName = null)
    {
        UnitName = unitName;
        UnitCount = 1;
        return this;
    }

    /// <summary><paramref name="count"/> resident units in the street, each with its representative (<c>TestStreet.UnitReps</c>).</summary>
    public StreetBuilder WithUnits(int count)
    {
        UnitCount = count;
        return this;
    }

    /// <summary>An open need of the community (of the street without one) that <paramref name="capacity"/> units may co-build.</summary>
    public StreetBuilder WithNeed(int capacity)
    {
        NeedCapacity = capacity;
        return this;
    }

    public Task<TestStreet> BuildAsync() => district.BuildAsync(this);
}

/// <summary>A built street: its nodes and the user names of its accounts (password <see cref="TestDistrict.Password"/>).</summary>
public sealed record TestStreet(OrgUnit Street, OrgUnit? Community, ResidentUnit? Unit, string Admin, string? Cadre, string? Resident,
    string? UnitRep, IReadOnlyList<string> UnitReps, Need? Need);
