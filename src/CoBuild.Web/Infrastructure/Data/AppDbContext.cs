using CoBuild.Web.Features.Auctions;
using CoBuild.Web.Features.Audit;
using CoBuild.Web.Features.Contracts;
using CoBuild.Web.Features.Files;
using CoBuild.Web.Features.Inbox;
using CoBuild.Web.Features.Members;
using CoBuild.Web.Features.Menus;
using CoBuild.Web.Features.Orders;
using CoBuild.Web.Features.Organizations;
using CoBuild.Web.Features.Projects;
using CoBuild.Web.Features.Selection;
using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.PersonalData;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Web.Infrastructure.Data;

/// <summary>
/// The one context. Each provider has a subclass only so that its migrations live in their own folder
/// (EF's "one context type per provider" layout); the model is the same. Queries see one district (DistrictFilter.cs).
/// </summary>
public partial class AppDbContext(DbContextOptions options) : IdentityDbContext<AppUser>(options)
{
    public DbSet<OrgUnit> OrgUnits => Set<OrgUnit>();
    public DbSet<ResidentUnit> ResidentUnits => Set<ResidentUnit>();
    public DbSet<PartyOrganization> PartyOrganizations => Set<PartyOrganization>();
    public DbSet<PartyMember> PartyMembers => Set<PartyMember>();
    public DbSet<MemberRegistration> MemberRegistrations => Set<MemberRegistration>();
    public DbSet<CommitteeSeat> CommitteeSeats => Set<CommitteeSeat>();
    public DbSet<CommitteeMeeting> CommitteeMeetings => Set<CommitteeMeeting>();
    public DbSet<Venue> Venues => Set<Venue>();
    public DbSet<Room> Rooms => Set<Room>();
    public DbSet<PersonalDataAccess> PersonalDataAccesses => Set<PersonalDataAccess>();
    public DbSet<MenuCategory> MenuCategories => Set<MenuCategory>();
    public DbSet<Need> Needs => Set<Need>();
    public DbSet<Resource> Resources => Set<Resource>();
    public DbSet<Project> Projects => Set<Project>();
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<OrderEvent> OrderEvents => Set<OrderEvent>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<SelectionRound> SelectionRounds => Set<SelectionRound>();
    public DbSet<RoundRanking> RoundRankings => Set<RoundRanking>();
    public DbSet<RoundOutcome> RoundOutcomes => Set<RoundOutcome>();
    public DbSet<Auction> Auctions => Set<Auction>();
    public DbSet<AuctionBidder> AuctionBidders => Set<AuctionBidder>();
    public DbSet<AuctionEntry> AuctionEntries => Set<AuctionEntry>();
    public DbSet<Lot> Lots => Set<Lot>();
    public DbSet<Bid> Bids => Set<Bid>();
    public DbSet<Award> Awards => Set<Award>();
    public DbSet<OrgContract> OrgContracts => Set<OrgContract>();
    public DbSet<Commitment> Commitments => Set<Commitment>();
    public DbSet<Delivery> Deliveries => Set<Delivery>();
    public DbSet<ContractVersion> ContractVersions => Set<ContractVersion>();
    public DbSet<ContractSignature> ContractSignatures => Set<ContractSignature>();
    public DbSet<ContractEvaluation> ContractEvaluations => Set<ContractEvaluation>();
    public DbSet<PersonalContract> PersonalContracts => Set<PersonalContract>();
    public DbSet<PersonalContractItem> PersonalContractItems => Set<PersonalContractItem>();
    public DbSet<ServiceLog> ServiceLogs => Set<ServiceLog>();
    public DbSet<Features.ServiceMenu.ServiceItem> ServiceItems => Set<Features.ServiceMenu.ServiceItem>();
    public DbSet<SigningCampaign> SigningCampaigns => Set<SigningCampaign>();
    public DbSet<ProjectParticipant> ProjectParticipants => Set<ProjectParticipant>();
    public DbSet<Milestone> Milestones => Set<Milestone>();
    public DbSet<BudgetLine> BudgetLines => Set<BudgetLine>();
    public DbSet<ProjectRating> ProjectRatings => Set<ProjectRating>();
    public DbSet<StoredFile> Files => Set<StoredFile>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<AuditHead> AuditHeads => Set<AuditHead>();
    public DbSet<Features.ServiceDesk.ServiceCatalogue> ServiceCatalogues => Set<Features.ServiceDesk.ServiceCatalogue>();
    public DbSet<Features.ServiceDesk.ServiceCategory> ServiceCategories => Set<Features.ServiceDesk.ServiceCategory>();
    public DbSet<Features.ServiceDesk.Ticket> Tickets => Set<Features.ServiceDesk.Ticket>();
    public DbSet<Features.ServiceDesk.TicketEvent> TicketEvents => Set<Features.ServiceDesk.TicketEvent>();
    public DbSet<Features.ServiceDesk.TicketCounter> TicketCounters => Set<Features.ServiceDesk.TicketCounter>();
    public DbSet<Features.ServiceDesk.WorkCalendarDay> WorkCalendarDays => Set<Features.ServiceDesk.WorkCalendarDay>();
    public DbSet<Features.ServiceDesk.GridVisit> GridVisits => Set<Features.ServiceDesk.GridVisit>();
    public DbSet<Features.Certificates.CertificateWhitelistVersion> CertificateWhitelistVersions => Set<Features.Certificates.CertificateWhitelistVersion>();
    public DbSet<Features.Certificates.CertificateType> CertificateTypes => Set<Features.Certificates.CertificateType>();
    public DbSet<Features.Certificates.Certificate> Certificates => Set<Features.Certificates.Certificate>();
    public DbSet<Features.Certificates.CertificateCounter> CertificateCounters => Set<Features.Certificates.CertificateCounter>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
        builder.Entity<AppUser>(u =>
        {
            u.Property(x => x.DisplayName).HasMaxLength(64);
            u.Property(x => x.Role).HasMaxLength(32);
            u.Property(x => x.ScopePath).HasMaxLength(128);
        });
        AddDistrictFilters(builder);
    }
}

public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        // SQLite has no timestamp type: UTC ticks keep ordering and range queries in SQL.
        builder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }
}

public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // Bytewise order for path range filters (see PathRange); a linguistic collation may ignore the '/'.
        builder.Entity<OrgUnit>().Property(x => x.Path).UseCollation("C");
        builder.Entity<MemberRegistration>().Property(x => x.CommunityPath).UseCollation("C");
        builder.Entity<Need>().Property(x => x.Path).UseCollation("C");
        builder.Entity<Resource>().Property(x => x.Path).UseCollation("C");
        builder.Entity<Project>().Property(x => x.Path).UseCollation("C");
        builder.Entity<Order>().Property(x => x.BeneficiaryPath).UseCollation("C");
        builder.Entity<Auction>().Property(x => x.Path).UseCollation("C");
        builder.Entity<OrgContract>().Property(x => x.Path).UseCollation("C");
        builder.Entity<PersonalContract>().Property(x => x.Path).UseCollation("C");
        builder.Entity<ServiceLog>().Property(x => x.Path).UseCollation("C");
        builder.Entity<Features.ServiceMenu.ServiceItem>().Property(x => x.Path).UseCollation("C");
        builder.Entity<SigningCampaign>().Property(x => x.Path).UseCollation("C");
        builder.Entity<Features.ServiceDesk.ServiceCatalogue>().Property(x => x.Path).UseCollation("C");
        builder.Entity<Features.ServiceDesk.Ticket>().Property(x => x.Path).UseCollation("C");
        builder.Entity<Features.ServiceDesk.GridVisit>().Property(x => x.Path).UseCollation("C");
        builder.Entity<Features.Certificates.Certificate>().Property(x => x.Path).UseCollation("C");
    }
}

internal sealed class UtcTicksConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
