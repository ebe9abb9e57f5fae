using System.Net;
using System.Net.Http.Json;
using CoBuild.Tests.Infrastructure;
using CoBuild.Web.Features.Contracts;
using CoBuild.Web.Features.ServiceDesk;
using CoBuild.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoBuild.Tests.ServiceDesk;

/// <summary>
/// Journey 6 through the API: the desk files a blocked drain, the back office assigns it, the community escalates,
/// the street routes it to a department that returns it, then to a platform and asks its partner unit for help; the
/// unit takes it as a delivery on its contract, the street closes it and the resident rates it from the receipt.
/// </summary>
[Collection(TestDistrictCollection.Name)]
public sealed class LadderTests(TestDistrictFixture app)
{
    [Fact]
    public async Task A_drain_goes_up_the_ladder_is_helped_by_a_partner_unit_closes_at_the_street_and_is_rated_once()
    {
        var street = await app.District.Street().WithCommunity().WithUnit().BuildAsync();
        await app.District.ServiceDeskAsync(street);
        var contract = await app.District.ContractAsync(street);
        var (dept, deptUser) = await app.District.DepartmentAsync("区住建局");
        var desk = await app.ClientFor(street.Cadre);
        var streetAdmin = await app.ClientFor(street.Admin);
        var unit = await app.ClientFor(street.UnitRep);
        var department = await app.ClientFor(deptUser);

        var receipt = await Desk.FiledAsync(desk, Desk.Drain(street.Community!.Id));
        Assert.Matches(@"^\d{12}-\d{4}-\d{6}$", receipt.Number);
        Assert.Equal(TicketStatus.Received, receipt.Status);
        Assert.True(receipt.DueBy > receipt.AcceptBy);
        var id = receipt.Id;

        Assert.Equal(TicketStatus.Assigned, (await Desk.SteppedAsync(desk, id, "assign", new(Assignee: "网格员小王"))).Ticket.Status);
        await Desk.SteppedAsync(desk, id, "note", new(Text: "现场查看：主管堵塞，需要专业疏通设备"));
        Assert.Equal(HttpStatusCode.BadRequest, (await Desk.StepAsync(desk, id, "escalate", new())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Desk.StepAsync(desk, id, "route", new(Platform: Platform.PublicService))).StatusCode);
        var up = await Desk.SteppedAsync(desk, id, "escalate", new(Reason: "主管网属排水公司，社区无法单独处置"));
        Assert.Equal((TicketStatus.Escalated, TicketLevel.Street), (up.Ticket.Status, up.Ticket.Level));
        Assert.Equal(HttpStatusCode.Forbidden, (await Desk.StepAsync(desk, id, "close", new(Result: "社区不能在街道层级办结"))).StatusCode);

        var routed = await Desk.SteppedAsync(streetAdmin, id, "route", new(DepartmentUnitId: dept.Id));
        Assert.Equal((TicketLevel.District, dept.Name), (routed.Ticket.Level, routed.DepartmentName));
        Assert.Equal(HttpStatusCode.BadRequest, (await Desk.StepAsync(department, id, "return", new())).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Desk.StepAsync(department, id, "return", new(Reason: "属地管网，请街道协调排水公司"))).StatusCode);
        var back = (await streetAdmin.Get<TicketDetail>($"/api/v1/requests/{id}"))!;
        Assert.Equal((TicketStatus.Escalated, TicketLevel.Street, null), (back.Ticket.Status, back.Ticket.Level, back.DepartmentName));
        Assert.Equal(HttpStatusCode.NotFound, (await department.GetAsync($"/api/v1/requests/{id}")).StatusCode);

        await Desk.SteppedAsync(streetAdmin, id, "route", new(Platform: Platform.PublicService));
        Assert.Equal(HttpStatusCode.NotFound, (await unit.GetAsync($"/api/v1/requests/{id}")).StatusCode);
        var asked = await Desk.SteppedAsync(streetAdmin, id, "help", new(UnitId: street.Unit!.Id));
        Assert.Equal(contract.Id, asked.HelperContractId);
        var commitment = contract.Commitments.Single(c => c.Side == ContractSide.Unit);
        var taken = await (await unit.PostAsJsonAsync($"/api/v1/requests/{id}/take", new TakeHelpRequest(commitment.Id, null), Json.Options)).Read<TicketDetail>();
        Assert.NotNull(taken.DeliveryId);

        Assert.Equal(HttpStatusCode.BadRequest, (await Desk.StepAsync(streetAdmin, id, "close", new(Result: " "))).StatusCode);
        var closed = await Desk.SteppedAsync(streetAdmin, id, "close", new(Result: "排水公司已疏通主管并更换破损管段"));
        Assert.Equal((TicketStatus.Closed, TicketLevel.Street), (closed.Ticket.Status, closed.Ticket.Level));
        Assert.Equal(HttpStatusCode.Conflict, (await Desk.StepAsync(desk, id, "escalate", new(Reason: "再上报"))).StatusCode);

        var code = receipt.RateUrl.Split("code=")[1];
        var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.Forbidden, (await Desk.StepAsync(anonymous, id, "rate", new(Rating: Satisfaction.Satisfied, Code: "0000"))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Desk.StepAsync(anonymous, id, "rate", new(Rating: Satisfaction.Satisfied, Code: code))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Desk.StepAsync(anonymous, id, "rate", new(Rating: Satisfaction.Dissatisfied, Code: code))).StatusCode);

        var detail = (await desk.Get<TicketDetail>($"/api/v1/requests/{id}"))!;
        Assert.Equal(Satisfaction.Satisfied, detail.Ticket.Rating);
        Assert.Equal("13800001234", detail.Ticket.Phone);
        Assert.Equal(["drain"], detail.Fields["facility"]);
        Assert.Equal(
            [TicketAction.Receive, TicketAction.Assign, TicketAction.Note, TicketAction.Escalate, TicketAction.Route, TicketAction.Return,
             TicketAction.Route, TicketAction.AskHelp, TicketAction.HelpTaken, TicketAction.Close, TicketAction.Rate],
            detail.Steps.Select(s => s.Action));

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var audited = await db.AuditEntries.AsNoTracking().Where(a => a.Entity == TicketEdits.Entity && a.EntityId == id).OrderBy(a => a.Seq).Select(a => a.Action).ToListAsync();
        Assert.Equal(["receive", "assign", "note", "escalate", "route", "return", "route", "askhelp", "helptaken", "close", "rate"], audited);
        var delivery = await db.Deliveries.AsNoTracking().SingleAsync(d => d.Id == taken.DeliveryId);
        Assert.Equal(contract.Id, delivery.ContractId);
        Assert.Contains(receipt.Number, delivery.Description);
    }

    [Fact]
    public async Task A_removed_certificate_is_refused_at_intake_with_where_to_go_and_an_allowed_one_is_filed()
    {
        var street = await app.District.Street().WithCommunity().BuildAsync();
        await app.District.ServiceDeskAsync(street);
        var desk = await app.ClientFor(street.Cadre);
        IntakeRequest Asking(string certificate) => new(street.Community!.Id, "certificate", "居民申请开具证明", "李阿姨",
            Fields: new() { [TicketEdits.CertificateField] = [certificate], ["purpose"] = ["办理银行业务"] });
        var refused = await Desk.FileAsync(desk, Asking("亲属关系证明"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var detail = (await refused.Problem()).GetProperty("detail").GetString()!;
        Assert.Contains("亲属关系证明", detail);
        Assert.Matches(@"第 \d+ 版（\d{4}年\d+月\d+日审定）", detail);
        Assert.Contains("户口", detail);
        Assert.Equal(HttpStatusCode.BadRequest, (await Desk.FileAsync(desk, Asking("外星人证明"))).StatusCode);
        var filed = await Desk.FiledAsync(desk, Asking("居住证明"));
        var list = (await desk.Get<CoBuild.Web.Features.Menus.MenuPage<TicketRow>>($"/api/v1/requests?community={street.Community!.Id}"))!;
        Assert.Equal([filed.Id], list.Items.Select(r => r.Id));
    }

    [Fact]
    public async Task Bad_input_is_refused_with_the_field_and_nothing_is_filed()
    {
        var street = await app.District.Street().WithCommunity().BuildAsync();
        await app.District.ServiceDeskAsync(street);
        var desk = await app.ClientFor(street.Cadre);
        var c = street.Community!.Id;
        async Task Refused(IntakeRequest request, string field)
        {
            var response = await Desk.FileAsync(desk, request);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True((await response.Problem()).GetProperty("errors").TryGetProperty(field, out _), field);
        }
        await Refused(new IntakeRequest(c, "pet-grooming", "给狗洗澡"), "categoryCode");
        await Refused(new IntakeRequest(c, "facility-repair", "路灯坏了"), "fields.facility");
        await Refused(new IntakeRequest(c, "facility-repair", "路灯坏了", Fields: new() { ["facility"] = ["rocket"] }), "fields.facility");
        await Refused(new IntakeRequest(c, "facility-repair", "路灯坏了", Fields: new() { ["facility"] = ["light"], ["colour"] = ["red"] }), "fields.colour");
        await Refused(new IntakeRequest(c, "policy", ""), "description");
        await Refused(new IntakeRequest(c, "policy", new string('长', Ticket.MaxDescription + 1)), "description");
        await Refused(new IntakeRequest(c, "policy", "咨询", Phone: "12345"), "phone");
        await Refused(new IntakeRequest(c, "safety-hazard", "巡查发现", Fields: new() { ["hazard"] = ["fire"] }, Patrol: true), "address");
        var list = (await desk.Get<CoBuild.Web.Features.Menus.MenuPage<TicketRow>>($"/api/v1/requests?community={c}"))!;
        Assert.Equal(0, list.Total);
    }

    [Fact]
    public async Task Requests_are_seen_and_handled_only_within_scope()
    {
        var street = await app.District.Street().WithCommunity().WithUnit().BuildAsync();
        var other = await app.District.Street().WithCommunity().BuildAsync();
        await app.District.ServiceDeskAsync(street);
        var desk = await app.ClientFor(street.Cadre);
        var receipt = await Desk.FiledAsync(desk, Desk.Drain(street.Community!.Id));
        var strangers = new[] { other.Cadre, other.Admin, other.Resident, street.UnitRep };
        foreach (var name in strangers)
        {
            var client = await app.ClientFor(name);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/requests/{receipt.Id}")).StatusCode);
            var list = (await client.Get<CoBuild.Web.Features.Menus.MenuPage<TicketRow>>("/api/v1/requests"))!;
            Assert.DoesNotContain(list.Items, r => r.Id == receipt.Id);
        }
        foreach (var name in new[] { other.Cadre, other.Admin })
            Assert.Equal(HttpStatusCode.NotFound, (await Desk.StepAsync(await app.ClientFor(name), receipt.Id, "close", new(Result: "越权办结"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Desk.FileAsync(await app.ClientFor(other.Resident), Desk.Drain(street.Community.Id))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Desk.FileAsync(await app.ClientFor(other.Cadre), Desk.Drain(street.Community.Id))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Desk.FileAsync(await app.ClientFor(street.UnitRep), Desk.Drain(street.Community.Id))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Desk.FileAsync(app.CreateClient(), Desk.Drain(street.Community.Id))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Desk.StepAsync(app.CreateClient(), receipt.Id, "rate", new(Rating: Satisfaction.Satisfied))).StatusCode);

        // The resident files from the phone, sees only their own, and rates signed in once it is closed.
        var resident = await app.ClientFor(street.Resident);
        var own = await Desk.FiledAsync(resident, new IntakeRequest(street.Community.Id, "sanitation", "垃圾分类点积存垃圾"));
        var mine = (await resident.Get<CoBuild.Web.Features.Menus.MenuPage<TicketRow>>("/api/v1/requests"))!;
        Assert.Equal([own.Id], mine.Items.Select(r => r.Id));
        Assert.Equal(HttpStatusCode.Conflict, (await Desk.StepAsync(resident, own.Id, "rate", new(Rating: Satisfaction.Satisfied))).StatusCode);
        await Desk.SteppedAsync(desk, own.Id, "close", new(Result: "已清运"));
        Assert.Equal(Satisfaction.BasicallySatisfied, (await Desk.SteppedAsync(resident, own.Id, "rate", new(Rating: Satisfaction.BasicallySatisfied))).Ticket.Rating);
        Assert.Equal(HttpStatusCode.Forbidden, (await Desk.StepAsync(resident, receipt.Id, "rate", new(Rating: Satisfaction.Satisfied))).StatusCode);
    }
}
