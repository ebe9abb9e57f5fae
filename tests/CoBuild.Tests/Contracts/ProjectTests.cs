using System.Net;
using System.Net.Http.Json;
using CoBuild.Tests.Infrastructure;
using CoBuild.Web.Features.Organizations;
using CoBuild.Web.Features.Projects;

namespace CoBuild.Tests.Contracts;

/// <summary>项目化管理: participants, milestones, budget, acceptance by the lead community, one rating per resident.</summary>
[Collection(AppCollection.Name)]
public sealed class ProjectTests(AppFixture app)
{
    [Fact]
    public async Task The_jishan_rain_sewage_project_is_public_with_its_partners_and_acceptance()
    {
        var id = await Paper.DbAsync(app, db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Projects.Where(p => p.Title == "蕺山社区雨污分流改造工程").Select(p => p.Id)));
        var p = (await (await app.ClientFor(null)).Get<ProjectDetail>($"/api/v1/projects/{id}"))!;
        Assert.Contains(p.Participants, x => x.Name == "绍兴市城市排水有限公司" && x.Role == ParticipantRole.Partner);
        Assert.Contains(p.Participants, x => x.Name == "区住房和城乡建设局");
        Assert.Equal(3, p.Milestones.Count(m => m.DoneOn != null));
        Assert.Equal(3_220_000m, p.BudgetTotal);
        Assert.NotNull(p.AcceptedAt);
        Assert.True(p.RatingCount >= 5);
        Assert.True(p.Contracts >= 1);
        var page = await (await app.ClientFor(null)).GetStringAsync($"/projects/{id}");
        Assert.Contains("绍兴市城市排水有限公司", page);
        Assert.Contains("社区验收", page);
    }

    [Fact]
    public async Task A_community_runs_a_project_to_acceptance_and_residents_rate_it_once()
    {
        var community = await app.ClientFor("community.jishan");
        var created = await community.PostAsJsonAsync("/api/v1/projects", new CreateProject(null, "测试·蕺山社区楼道照明改造", "老旧楼道换装声控灯", ProjectSource.GovernmentTask, null, null, Paper.Today, Paper.Today.AddDays(60)), Json.Options);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Read<ProjectDetail>()).Id;
        var unit = await Paper.DrainageUnitAsync(app);
        Assert.Equal(HttpStatusCode.OK, (await community.PostAsJsonAsync($"/api/v1/projects/{id}/participants", new ParticipantInput(null, unit, ParticipantRole.Partner, "线路改造"), Json.Options)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await community.PostAsJsonAsync($"/api/v1/projects/{id}/participants", new ParticipantInput(null, unit, ParticipantRole.Partner, null), Json.Options)).StatusCode);
        var secondLead = await community.PostAsJsonAsync($"/api/v1/projects/{id}/participants", new ParticipantInput(null, unit + 1, ParticipantRole.Lead, null), Json.Options);
        Assert.Equal(HttpStatusCode.BadRequest, secondLead.StatusCode);
        Assert.Contains("只有一个牵头方", (await secondLead.Problem()).GetProperty("errors").GetProperty("role")[0].GetString());
        var early = await community.PostAsJsonAsync($"/api/v1/projects/{id}/milestones", new MilestoneInput("方案", Paper.Today.AddDays(-3)), Json.Options);
        Assert.True((await early.Problem()).GetProperty("errors").TryGetProperty("dueOn", out _));
        (await community.PostAsJsonAsync($"/api/v1/projects/{id}/milestones", new MilestoneInput("施工", Paper.Today.AddDays(20)), Json.Options)).EnsureSuccessStatusCode();
        var budget = await community.PostAsJsonAsync($"/api/v1/projects/{id}/budget", new BudgetInput(BudgetSource.Unit, "绍兴市城市排水有限公司", 0), Json.Options);
        Assert.True((await budget.Problem()).GetProperty("errors").TryGetProperty("amount", out _));
        (await community.PostAsJsonAsync($"/api/v1/projects/{id}/budget", new BudgetInput(BudgetSource.Unit, "绍兴市城市排水有限公司", 15000), Json.Options)).EnsureSuccessStatusCode();

        var resident = await app.ClientFor("resident.demo");
        Assert.Equal(HttpStatusCode.Conflict, (await resident.PostAsJsonAsync($"/api/v1/projects/{id}/ratings", new RatingInput(5, null))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await community.PostAsJsonAsync($"/api/v1/projects/{id}/accept", new AcceptInput(null))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await resident.PostAsJsonAsync($"/api/v1/projects/{id}/progress", new ProgressInput(100, null))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientFor("street.dongpu")).PostAsJsonAsync($"/api/v1/projects/{id}/progress", new ProgressInput(100, null))).StatusCode);
        (await community.PostAsJsonAsync($"/api/v1/projects/{id}/progress", new ProgressInput(100, "完工"))).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientFor("street.fushan")).PostAsJsonAsync($"/api/v1/projects/{id}/accept", new AcceptInput(null))).StatusCode);
        var text = new MultipartFormDataContent { { new ByteArrayContent("plain text"u8.ToArray()), "file", "说明.txt" } };
        Assert.Equal(HttpStatusCode.BadRequest, (await community.PostAsync($"/api/v1/projects/{id}/documents", text)).StatusCode);
        (await community.PostAsJsonAsync($"/api/v1/projects/{id}/accept", new AcceptInput("居民代表验收"))).EnsureSuccessStatusCode();

        // Acceptance closes the record: no more milestones, budget, progress or documents.
        var milestone = await community.PostAsJsonAsync($"/api/v1/projects/{id}/milestones", new MilestoneInput("补记节点", Paper.Today));
        Assert.Equal(HttpStatusCode.Conflict, milestone.StatusCode);
        Assert.Contains("验收", (await milestone.Problem()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await community.PostAsJsonAsync($"/api/v1/projects/{id}/progress", new ProgressInput(90, null))).StatusCode);
        var png = new ByteArrayContent(Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="));
        png.Headers.ContentType = new("image/png");
        var late = await community.PostAsync($"/api/v1/projects/{id}/documents", new MultipartFormDataContent { { png, "file", "补拍.png" } });
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);

        var ratings = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => resident.PostAsJsonAsync($"/api/v1/projects/{id}/ratings", new RatingInput(4, "亮了"))));
        Assert.Equal(1, ratings.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(4, ratings.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var done = (await (await app.ClientFor(null)).Get<ProjectDetail>($"/api/v1/projects/{id}"))!;
        Assert.Equal(1, done.RatingCount);
        Assert.Equal(4.0, done.Rating);
        Assert.Equal(["立项", "新增参与方", "新增节点", "资金到位", "进度更新", "社区验收", "居民评价"], done.Timeline.Select(t => t.Action));
        Assert.Empty(done.Documents);
    }

    [Fact]
    public async Task A_street_or_the_district_picks_the_lead_and_only_nodes_in_scope_can_lead()
    {
        var street = await app.ClientFor("street.fushan");
        var jishan = await Demo.Node(street, OrgLevel.Community, "蕺山社区");
        var page = await street.GetStringAsync("/admin/projects/new");
        Assert.Contains("pj-new-lead-pick", page);
        Assert.Contains("蕺山社区", page);
        Assert.DoesNotContain("东浦街道", page);
        var district = await (await app.ClientFor("district.admin")).GetStringAsync("/admin/projects/new");
        Assert.Contains("东浦街道", district);
        var cadre = await (await app.ClientFor("community.jishan")).GetStringAsync("/admin/projects/new");
        Assert.DoesNotContain("pj-new-lead-pick", cadre);
        Assert.Contains("蕺山社区", cadre);

        var input = new CreateProject(jishan.Id, "测试·府山街道为蕺山社区立项", null, ProjectSource.GovernmentTask, null, null, Paper.Today, null);
        var created = await (await street.PostAsJsonAsync("/api/v1/projects", input, Json.Options)).Read<ProjectDetail>();
        Assert.Equal("蕺山社区", created.OrgUnit);
        // The community it names leads it, so the community accepts it, not the street that filed it.
        Assert.Equal(HttpStatusCode.Forbidden, (await street.PostAsJsonAsync($"/api/v1/projects/{created.Id}/accept", new AcceptInput(null))).StatusCode);
        var other = await (await app.ClientFor("street.dongpu")).PostAsJsonAsync("/api/v1/projects", input with { Title = "测试·东浦越界立项" }, Json.Options);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
    }
}
