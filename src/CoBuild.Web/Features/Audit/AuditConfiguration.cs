using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoBuild.Web.Features.Audit;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.Property(x => x.Actor).HasMaxLength(64);
        b.Property(x => x.Entity).HasMaxLength(24);
        b.Property(x => x.Action).HasMaxLength(32);
        b.Property(x => x.PrevHash).HasMaxLength(64);
        b.Property(x => x.Hash).HasMaxLength(64);
        b.HasIndex(x => new { x.DistrictId, x.Seq }).IsUnique();
        b.HasIndex(x => new { x.Entity, x.EntityId });
    }
}

internal sealed class AuditHeadConfiguration : IEntityTypeConfiguration<AuditHead>
{
    public void Configure(EntityTypeBuilder<AuditHead> b)
    {
        b.HasKey(x => x.DistrictId);
        b.Property(x => x.DistrictId).ValueGeneratedNever();
        b.Property(x => x.Hash).HasMaxLength(64);
    }
}
