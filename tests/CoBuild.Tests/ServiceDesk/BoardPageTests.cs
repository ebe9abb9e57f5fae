using System.Net;
using CoBuild.Tests.Infrastructure;
using CoBuild.Web.Features.ServiceDesk;
using CoBuild.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoBuild.Tests.ServiceDesk;

/// <summary>The board and the street's command room as pages: lights by the 80/40 rule, escalated requests in the room, who may open them.</summary>
[Collection(TestDistrictCollection.Name)]
public sealed class BoardPageTests(TestDistrictFixture app)
{
    [Theory]
    [InlineData(0, 0, Light.Green)]
    [InlineData(5, 1, Light.Green)]
    [InlineData(5, 2, Light.Yellow)]
    [InlineData(5, 3, Light.Yellow)]
    [InlineData(5, 4, Light.Red)]
    [InlineData(1, 1, Light.Red)]
    public void Lights_follow_the_share_of_open_requests_past_due(int open, int overdue, Light light) =>
        Assert.Equal(light, DeskBoard.LightOf(open, overdue));

    [Fact]
    public async Task An_overdue_escalated_request_turns_the_community_red_and_waits_in_the_street_command_room()
    {
        var street = await app.District.Street().WithCommunity().BuildAsync();
        await app.District.ServiceDeskAsync(street);
        var desk = await app.ClientFor(street.Cadre);
        var late = await Desk.FiledAsync(desk, Desk.Drain(street.Community!.Id));
        await Desk.SteppedAsync(desk, late.Id, "escalate", new(Reason: "社区无法处置"));

        var admin = await app.ClientFor(street.Admin);
        var room = await admin.GetStringAsync("/admin/command-room");
        Assert.Contains(late.Number, room);
        Assert.Contains("已上报", room);
        Assert.Contains("便民服务", room);

        // A month on (the tokens would expire if the clock moved): the deadline is moved back instead.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var past = app.Clock.GetUtcNow().AddDays(-3);
            await db.Tickets.Where(t => t.Id == late.Id).ExecuteUpdateAsync(x => x.SetProperty(t => t.DueBy, past));
        }
        var board = await admin.GetStringAsync($"/admin/service-desk?node={street.Street.Id}");
        Assert.Contains("light-red", board);
        Assert.Contains(street.Community.Name, board);
        Assert.Contains("（已超期）", await admin.GetStringAsync("/admin/command-room"));
        var own = await desk.GetStringAsync("/admin/service-desk");
        Assert.Contains("社区客厅看板", own);
        Assert.Equal(HttpStatusCode.Forbidden, (await desk.GetAsync("/admin/command-room")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientFor(street.Resident)).GetAsync("/admin/service-desk")).StatusCode);
        var other = await app.District.Street().WithCommunity().BuildAsync();
        Assert.DoesNotContain(late.Number, await (await app.ClientFor(other.Admin)).GetStringAsync("/admin/command-room"));
    }
}
