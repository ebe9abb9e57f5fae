using System.Net;
using System.Net.Http.Json;
using CoBuild.Tests.Infrastructure;
using CoBuild.Web.Features.Contracts;

namespace CoBuild.Tests.Contracts;

/// <summary>Evaluations of a contract: only by a party, only once it is in force, only for a year of its term that has ended.</summary>
[Collection(AppCollection.Name)]
public sealed class EvaluationTests(AppFixture app)
{
    [Fact]
    public async Task A_rating_outside_the_evaluation_period_is_refused_over_http()
    {
        var draft = await Paper.DraftAsync(app, "评价期限协议");
        var community = await app.ClientFor("community.jishan");
        var early = await community.PostAsJsonAsync($"/api/v1/org-contracts/{draft.Contract.Id}/evaluations", new EvaluationRequest(Paper.Today.Year - 1, 5, null));
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("生效后才能评价", (await early.Problem()).GetProperty("detail").GetString());

        var active = await Paper.ActiveAsync(app, "评价期限协议（生效）");
        var url = $"/api/v1/org-contracts/{active.Contract.Id}/evaluations";
        var beforeTerm = await community.PostAsJsonAsync(url, new EvaluationRequest(active.Contract.StartsOn.Year - 1, 5, null));
        Assert.Equal(HttpStatusCode.BadRequest, beforeTerm.StatusCode);
        Assert.True((await beforeTerm.Problem()).GetProperty("errors").TryGetProperty("period", out _));
        var thisYear = await community.PostAsJsonAsync(url, new EvaluationRequest(Paper.Today.Year, 5, null));
        Assert.Equal(HttpStatusCode.Conflict, thisYear.StatusCode);
        Assert.Contains("结束后才能评价", (await thisYear.Problem()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientFor("street.fushan")).PostAsJsonAsync(url, new EvaluationRequest(Paper.Today.Year, 5, null))).StatusCode);
        Assert.Empty((await community.Get<ContractDetail>($"/api/v1/org-contracts/{active.Contract.Id}"))!.Evaluations);
    }
}
