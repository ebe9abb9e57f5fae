using System.Net;
using System.Net.Http.Json;
using CoBuild.Tests.Infrastructure;
using CoBuild.Web.Features.Contracts;

namespace CoBuild.Tests.Contracts;

/// <summary>Organization contracts: drafting, signing by each party's account, amendments as new versions.</summary>
[Collection(AppCollection.Name)]
public sealed class SigningTests(AppFixture app, Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task Both_parties_sign_the_same_hash_and_a_signed_contract_is_never_edited()
    {
        var community = await app.ClientFor("community.jishan");
        var unit = await app.ClientFor("unit.drainage");
        var draft = await Paper.DraftAsync(app, "签署测试协议");
        Assert.Equal(ContractStatus.Draft, draft.Contract.Status);
        var id = draft.Contract.Id;

        var edited = await community.PutAsJsonAsync($"/api/v1/org-contracts/{id}", await Paper.InputAsync(app, "签署测试协议（修改稿）"), Json.Options);
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal("签署测试协议（修改稿）", (await edited.Read<ContractDetail>()).Contract.Title);

        // Not a party: the street above may read it but not sign; a stranger does not see it.
        Assert.Equal(HttpStatusCode.Forbidden, (await Paper.SignAsync(await app.ClientFor("street.fushan"), id)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Paper.SignAsync(await app.ClientFor("unit.fushan.01"), id)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientFor("member.demo")).GetAsync($"/api/v1/org-contracts")).StatusCode);

        var first = await Paper.SignAsync(unit, id);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var unitSignature = await first.Read<SignatureRow>();
        var awaiting = (await community.Get<ContractDetail>($"/api/v1/org-contracts/{id}"))!;
        Assert.Equal(ContractStatus.AwaitingSignatures, awaiting.Contract.Status);
        Assert.Equal(awaiting.Versions.Single().ContentHash, unitSignature.ContentHash);

        var put = await community.PutAsJsonAsync($"/api/v1/org-contracts/{id}", await Paper.InputAsync(app, "签后再改"), Json.Options);
        Assert.Equal(HttpStatusCode.Conflict, put.StatusCode);
        Assert.Contains("补充协议", (await put.Problem()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await Paper.SignAsync(community, id, "0000")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Paper.SignAsync(unit, id)).StatusCode);

        var second = await Paper.SignAsync(community, id, unitSignature.ContentHash);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var active = (await community.Get<ContractDetail>($"/api/v1/org-contracts/{id}"))!;
        Assert.Equal(ContractStatus.Active, active.Contract.Status);
        Assert.Equal(1, active.Contract.Version);
        var signatures = active.Versions.Single().Signatures;
        Assert.Equal([ContractSide.Unit, ContractSide.Party], signatures.Select(s => s.Side));
        Assert.All(signatures, s => Assert.Equal(active.Versions.Single().ContentHash, s.ContentHash));
        Assert.Contains(active.History, h => h.What == "签署，协议生效");
        Assert.Equal(HttpStatusCode.Conflict, (await community.PutAsJsonAsync($"/api/v1/org-contracts/{id}", await Paper.InputAsync(app, "生效后再改"), Json.Options)).StatusCode);
    }

    [Fact]
    public async Task Parallel_signatures_of_one_side_record_one()
    {
        var draft = await Paper.DraftAsync(app, "并发签署协议");
        var unit = await app.ClientFor("unit.drainage");
        var seen = (await unit.GetAsync($"/api/v1/org-contracts/{draft.Contract.Id}")).Headers.ETag?.ToString();
        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Paper.SignSeenAsync(unit, draft.Contract.Id, seen)));
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(9, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var detail = (await unit.Get<ContractDetail>($"/api/v1/org-contracts/{draft.Contract.Id}"))!;
        Assert.Single(detail.Versions);
        Assert.Single(detail.Versions[0].Signatures);
    }

    [Fact]
    public async Task A_draft_is_signed_as_shown_and_an_edit_after_showing_refuses_the_signature()
    {
        var draft = await Paper.DraftAsync(app, "所见即所签草稿");
        var id = draft.Contract.Id;
        var community = await app.ClientFor("community.jishan");
        var unit = await app.ClientFor("unit.drainage");
        var shown = (await unit.GetAsync($"/api/v1/org-contracts/{id}")).Headers.ETag?.ToString();
        Assert.NotNull(shown);

        var blind = await Paper.SignSeenAsync(unit, id, null);
        Assert.Equal(HttpStatusCode.PreconditionRequired, blind.StatusCode);
        Assert.Contains("If-Match", (await blind.Problem()).GetProperty("detail").GetString());

        (await community.PutAsJsonAsync($"/api/v1/org-contracts/{id}", await Paper.InputAsync(app, "所见即所签草稿（改）"), Json.Options)).EnsureSuccessStatusCode();
        var stale = await Paper.SignSeenAsync(unit, id, shown);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Contains("草稿刚刚被修改", (await stale.Problem()).GetProperty("detail").GetString());
        var untouched = (await unit.Get<ContractDetail>($"/api/v1/org-contracts/{id}"))!;
        Assert.Equal(ContractStatus.Draft, untouched.Contract.Status);
        Assert.Empty(untouched.Versions);

        Assert.Equal(HttpStatusCode.OK, (await Paper.SignAsync(unit, id)).StatusCode);
    }

    [Fact]
    public async Task A_draft_read_before_the_other_side_froze_it_unchanged_is_signed_as_version_1()
    {
        var draft = await Paper.DraftAsync(app, "冻结前所见");
        var id = draft.Contract.Id;
        var community = await app.ClientFor("community.jishan");
        var unit = await app.ClientFor("unit.drainage");
        var shown = (await unit.GetAsync($"/api/v1/org-contracts/{id}")).Headers.ETag?.ToString();
        Assert.StartsWith("W/\"d", shown);

        // The community's signature freezes the draft as version 1 (and touches the row): the text the unit read is that version.
        Assert.Equal(HttpStatusCode.OK, (await Paper.SignAsync(community, id)).StatusCode);
        Assert.Equal("W/\"v1\"", (await unit.GetAsync($"/api/v1/org-contracts/{id}")).Headers.ETag?.ToString());
        Assert.Equal(HttpStatusCode.OK, (await Paper.SignSeenAsync(unit, id, shown)).StatusCode);
        var active = (await unit.Get<ContractDetail>($"/api/v1/org-contracts/{id}"))!;
        Assert.Equal(ContractStatus.Active, active.Contract.Status);
        Assert.Equal(2, active.Versions.Single().Signatures.Count);
    }

    [Fact]
    public async Task A_draft_read_and_then_edited_before_the_other_side_froze_it_is_not_signed_as_version_1()
    {
        var draft = await Paper.DraftAsync(app, "冻结前已改");
        var id = draft.Contract.Id;
        var community = await app.ClientFor("community.jishan");
        var unit = await app.ClientFor("unit.drainage");
        var shown = (await unit.GetAsync($"/api/v1/org-contracts/{id}")).Headers.ETag?.ToString();
        (await community.PutAsJsonAsync($"/api/v1/org-contracts/{id}", await Paper.InputAsync(app, "冻结前已改（改）"), Json.Options)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.OK, (await Paper.SignAsync(community, id)).StatusCode);

        var stale = await Paper.SignSeenAsync(unit, id, shown);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("协议已更新为第 1 版，请查看新版本后再签署。", (await stale.Problem()).GetProperty("detail").GetString());
        Assert.Single((await unit.Get<ContractDetail>($"/api/v1/org-contracts/{id}"))!.Versions.Single().Signatures);
    }

    [Fact]
    public async Task An_edit_racing_a_signature_never_leaves_a_signature_on_text_the_signer_did_not_see()
    {
        var community = await app.ClientFor("community.jishan");
        var unit = await app.ClientFor("unit.drainage");
        var outcomes = new List<string>();
        for (var round = 0; round < 6; round++)
        {
            var draft = await Paper.DraftAsync(app, $"竞态草稿{round}");
            var id = draft.Contract.Id;
            var shown = (await unit.GetAsync($"/api/v1/org-contracts/{id}")).Headers.ETag?.ToString();
            var edit = await Paper.InputAsync(app, $"竞态草稿{round}（改）");
            var editing = community.PutAsJsonAsync($"/api/v1/org-contracts/{id}", edit, Json.Options);
            var signing = Paper.SignSeenAsync(unit, id, shown);
            var (edited, signed) = (await editing, await signing);

            var after = (await unit.Get<ContractDetail>($"/api/v1/org-contracts/{id}"))!;
            if (signed.StatusCode == HttpStatusCode.OK)
            {
                // The signature came first: the edit is refused and version 1 holds the text the unit read.
                Assert.Equal(HttpStatusCode.Conflict, edited.StatusCode);
                Assert.Equal($"竞态草稿{round}", after.Versions.Single().Title);
                Assert.Equal(after.Versions.Single().ContentHash, after.Versions.Single().Signatures.Single().ContentHash);
                outcomes.Add("signed");
            }
            else
            {
                // The edit came first: the signature on the text read before it is refused and nothing is frozen.
                Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
                Assert.Equal(HttpStatusCode.PreconditionFailed, signed.StatusCode);
                Assert.Equal(ContractStatus.Draft, after.Contract.Status);
                Assert.Equal($"竞态草稿{round}（改）", after.Contract.Title);
                Assert.Empty(after.Versions);
                outcomes.Add("edited");
            }
        }
        Assert.Equal(6, outcomes.Count);
        output.WriteLine("first to commit: " + string.Join(", ", outcomes));
    }

    [Fact]
    public async Task Signing_the_version_shown_before_an_amendment_is_refused_and_writes_nothing()
    {
        var active = await Paper.ActiveAsync(app, "所见即所签修订");
        var id = active.Contract.Id;
        var community = await app.ClientFor("community.jishan");
        var unit = await app.ClientFor("unit.drainage");
        var shown = (await community.GetAsync($"/api/v1/org-contracts/{id}")).Headers.ETag?.ToString();
        Assert.Equal("W/\"v1\"", shown);

        (await unit.PostAsJsonAsync($"/api/v1/org-contracts/{id}/amendments", new AmendmentInput(null, Paper.Today.AddDays(300), null, "延长期限"), Json.Options)).EnsureSuccessStatusCode();
        var stale = await Paper.SignSeenAsync(community, id, shown);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("协议已更新为第 2 版，请查看新版本后再签署。", (await stale.Problem()).GetProperty("detail").GetString());
        var pending = (await community.Get<ContractDetail>($"/api/v1/org-contracts/{id}"))!;
        Assert.Empty(pending.Versions.Single(v => v.Number == 2).Signatures);
        Assert.Equal(1, pending.Contract.Version);

        var current = (await community.GetAsync($"/api/v1/org-contracts/{id}")).Headers.ETag?.ToString();
        Assert.Equal("W/\"v2\"", current);
        Assert.Equal(HttpStatusCode.OK, (await Paper.SignSeenAsync(community, id, current)).StatusCode);
    }

    [Fact]
    public async Task An_amendment_is_a_new_version_both_sign_and_the_old_one_stays_readable()
    {
        var active = await Paper.ActiveAsync(app, "修订测试协议");
        var id = active.Contract.Id;
        var community = await app.ClientFor("community.jishan");
        var unit = await app.ClientFor("unit.drainage");
        var kept = active.Commitments.First(c => c.Side == ContractSide.Unit);
        var dropped = active.Commitments.First(c => c.Side == ContractSide.Party);

        var noReason = await unit.PostAsJsonAsync($"/api/v1/org-contracts/{id}/amendments", new AmendmentInput(null, null, null, " "), Json.Options);
        Assert.True((await noReason.Problem()).GetProperty("errors").TryGetProperty("reason", out _));
        var amendment = new AmendmentInput(null, Paper.Today.AddDays(300),
            [new CommitmentInput(kept.Id, "每两周一次管网巡检", Paper.Today.AddDays(40), null, null, null), new CommitmentInput(null, "汛前排涝演练", Paper.Today.AddDays(60), ContractSide.Unit, null, null)],
            "汛期加密巡检");
        var proposed = await unit.PostAsJsonAsync($"/api/v1/org-contracts/{id}/amendments", amendment, Json.Options);
        Assert.Equal(HttpStatusCode.Created, proposed.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await community.PostAsJsonAsync($"/api/v1/org-contracts/{id}/amendments", amendment, Json.Options)).StatusCode);

        foreach (var c in new[] { unit, community }) (await Paper.SignAsync(c, id)).EnsureSuccessStatusCode();
        var amended = (await community.Get<ContractDetail>($"/api/v1/org-contracts/{id}"))!;
        Assert.Equal(2, amended.Contract.Version);
        Assert.Equal(Paper.Today.AddDays(300), amended.Contract.EndsOn);
        Assert.Equal("每两周一次管网巡检", amended.Commitments.Single(c => c.Id == kept.Id).Title);
        Assert.True(amended.Commitments.Single(c => c.Id == dropped.Id).Removed);
        Assert.Contains(amended.Commitments, c => c.Title == "汛前排涝演练" && !c.Removed);
        Assert.NotEqual(amended.Versions[0].ContentHash, amended.Versions[1].ContentHash);

        var v1 = await community.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/org-contracts/{id}/versions/1");
        var titles = v1.GetProperty("content").GetProperty("commitments").EnumerateArray().Select(c => c.GetProperty("title").GetString()).ToList();
        Assert.Contains("每月一次管网巡检", titles);
        Assert.DoesNotContain("汛前排涝演练", titles);

        (await community.PostAsJsonAsync($"/api/v1/org-contracts/{id}/terminate", new EndRequest("单位改制"))).EnsureSuccessStatusCode();
        var late = await unit.PostAsJsonAsync($"/api/v1/org-contracts/{id}/amendments", amendment with { Reason = "终止后再修订" }, Json.Options);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("已终止", (await late.Problem()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Dates_out_of_order_and_commitments_outside_the_term_are_refused_by_field()
    {
        var community = await app.ClientFor("community.jishan");
        var reversed = await community.PostAsJsonAsync("/api/v1/org-contracts", await Paper.InputAsync(app, "日期颠倒", Paper.Today, Paper.Today.AddDays(-1)), Json.Options);
        Assert.Equal(HttpStatusCode.BadRequest, reversed.StatusCode);
        Assert.True((await reversed.Problem()).GetProperty("errors").TryGetProperty("endsOn", out _));
        var outside = await community.PostAsJsonAsync("/api/v1/org-contracts", await Paper.InputAsync(app, "承诺超期", null, null, ("超期承诺", 900, ContractSide.Unit)), Json.Options);
        Assert.True((await outside.Problem()).GetProperty("errors").TryGetProperty("commitments", out _));
        var none = await community.PostAsJsonAsync("/api/v1/org-contracts", (await Paper.InputAsync(app, "没有承诺")) with { Commitments = [] }, Json.Options);
        Assert.True((await none.Problem()).GetProperty("errors").TryGetProperty("commitments", out _));
        foreach (var user in new[] { "member.demo", "resident.demo" })
            Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientFor(user)).PostAsJsonAsync("/api/v1/org-contracts", await Paper.InputAsync(app, "无权起草"), Json.Options)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await (await app.ClientFor(null)).PostAsJsonAsync("/api/v1/org-contracts", await Paper.InputAsync(app, "匿名"), Json.Options)).StatusCode);
    }

    [Fact]
    public async Task Who_sees_contracts_is_a_matrix_of_scope()
    {
        var draft = await Paper.DraftAsync(app, "可见性协议");
        var url = $"/api/v1/org-contracts/{draft.Contract.Id}";
        var expected = new Dictionary<string, HttpStatusCode>
        {
            ["district.admin"] = HttpStatusCode.OK, ["street.fushan"] = HttpStatusCode.OK, ["community.jishan"] = HttpStatusCode.OK, ["unit.drainage"] = HttpStatusCode.OK,
            ["street.dongpu"] = HttpStatusCode.NotFound, ["unit.fushan.01"] = HttpStatusCode.NotFound, ["dept.housing"] = HttpStatusCode.NotFound,
            ["member.demo"] = HttpStatusCode.Forbidden, ["resident.demo"] = HttpStatusCode.Forbidden, // the route admits the two sides only
        };
        foreach (var (user, status) in expected) Assert.True(status == (await (await app.ClientFor(user)).GetAsync(url)).StatusCode, user);
        Assert.Equal(HttpStatusCode.Unauthorized, (await (await app.ClientFor(null)).GetAsync(url)).StatusCode);
        var dongpu = (await (await app.ClientFor("street.dongpu")).Get<CoBuild.Web.Features.Menus.MenuPage<ContractRow>>("/api/v1/org-contracts?pageSize=200"))!;
        Assert.DoesNotContain(dongpu.Items, c => c.Id == draft.Contract.Id);
        var mine = (await (await app.ClientFor("unit.drainage")).Get<CoBuild.Web.Features.Menus.MenuPage<ContractRow>>("/api/v1/org-contracts?pageSize=200"))!;
        Assert.All(mine.Items, c => Assert.Equal(draft.Contract.UnitId, c.UnitId));
    }
}
