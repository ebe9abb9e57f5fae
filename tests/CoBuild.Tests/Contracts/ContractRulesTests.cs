using System.Net;
using System.Net.Http.Json;
using CoBuild.Tests.Infrastructure;
using CoBuild.Web.Features.Contracts;
using CoBuild.Web.Features.Projects;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Tests.Contracts;

/// <summary>The rules of a contract's term, its links and a project's records hold on every way in: 400 naming the field, never a 500.</summary>
[Collection(AppCollection.Name)]
public sealed class ContractRulesTests(AppFixture app)
{
    private static async Task Refused(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Problem()).GetProperty("errors").TryGetProperty(field, out _), $"{field} in {await response.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task The_term_has_sane_bounds_on_create_edit_and_amendment()
    {
        var community = await app.ClientFor("community.jishan");
        async Task<HttpResponseMessage> Create(DateOnly start, DateOnly end) => await community.PostAsJsonAsync("/api/v1/org-contracts",
            (await Paper.InputAsync(app, "期限边界", start, end)) with { Commitments = [new CommitmentInput(null, "巡检", end, ContractSide.Unit, null, null)] }, Json.Options);

        await Refused(await Create(new DateOnly(1, 1, 1), new DateOnly(1, 12, 31)), "startsOn");
        await Refused(await Create(new DateOnly(1999, 12, 31), new DateOnly(2000, 6, 30)), "startsOn");
        await Refused(await Create(new DateOnly(9999, 6, 1), new DateOnly(9999, 12, 31)), "startsOn");
        await Refused(await Create(Paper.Today.AddYears(6), Paper.Today.AddYears(7)), "startsOn");
        await Refused(await Create(Paper.Today, new DateOnly(9999, 12, 31)), "endsOn");
        await Refused(await Create(Paper.Today, Paper.Today.AddYears(5).AddDays(1)), "endsOn");

        var draft = await Paper.DraftAsync(app, "期限边界（草稿）");
        var put = await community.PutAsJsonAsync($"/api/v1/org-contracts/{draft.Contract.Id}", (await Paper.InputAsync(app, "期限边界（改）", new DateOnly(1, 1, 1), new DateOnly(1, 12, 31)))
            with { Commitments = [new CommitmentInput(null, "巡检", new DateOnly(1, 6, 1), ContractSide.Unit, null, null)] }, Json.Options);
        await Refused(put, "startsOn");

        var active = await Paper.ActiveAsync(app, "期限边界（修订）");
        var unit = await app.ClientFor("unit.drainage");
        await Refused(await unit.PostAsJsonAsync($"/api/v1/org-contracts/{active.Contract.Id}/amendments",
            new AmendmentInput(null, new DateOnly(2099, 12, 31), null, "延期到 2099 年"), Json.Options), "endsOn");
        await Refused(await unit.PostAsJsonAsync($"/api/v1/org-contracts/{active.Contract.Id}/amendments",
            new AmendmentInput(null, new DateOnly(9999, 12, 31), null, "延期到 9999 年"), Json.Options), "endsOn");
        var detail = (await community.Get<ContractDetail>($"/api/v1/org-contracts/{active.Contract.Id}"))!;
        Assert.Null(detail.Contract.PendingVersion);
        Assert.Single(detail.Versions);
    }

    [Fact]
    public async Task Links_must_exist_and_lie_in_the_contracts_scope()
    {
        var community = await app.ClientFor("community.jishan");
        var (ownProject, dongpuProject, dongpuNeed) = await Paper.DbAsync(app, async db =>
        {
            var dongpu = await db.OrgUnits.Where(o => o.Name == "东浦街道").Select(o => o.Path).SingleAsync();
            return (await db.Projects.Where(p => p.Title == "蕺山社区雨污分流改造工程").Select(p => p.Id).SingleAsync(),
                await db.Projects.Where(p => p.Path.StartsWith(dongpu)).Select(p => p.Id).FirstAsync(),
                await db.Needs.Where(n => n.Path.StartsWith(dongpu)).Select(n => n.Id).FirstAsync());
        });
        var input = await Paper.InputAsync(app, "关联范围");
        Task<HttpResponseMessage> Create(ContractInput i) => community.PostAsJsonAsync("/api/v1/org-contracts", i, Json.Options);
        ContractInput Linked(CommitmentLink link, int id) => input with { Commitments = [new CommitmentInput(null, "关联承诺", Paper.Today.AddDays(30), ContractSide.Unit, link, id)] };

        foreach (var id in new[] { 999999, 0, -1, dongpuProject }) await Refused(await Create(input with { ProjectId = id }), "projectId");
        await Refused(await Create(Linked(CommitmentLink.Project, dongpuProject)), "commitments");
        await Refused(await Create(Linked(CommitmentLink.Need, dongpuNeed)), "commitments");
        foreach (var link in new[] { CommitmentLink.Need, CommitmentLink.Order, CommitmentLink.AuctionLot, CommitmentLink.Project })
            foreach (var id in new[] { 999999, 0, -1 })
                await Refused(await Create(Linked(link, id)), "commitments");

        var ok = await Create(Linked(CommitmentLink.Project, ownProject) with { ProjectId = ownProject });
        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        var draft = await ok.Read<ContractDetail>();
        Assert.Equal(ownProject, draft.ProjectId);
        var put = await community.PutAsJsonAsync($"/api/v1/org-contracts/{draft.Contract.Id}", Linked(CommitmentLink.Need, dongpuNeed), Json.Options);
        await Refused(put, "commitments");

        var active = await Paper.ActiveAsync(app, "关联范围（修订）");
        var amend = await (await app.ClientFor("unit.drainage")).PostAsJsonAsync($"/api/v1/org-contracts/{active.Contract.Id}/amendments",
            new AmendmentInput(null, null, [.. active.Commitments.Select(c => new CommitmentInput(c.Id, c.Title, c.DueOn, null, null, null)),
                new CommitmentInput(null, "东浦的需求", Paper.Today.AddDays(30), ContractSide.Unit, CommitmentLink.Need, dongpuNeed)], "加一项"), Json.Options);
        await Refused(amend, "commitments");
    }

    [Fact]
    public async Task A_contract_from_year_one_takes_deliveries_without_a_500_and_such_a_draft_is_not_signed()
    {
        var active = await Paper.ActiveAsync(app, "早年协议");
        // Rows written before the term had bounds: the code must still cope.
        await Paper.DbAsync(app, db => db.OrgContracts.Where(c => c.Id == active.Contract.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.StartsOn, new DateOnly(1, 1, 1))));
        var line = active.Commitments.First(c => c.Side == ContractSide.Unit);
        var unit = await app.ClientFor("unit.drainage");
        var recorded = await unit.PostAsJsonAsync($"/api/v1/org-contracts/{active.Contract.Id}/commitments/{line.Id}/deliveries",
            new DeliveryInput(Paper.Today, "完成一次巡检", null, null, false), Json.Options);
        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await unit.GetAsync($"/api/v1/org-contracts/{active.Contract.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await unit.GetAsync($"/contracts/{active.Contract.Id}")).StatusCode);

        // Such a draft is not signed as it stands.
        var draft = await Paper.DraftAsync(app, "早年草稿");
        await Paper.DbAsync(app, db => db.OrgContracts.Where(c => c.Id == draft.Contract.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.StartsOn, new DateOnly(1, 1, 1)).SetProperty(c => c.EndsOn, new DateOnly(1, 12, 31))));
        await Refused(await Paper.SignAsync(unit, draft.Contract.Id), "startsOn");
        Assert.Equal(ContractStatus.Draft, (await unit.Get<ContractDetail>($"/api/v1/org-contracts/{draft.Contract.Id}"))!.Contract.Status);
    }

    [Fact]
    public async Task A_project_refuses_an_unknown_category_and_stores_all_documents_or_none()
    {
        var community = await app.ClientFor("community.jishan");
        foreach (var category in new[] { 999999, 0, -1 })
            await Refused(await community.PostAsJsonAsync("/api/v1/projects",
                new CreateProject(null, "测试·未知类别", null, ProjectSource.GovernmentTask, null, category, Paper.Today, null), Json.Options), "categoryId");
        var category1 = await Paper.DbAsync(app, db => db.MenuCategories.Select(c => c.Id).FirstAsync());
        var created = await community.PostAsJsonAsync("/api/v1/projects", new CreateProject(null, "测试·附件数量", null, ProjectSource.GovernmentTask, null, category1, Paper.Today, null), Json.Options);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Read<ProjectDetail>()).Id;

        static MultipartFormDataContent Pngs(int n)
        {
            var form = new MultipartFormDataContent();
            for (var i = 0; i < n; i++)
            {
                var png = new ByteArrayContent(Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="));
                png.Headers.ContentType = new("image/png");
                form.Add(png, "file", $"现场{i + 1}.png");
            }
            return form;
        }
        await Refused(await community.PostAsync($"/api/v1/projects/{id}/documents", Pngs(7)), "file");
        Assert.Empty((await community.Get<ProjectDetail>($"/api/v1/projects/{id}"))!.Documents);
        var six = await community.PostAsync($"/api/v1/projects/{id}/documents", Pngs(6));
        Assert.Equal(HttpStatusCode.Created, six.StatusCode);
        Assert.Equal(6, (await six.Read<List<System.Text.Json.JsonElement>>()).Count);
        var docs = (await community.Get<ProjectDetail>($"/api/v1/projects/{id}"))!.Documents;
        Assert.Equal([.. Enumerable.Range(1, 6).Select(i => $"现场{i}.png")], docs.Select(d => d.Name));
    }
}
