namespace CoBuild.Tests.Infrastructure.Tenancy;

/// <summary>
/// The app without the demo, with two districts side by side: 甲区's rows in district 1, 乙区's in district 2, each with
/// its district administrator, a street (admin, community, unit, need) and one row of every list a tenant test reads.
/// </summary>
public sealed class TwoDistrictsFixture : AppFixture
{
    protected override bool Demo => false;

    public override string Password => TestDistrict.Password;

    public TenantSide First { get; private set; } = default!;

    public TenantSide Second { get; private set; } = default!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        First = await TenantSide.BuildAsync(await TestDistrict.CreateAsync(Services), "甲区");
        Second = await TenantSide.BuildAsync(await TestDistrict.CreateSecondAsync(Services), "乙区");
    }
}

[CollectionDefinition(Name)]
public sealed class TwoDistrictsCollection : ICollectionFixture<TwoDistrictsFixture>
{
    public const string Name = "two-districts";
}

/// <summary>One district of the pair; every name built in it carries <see cref="Marker"/>.</summary>
public sealed record TenantSide(TestDistrict District, string Marker, string Admin, TestRows Rows)
{
    public TestStreet Street => Rows.Street;

    public string StreetAdmin => Street.Admin;

    /// <summary>Text that only this district's rows carry: the marker and the district's name.</summary>
    public bool Shows(string text) => text.Contains(Marker, StringComparison.Ordinal) || text.Contains(District.Node.Name, StringComparison.Ordinal);

    public static async Task<TenantSide> BuildAsync(TestDistrict district, string marker)
    {
        var admin = await district.DistrictAdminAsync();
        var street = await district.Street($"{marker}街道").WithCommunity($"{marker}社区").WithUnit($"{marker}有限公司").WithNeed(2).BuildAsync();
        return new TenantSide(district, marker, admin, await district.RowsAsync(street, marker));
    }
}
