using CoBuild.Web.Features.Menus;
using CoBuild.Web.Features.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoBuild.Web.Features.Selection;

internal sealed class SelectionRoundConfiguration : IEntityTypeConfiguration<SelectionRound>
{
    public void Configure(EntityTypeBuilder<SelectionRound> b)
    {
        b.Property(x => x.Title).HasMaxLength(80);
        b.Property(x => x.Path).HasMaxLength(128);
        b.Property(x => x.Proposer).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.CreatedBy).HasMaxLength(64);
        b.HasIndex(x => x.StreetId);
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(x => x.StreetId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Needs).WithOne().HasForeignKey(x => x.SelectionRoundId);
        b.HasMany(x => x.Units).WithOne().HasForeignKey(x => x.SelectionRoundId);
        b.Navigation(x => x.Needs).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(x => x.Units).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class RoundNeedConfiguration : IEntityTypeConfiguration<RoundNeed>
{
    public void Configure(EntityTypeBuilder<RoundNeed> b)
    {
        b.HasIndex(x => new { x.SelectionRoundId, x.NeedId }).IsUnique();
        b.HasOne<Need>().WithMany().HasForeignKey(x => x.NeedId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RoundUnitConfiguration : IEntityTypeConfiguration<RoundUnit>
{
    public void Configure(EntityTypeBuilder<RoundUnit> b)
    {
        b.HasIndex(x => new { x.SelectionRoundId, x.ResidentUnitId }).IsUnique();
        b.HasOne<ResidentUnit>().WithMany().HasForeignKey(x => x.ResidentUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RoundRankingConfiguration : IEntityTypeConfiguration<RoundRanking>
{
    public void Configure(EntityTypeBuilder<RoundRanking> b)
    {
        b.Property(x => x.Side).HasConversion<string>().HasMaxLength(8);
        b.HasIndex(x => new { x.SelectionRoundId, x.Side, x.NeedId, x.ResidentUnitId }).IsUnique();
        b.HasOne<SelectionRound>().WithMany().HasForeignKey(x => x.SelectionRoundId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RoundOutcomeConfiguration : IEntityTypeConfiguration<RoundOutcome>
{
    public void Configure(EntityTypeBuilder<RoundOutcome> b)
    {
        b.Property(x => x.Reason).HasConversion<string>().HasMaxLength(24);
        b.HasIndex(x => new { x.SelectionRoundId, x.NeedId, x.ResidentUnitId }).IsUnique();
        b.HasOne<SelectionRound>().WithMany().HasForeignKey(x => x.SelectionRoundId).OnDelete(DeleteBehavior.Cascade);
    }
}
