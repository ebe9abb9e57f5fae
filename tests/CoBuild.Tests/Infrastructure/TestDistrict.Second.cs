using CoBuild.Web.Features.Auctions;
using CoBuild.Web.Features.Contracts;
using CoBuild.Web.Features.Files;
using CoBuild.Web.Features.Inbox;
using CoBuild.Web.Features.Members;
using CoBuild.Web.Features.Menus;
using CoBuild.Web.Features.Orders;
using CoBuild.Web.Features.Organizations;
using CoBuild.Web.Features.Projects;
using CoBuild.Web.Features.Selection;
using CoBuild.Web.Features.ServiceMenu;
using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using CoBuild.Web.Infrastructure.PersonalData;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoBuild.Tests.Infrastructure;

/// <summary>Builders for a second district and the rows of each tenant-owned list (issue 14: tenant filtering).</summary>
public sealed partial class TestDistrict
{
    public const int SecondDistrictId = 2;

    /// <summary>A second district (乙区) in the same database; its accounts start with "b".</summary>
    internal static Task<TestDistrict> CreateSecondAsync(IServiceProvider services) => CreateAsync(services, SecondDistrictId, "乙区", "330698", "b");

    /// <summary>The district administrator of this district ("t.district", "b.district").</summary>
    public async Task<string> DistrictAdminAsync()
    {
        var userName = $"{_prefix}.district";
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (!await db.Users.AnyAsync(u => u.UserName == userName))
        {
            db.Users.Add(Account(userName, Node.Name + "组织部", Roles.DistrictAdmin, Node));
            await db.SaveChangesAsync();
        }
        return userName;
    }

    /// <summary>
    /// One row of each list a street's staff read, all titled with <paramref name="marker"/>: a street resource, an
    /// organization contract between the community and the unit, a party member reported to the community (with a
    /// personal contract of the street's signing campaign), the unit's claim of the street's need (renamed with the marker
    /// too), a project of the community with a PDF, an auction, a selection round, a committee meeting and a notification of
    /// the street, a service item of the community and a service log of the personal contract. The street needs a community, a unit and a need.
    /// </summary>
    public async Task<TestRows> RowsAsync(TestStreet street, string marker)
    {
        var community = street.Community ?? throw new InvalidOperationException("RowsAsync needs a street built WithCommunity().");
        var unit = street.Unit ?? throw new InvalidOperationException("RowsAsync needs a street built WithUnit().");
        var need = street.Need ?? throw new InvalidOperationException("RowsAsync needs a street built WithNeed().");
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
        var group = await db.MenuCategories.FirstOrDefaultAsync(c => c.DistrictId == Id && c.Code == "Z01");
        if (group is null)
        {
            var top = new MenuCategory(Id, null, "Z", "测试大类", 1);
            db.Add(top);
            await db.SaveChangesAsync();
            group = new MenuCategory(Id, top, "Z01", "测试小组", 1);
            db.Add(group);
            await db.SaveChangesAsync();
        }
        var resource = Resource.OfNode(street.Street, group, ResourceKind.Fund, $"{marker}资源", null, 1000, null, now);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var contract = new OrgContract(community, unit.Id, $"{marker}协议", today, today.AddYears(1), ContractSource.Manual, null, null, now, street.Admin);
        var protector = scope.ServiceProvider.GetRequiredService<PersonalDataProtector>();
        var member = new PartyMember(Id, $"{marker}党员", protector.Protect(Sheets.NewIdCard()), null, null, unit.Id, null);
        member.ReportTo(community, null, null, null, today);
        var marked = await db.Needs.SingleAsync(n => n.Id == need.Id);
        marked.Edit($"{marker}需求", marked.Description, marked.Capacity);
        var order = new Order(OrderKind.Claim, Id, community.Id, community.Path, unit.Id, null, need.Id, null, marked.Title, null, null, null, null, now, street.UnitRep!);
        var project = new Project(community, null, $"{marker}项目", null, ProjectSource.Need, need.Id, today, now);
        var auction = new Auction(street.Street, $"{marker}拍卖会", now.AddDays(7), null, now, street.Admin);
        var round = new SelectionRound(street.Street, $"{marker}双向选择", 3, 1, CoBuild.Matching.Proposer.Units, now, street.Admin);
        var campaign = new SigningCampaign(street.Street, today.Year, $"{marker}签约活动", 10, now, street.Admin);
        db.AddRange(resource, contract, member, order, project, auction, round, campaign);
        await db.SaveChangesAsync();
        var personal = new PersonalContract(Id, member.Id, community.Id, community.Path, today.Year, 10, campaign.Id, new string('0', 64), now, street.Admin);
        // A PDF by its signature whose bytes carry the marker, so a download that leaks it shows.
        var file = StoredFile.FromBytes(System.Text.Encoding.UTF8.GetBytes($"%PDF-1.4\n{marker}项目照片\n%%EOF"), "photo.pdf", Id, "project", project.Id, now, street.Admin);
        var meeting = new CommitteeMeeting(street.Street, $"{marker}联席会议", now.AddDays(3), null, "议程");
        var note = new Notification(Id, street.Street.Id, null, $"{marker}通知", "内容", "/admin", now);
        var service = new ServiceItem(community, $"{marker}服务", null, "便民服务", now);
        db.AddRange(personal, file, meeting, note, service);
        await db.SaveChangesAsync();
        var log = new ServiceLog(personal, today, 1, $"{marker}服务记录", today, now);
        db.Add(log);
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        var cadre = await CallerAsync(db, street.Cadre!);
        await CoBuild.Web.Features.ServiceDesk.CatalogueEdits.PublishAsync(db, cadre, new(community.Id, CoBuild.Web.Features.ServiceDesk.CatalogueEdits.Standard), now, default);
        var ticket = await CoBuild.Web.Features.ServiceDesk.TicketEdits.IntakeAsync(db, cadre,
            new(community.Id, "policy", $"{marker}诉求", $"{marker}居民"), null, null, now, default);
        var admin = new Caller($"{_prefix}.district", Roles.DistrictAdmin, Id, Node.Id, Node.Path, null, null);
        if (!await db.CertificateWhitelistVersions.AnyAsync(v => v.DistrictId == Id))
            await CoBuild.Web.Features.Certificates.CertificateWhitelist.PublishAsync(db, admin, new(DateOnly.FromDateTime(now.UtcDateTime), null, null,
                [.. CoBuild.Web.Features.Certificates.WhitelistSeed.Types]), now, default);
        var certificate = await CoBuild.Web.Features.Certificates.CertificateIssue.IssueAsync(db, cadre, new(community.Id, "residence", $"{marker}居民", $"{marker}入学"), now, default);
        var (open311, _) = CoBuild.Web.Features.ServiceDesk.Open311.Open311Client.Issue(Id, $"{marker}接入应用", now, admin.UserName);
        db.Add(open311);
        await db.SaveChangesAsync();
        return new TestRows(street, resource.Id, contract.Id, member.Id, order.Id, project.Id, auction.Id, round.Id, campaign.Id, personal.Id, file.Id,
            meeting.Id, note.Id, service.Id, log.Id, ticket.Id, certificate.Id, open311.Id);
    }
}

/// <summary>What <see cref="TestDistrict.RowsAsync"/> built, by id.</summary>
public sealed record TestRows(TestStreet Street, int Resource, int Contract, int Member, int Order, int Project, int Auction, int Round,
    int Campaign, int PersonalContract, int File, int Meeting, long Notification, int ServiceItem, long ServiceLog, int Ticket, int Certificate, int Open311Client);
