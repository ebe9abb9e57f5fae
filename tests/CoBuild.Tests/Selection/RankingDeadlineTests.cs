using System.Net;
using System.Net.Http.Json;
using CoBuild.Tests.Infrastructure;
using CoBuild.Web.Features.Accounts;
using CoBuild.Web.Features.Menus;
using CoBuild.Web.Features.Selection;

namespace CoBuild.Tests.Selection;

/// <summary>A round's deadline for rankings: set on opening, moved by the street, and after it units and communities get a 409.</summary>
[Collection(AppCollection.Name)]
public sealed class RankingDeadlineTests(AppFixture app)
{
    private async Task<(HttpClient Client, int UnitId)> Unit(int n)
    {
        var client = await app.ClientFor($"unit.fushan.{n:00}");
        return (client, (await client.Get<MeResponse>("/api/v1/me"))!.UnitId!.Value);
    }

    private async Task<int> NewNeed(string title)
    {
        var cadre = await app.ClientFor("community.jishan");
        return (await (await cadre.PostAsJsonAsync("/api/v1/needs", new CreateNeed(title + Guid.NewGuid().ToString("N")[..6], null, "D04", 1))).Read<NeedItem>()).Id;
    }

    private static string Url(int round, string rest = "") => $"/api/v1/selection-rounds/{round}{rest}";

    [Fact]
    public async Task After_the_deadline_units_and_communities_get_409_until_the_street_moves_it()
    {
        var street = await app.ClientFor("street.fushan");
        var cadre = await app.ClientFor("community.jishan");
        var (a, b) = (await Unit(71), await Unit(72));
        var need = await NewNeed("截止测试");
        var due = DateTimeOffset.UtcNow.AddDays(3);
        var created = await street.PostAsJsonAsync("/api/v1/selection-rounds", new CreateRound(null, "有截止时间的轮次", [need], [a.UnitId, b.UnitId], RankingDeadline: due));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var round = await created.Read<RoundItem>();
        Assert.Equal(due.UtcTicks / 10, round.RankingDeadline!.Value.UtcTicks / 10); // to the microsecond (PostgreSQL's precision)
        Assert.Equal(HttpStatusCode.OK, (await a.Client.PutAsJsonAsync(Url(round.Id, "/rankings"), new RankNeeds([need]))).StatusCode);

        // The street brings the deadline forward to a moment already past.
        var moved = await street.PutAsJsonAsync(Url(round.Id, "/ranking-deadline"), new SetRankingDeadline(round.CreatedAt.AddMilliseconds(1)));
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(round.CreatedAt.AddMilliseconds(1), (await moved.Read<RoundItem>()).RankingDeadline);

        var late = await b.Client.PutAsJsonAsync(Url(round.Id, "/rankings"), new RankNeeds([need]));
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("截止", (await late.Problem()).GetProperty("detail").GetString());
        var lateCommunity = await cadre.PutAsJsonAsync(Url(round.Id, $"/needs/{need}/rankings"), new RankUnits([a.UnitId]));
        Assert.Equal(HttpStatusCode.Conflict, lateCommunity.StatusCode);
        Assert.Contains("截止", (await lateCommunity.Problem()).GetProperty("detail").GetString());
        Assert.Equal([need], (await a.Client.Get<RoundItem>(Url(round.Id)))!.MyRanking); // what came in time stays
        Assert.Empty((await b.Client.Get<RoundItem>(Url(round.Id)))!.MyRanking!);

        // Lifted again: both sides may hand in their lists.
        Assert.Equal(HttpStatusCode.OK, (await street.PutAsJsonAsync(Url(round.Id, "/ranking-deadline"), new SetRankingDeadline(null))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await b.Client.PutAsJsonAsync(Url(round.Id, "/rankings"), new RankNeeds([need]))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await cadre.PutAsJsonAsync(Url(round.Id, $"/needs/{need}/rankings"), new RankUnits([b.UnitId, a.UnitId]))).StatusCode);
    }

    [Fact]
    public async Task Only_the_street_sets_the_deadline_and_it_must_fall_after_the_opening_and_before_closing()
    {
        var street = await app.ClientFor("street.fushan");
        var a = await Unit(73);
        var need = await NewNeed("截止校验");
        var past = await street.PostAsJsonAsync("/api/v1/selection-rounds", new CreateRound(null, "过去的截止", [need], [a.UnitId], RankingDeadline: DateTimeOffset.UtcNow.AddHours(-1)));
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        Assert.True((await past.Problem()).GetProperty("errors").TryGetProperty("rankingDeadline", out _));

        var round = await (await street.PostAsJsonAsync("/api/v1/selection-rounds", new CreateRound(null, "截止校验轮次", [need], [a.UnitId]))).Read<RoundItem>();
        Assert.Null(round.RankingDeadline);
        var body = new SetRankingDeadline(DateTimeOffset.UtcNow.AddDays(2));
        foreach (var user in new[] { "community.jishan", "unit.fushan.73", "street.dongpu" })
            Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientFor(user)).PutAsJsonAsync(Url(round.Id, "/ranking-deadline"), body)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await (await app.ClientFor(null)).PutAsJsonAsync(Url(round.Id, "/ranking-deadline"), body)).StatusCode);
        var tooEarly = await street.PutAsJsonAsync(Url(round.Id, "/ranking-deadline"), new SetRankingDeadline(round.CreatedAt.AddMinutes(-1)));
        Assert.True((await tooEarly.Problem()).GetProperty("errors").TryGetProperty("rankingDeadline", out _));
        Assert.Equal(HttpStatusCode.BadRequest, (await street.PutAsJsonAsync(Url(round.Id, "/ranking-deadline"), new SetRankingDeadline(round.CreatedAt.AddYears(2)))).StatusCode);
        Assert.Null((await street.Get<RoundItem>(Url(round.Id)))!.RankingDeadline);
        Assert.Equal(HttpStatusCode.OK, (await street.PutAsJsonAsync(Url(round.Id, "/ranking-deadline"), body)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await street.PostAsync(Url(round.Id, "/close"), null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await street.PutAsJsonAsync(Url(round.Id, "/ranking-deadline"), new SetRankingDeadline(null))).StatusCode);
    }
}
