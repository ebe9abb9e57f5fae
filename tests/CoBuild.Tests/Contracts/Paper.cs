using System.Net.Http.Json;
using CoBuild.Tests.Infrastructure;
using CoBuild.Web.Features.Contracts;
using CoBuild.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoBuild.Tests.Contracts;

/// <summary>Drafts a contract between 蕺山社区 and the drainage company through the API, for the contract tests.</summary>
internal static class Paper
{
    public static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    public static async Task<int> DrainageUnitAsync(AppFixture app) => await DbAsync(app, db => db.ResidentUnits.Where(u => u.Name == "绍兴市城市排水有限公司").Select(u => u.Id).SingleAsync());

    public static async Task<T> DbAsync<T>(AppFixture app, Func<AppDbContext, Task<T>> read)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public static async Task<ContractInput> InputAsync(AppFixture app, string title, DateOnly? start = null, DateOnly? end = null, params (string Title, int Days, ContractSide Side)[] commitments)
    {
        var s = start ?? Today.AddDays(-10);
        var e = end ?? Today.AddDays(200);
        var lines = commitments.Length == 0 ? [("每月一次管网巡检", 30, ContractSide.Unit), ("提供巡检场地", 20, ContractSide.Party)] : commitments;
        return new ContractInput(await DrainageUnitAsync(app), null, title, s, e, lines.Select(c => new CommitmentInput(null, c.Title, Today.AddDays(c.Days), c.Side, null, null)).ToList(), null);
    }

    /// <summary>Signs what the client sees now: reads the contract's ETag and sends it back as If-Match.</summary>
    public static async Task<HttpResponseMessage> SignAsync(HttpClient client, int id, string? contentHash = null)
    {
        using var shown = await client.GetAsync($"/api/v1/org-contracts/{id}");
        return await SignSeenAsync(client, id, shown.Headers.ETag?.ToString(), contentHash);
    }

    public static Task<HttpResponseMessage> SignSeenAsync(HttpClient client, int id, string? seen, string? contentHash = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/org-contracts/{id}/sign") { Content = JsonContent.Create(new SignRequest(contentHash)) };
        if (seen is not null) request.Headers.TryAddWithoutValidation("If-Match", seen);
        return client.SendAsync(request);
    }

    public static async Task<ContractDetail> DraftAsync(AppFixture app, string title, ContractInput? input = null)
    {
        var response = await (await app.ClientFor("community.jishan")).PostAsJsonAsync("/api/v1/org-contracts", input ?? await InputAsync(app, title), Json.Options);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return await response.Read<ContractDetail>();
    }

    public static async Task<ContractDetail> ActiveAsync(AppFixture app, string title, ContractInput? input = null)
    {
        var draft = await DraftAsync(app, title, input);
        foreach (var user in new[] { "unit.drainage", "community.jishan" })
            (await SignAsync(await app.ClientFor(user), draft.Contract.Id)).EnsureSuccessStatusCode();
        var active = (await (await app.ClientFor("community.jishan")).Get<ContractDetail>($"/api/v1/org-contracts/{draft.Contract.Id}"))!;
        Assert.Equal(ContractStatus.Active, active.Contract.Status);
        return active;
    }
}
