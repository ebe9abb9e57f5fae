using System.Net;
using CoBuild.Tests.Infrastructure;
using CoBuild.Web.Features.Menus;
using CoBuild.Web.Features.ServiceDesk;

namespace CoBuild.Tests.ServiceDesk;

/// <summary>Numbers and deadlines given at intake, with the app's clock set to the moment the rule is about.</summary>
[Collection(TestDistrictCollection.Name)]
public sealed class IntakeTests(TestDistrictFixture app)
{
    [Fact]
    public async Task Two_hundred_simultaneous_intakes_get_two_hundred_numbers_without_gaps()
    {
        var street = await app.District.Street().WithCommunity().BuildAsync();
        await app.District.ServiceDeskAsync(street);
        var desk = await app.ClientFor(street.Cadre);
        var resident = await app.ClientFor(street.Resident);
        var responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            Desk.FileAsync(i % 2 == 0 ? desk : resident, new IntakeRequest(street.Community!.Id, "policy", $"咨询第{i}件"))));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var numbers = new List<string>();
        foreach (var r in responses) numbers.Add((await r.Read<IntakeReceipt>()).Number);
        Assert.Equal(200, numbers.Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 200), numbers.Select(n => int.Parse(n[^6..])).Order());
        var list = (await desk.Get<MenuPage<TicketRow>>($"/api/v1/requests?community={street.Community!.Id}&pageSize=1"))!;
        Assert.Equal(200, list.Total);
    }

    [Theory]
    [InlineData("2026-03-06T18:30:00+08:00", "2026-03-11T00:00:00+08:00", "2026-03-18T00:00:00+08:00")] // Friday evening
    [InlineData("2026-04-03T10:00:00+08:00", "2026-04-09T00:00:00+08:00", "2026-04-16T00:00:00+08:00")] // before the 清明 Monday
    public async Task Deadlines_count_working_days_from_the_intake(string at, string acceptBy, string dueBy)
    {
        var street = await app.District.Street().WithCommunity().BuildAsync();
        await app.District.ServiceDeskAsync(street);
        var desk = await app.ClientFor(street.Cadre);
        using var _ = app.Clock.Advance(DateTimeOffset.Parse(at) - app.Clock.GetUtcNow());
        var receipt = await Desk.FiledAsync(desk, new IntakeRequest(street.Community!.Id, "mediation", "邻里噪音纠纷"));
        Assert.Equal(DateTimeOffset.Parse(acceptBy), receipt.AcceptBy);
        Assert.Equal(DateTimeOffset.Parse(dueBy), receipt.DueBy);
        Assert.StartsWith($"{street.Community.Code}-2026-", receipt.Number);
    }

    [Fact]
    public async Task An_urgent_request_counts_wall_clock_hours_through_the_weekend()
    {
        var street = await app.District.Street().WithCommunity().BuildAsync();
        await app.District.ServiceDeskAsync(street);
        var desk = await app.ClientFor(street.Cadre);
        var friday = DateTimeOffset.Parse("2026-03-06T22:00:00+08:00");
        using var _ = app.Clock.Advance(friday - app.Clock.GetUtcNow());
        var receipt = await Desk.FiledAsync(desk, new IntakeRequest(street.Community!.Id, "safety-hazard", "燃气泄漏味道",
            Urgent: true, Fields: new() { ["hazard"] = ["gas"] }));
        // The test clock runs on from the moment set, so the deadlines are a few milliseconds later than exact hours.
        Assert.InRange(receipt.AcceptBy - friday, TimeSpan.FromHours(1), TimeSpan.FromHours(1).Add(TimeSpan.FromSeconds(30)));
        Assert.Equal(TimeSpan.FromHours(11), receipt.DueBy - receipt.AcceptBy);
    }
}
