using CoBuild.Web.Features.Contracts;
using CoBuild.Web.Features.Menus;
using CoBuild.Web.Features.Organizations;
using CoBuild.Web.Features.Projects;
using CoBuild.Web.Features.Selection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoBuild.Web.Features.Auctions;

internal sealed class AuctionConfiguration : IEntityTypeConfiguration<Auction>
{
    public void Configure(EntityTypeBuilder<Auction> b)
    {
        b.Property(x => x.Title).HasMaxLength(80);
        b.Property(x => x.Path).HasMaxLength(128);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Mode).HasConversion<string>().HasMaxLength(8);
        b.Property(x => x.CreatedBy).HasMaxLength(64);
        b.HasIndex(x => x.Path);
        b.HasOne(x => x.Street).WithMany().HasForeignKey(x => x.StreetId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<SelectionRound>().WithMany().HasForeignKey(x => x.SelectionRoundId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Auction>().WithMany().HasForeignKey(x => x.ReplayOfId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AuctionBidderConfiguration : IEntityTypeConfiguration<AuctionBidder>
{
    public void Configure(EntityTypeBuilder<AuctionBidder> b)
    {
        b.HasIndex(x => new { x.AuctionId, x.ResidentUnitId }).IsUnique();
        b.HasIndex(x => new { x.AuctionId, x.PaddleNo }).IsUnique();
        b.HasOne<Auction>().WithMany().HasForeignKey(x => x.AuctionId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Unit).WithMany().HasForeignKey(x => x.ResidentUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AuctionEntryConfiguration : IEntityTypeConfiguration<AuctionEntry>
{
    public void Configure(EntityTypeBuilder<AuctionEntry> b)
    {
        b.Property(x => x.Action).HasMaxLength(24);
        b.Property(x => x.Detail).HasMaxLength(500);
        b.Property(x => x.Actor).HasMaxLength(64);
        b.HasIndex(x => x.AuctionId);
        b.HasOne<Auction>().WithMany().HasForeignKey(x => x.AuctionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class LotConfiguration : IEntityTypeConfiguration<Lot>
{
    public void Configure(EntityTypeBuilder<Lot> b)
    {
        b.Property(x => x.Title).HasMaxLength(80);
        b.Property(x => x.Description).HasMaxLength(2000);
        b.Property(x => x.Mode).HasConversion<string>().HasMaxLength(8);
        b.Property(x => x.TieRule).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.PledgeUnit).HasConversion<string>().HasMaxLength(8);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(10);
        b.Property(x => x.Increment).HasPrecision(14, 2);
        b.HasIndex(x => new { x.AuctionId, x.Number }).IsUnique();
        b.HasIndex(x => new { x.AuctionId, x.Status });
        // Backstop of "one lot open at a time" behind the auction-row lock.
        b.HasIndex(x => x.AuctionId).IsUnique().HasFilter("\"Status\" = 'Open'").HasDatabaseName("IX_Lots_OneOpenPerAuction");
        b.HasOne<Auction>().WithMany().HasForeignKey(x => x.AuctionId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Need>().WithMany().HasForeignKey(x => x.NeedId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class BidConfiguration : IEntityTypeConfiguration<Bid>
{
    public void Configure(EntityTypeBuilder<Bid> b)
    {
        b.Property(x => x.Pledge).HasPrecision(14, 2);
        b.Property(x => x.PledgeNote).HasMaxLength(200);
        b.Property(x => x.RaisedBy).HasMaxLength(64);
        // The last guard of "one paddle per unit and lot" behind the lot-row lock.
        b.HasIndex(x => new { x.LotId, x.ResidentUnitId }).IsUnique();
        b.HasOne<Lot>().WithMany().HasForeignKey(x => x.LotId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<ResidentUnit>().WithMany().HasForeignKey(x => x.ResidentUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AwardConfiguration : IEntityTypeConfiguration<Award>
{
    public void Configure(EntityTypeBuilder<Award> b)
    {
        b.Property(x => x.Pledge).HasPrecision(14, 2);
        b.Property(x => x.Reason).HasMaxLength(200);
        b.Property(x => x.RevokeReason).HasMaxLength(200);
        // One award per unit per hammer: a repeated hammer cannot write a second set.
        b.HasIndex(x => new { x.LotId, x.HammerNo, x.ResidentUnitId }).IsUnique();
        b.HasOne<Lot>().WithMany().HasForeignKey(x => x.LotId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<ResidentUnit>().WithMany().HasForeignKey(x => x.ResidentUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<OrgContract>().WithMany().HasForeignKey(x => x.OrgContractId).OnDelete(DeleteBehavior.Restrict);
    }
}
