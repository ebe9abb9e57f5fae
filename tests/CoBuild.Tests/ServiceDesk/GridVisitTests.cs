using System.Net;
using System.Net.Http.Json;
using CoBuild.Tests.Infrastructure;
using CoBuild.Web.Features.Menus;
using CoBuild.Web.Features.Organizations;
using CoBuild.Web.Features.ServiceDesk;
using CoBuild.Web.Infrastructure.Data;
using Microsoft.Extensions.DependencyInjection;

namespace CoBuild.Tests.ServiceDesk;

/// <summary>Cadres in the grids: a visit is logged, what it found becomes requests, and the board counts visits per cadre per month.</summary>
[Collection(TestDistrictCollection.Name)]
public sealed class GridVisitTests(TestDistrictFixture app)
{
    private async Task<OrgUnit> GridAsync(TestStreet street)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var grid = OrgUnit.NewChild(street.Community!, "第一网格", 1);
        db.Add(grid);
        await db.SaveChangesAsync();
        return grid;
    }

    [Fact]
    public async Task A_visit_turns_what_it_found_into_patrol_requests_and_shows_on_the_board()
    {
        var street = await app.District.Street().WithCommunity().BuildAsync();
        await app.District.ServiceDeskAsync(street);
        var grid = await GridAsync(street);
        var cadre = await app.ClientFor(street.Cadre);
        var response = await cadre.PostAsJsonAsync("/api/v1/grid-visits", new GridVisitInput(grid.Id, null, 18, "走访独居老人",
        [
            new("safety-hazard", "3幢楼道电动车充电", "3幢1单元", new() { ["hazard"] = ["electric"] }),
            new("sanitation", "绿化带有积存垃圾"),
        ]), Json.Options);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var visit = await response.Read<GridVisitRow>();
        Assert.Equal((2, 18), (visit.IssuesFound, visit.Households));
        var requests = (await cadre.Get<MenuPage<TicketRow>>($"/api/v1/requests?community={street.Community!.Id}"))!;
        Assert.Equal(visit.Requests.Order(), requests.Items.Select(r => r.Number).Order());
        Assert.All(requests.Items, r => Assert.Equal(TicketChannel.GridPatrol, r.Channel));

        var board = (await cadre.Get<DeskBoardView>($"/api/v1/service-desk/board?node={street.Community.Id}"))!;
        var line = Assert.Single(board.Visits);
        Assert.Equal((1, 18, 2), (line.Visits, line.Households, line.IssuesFound));
        Assert.Equal(street.Community.Name + " 社工", line.Cadre);
    }

    [Fact]
    public async Task A_visit_with_a_bad_issue_is_refused_whole_and_another_communitys_grid_is_out_of_scope()
    {
        var street = await app.District.Street().WithCommunity().BuildAsync();
        var other = await app.District.Street().WithCommunity().BuildAsync();
        await app.District.ServiceDeskAsync(street);
        var grid = await GridAsync(street);
        var cadre = await app.ClientFor(street.Cadre);
        var bad = await cadre.PostAsJsonAsync("/api/v1/grid-visits", new GridVisitInput(grid.Id, null, 5, null,
            [new("sanitation", "垃圾"), new("safety-hazard", "隐患", Fields: new() { ["hazard"] = ["volcano"] })]), Json.Options);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.Problem()).GetProperty("errors").TryGetProperty("issues[1].fields.hazard", out _));
        Assert.Empty((await cadre.Get<List<GridVisitRow>>($"/api/v1/grid-visits?node={street.Community!.Id}"))!);
        Assert.Equal(0, (await cadre.Get<MenuPage<TicketRow>>($"/api/v1/requests?community={street.Community.Id}"))!.Total);
        var future = await cadre.PostAsJsonAsync("/api/v1/grid-visits", new GridVisitInput(grid.Id, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(3), 5, null, null), Json.Options);
        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);

        var stranger = await app.ClientFor(other.Cadre);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.PostAsJsonAsync("/api/v1/grid-visits", new GridVisitInput(grid.Id, null, 5, null, null), Json.Options)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientFor(street.Resident)).PostAsJsonAsync("/api/v1/grid-visits",
            new GridVisitInput(grid.Id, null, 5, null, null), Json.Options)).StatusCode);
    }
}
