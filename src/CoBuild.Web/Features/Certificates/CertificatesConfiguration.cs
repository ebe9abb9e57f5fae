using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoBuild.Web.Features.Certificates;

internal sealed class CertificateWhitelistVersionConfiguration : IEntityTypeConfiguration<CertificateWhitelistVersion>
{
    public void Configure(EntityTypeBuilder<CertificateWhitelistVersion> b)
    {
        b.Property(x => x.Notes).HasMaxLength(500);
        b.Property(x => x.PublishedBy).HasMaxLength(64);
        // Two publications at once both ask for the next number: one wins, the other is a 409.
        b.HasIndex(x => new { x.DistrictId, x.Version }).IsUnique();
        b.HasMany(x => x.Types).WithOne().HasForeignKey(t => t.VersionId).OnDelete(DeleteBehavior.Cascade);
        b.Ignore(x => x.Label);
    }
}

internal sealed class CertificateTypeConfiguration : IEntityTypeConfiguration<CertificateType>
{
    public void Configure(EntityTypeBuilder<CertificateType> b)
    {
        b.Property(x => x.Code).HasMaxLength(40);
        b.Property(x => x.Name).HasMaxLength(40);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Basis).HasMaxLength(300);
        b.Property(x => x.Alternative).HasMaxLength(300);
        b.HasIndex(x => new { x.VersionId, x.Code }).IsUnique();
    }
}

internal sealed class CertificateConfiguration : IEntityTypeConfiguration<Certificate>
{
    public void Configure(EntityTypeBuilder<Certificate> b)
    {
        b.Property(x => x.Path).HasMaxLength(128);
        b.Property(x => x.Serial).HasMaxLength(40);
        b.Property(x => x.TypeCode).HasMaxLength(40);
        b.Property(x => x.TypeName).HasMaxLength(40);
        b.Property(x => x.ResidentName).HasMaxLength(40);
        b.Property(x => x.Purpose).HasMaxLength(100);
        b.Property(x => x.IssuedBy).HasMaxLength(64);
        b.Property(x => x.VerifyToken).HasMaxLength(32);
        b.Property(x => x.RevokedBy).HasMaxLength(64);
        b.Property(x => x.RevokeReason).HasMaxLength(200);
        b.HasOne(x => x.Community).WithMany().HasForeignKey(x => x.CommunityId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.Serial).IsUnique();
        b.HasIndex(x => new { x.CommunityId, x.Year, x.Sequence }).IsUnique();
        b.HasIndex(x => x.VerifyToken).IsUnique();
        b.HasIndex(x => new { x.DistrictId, x.Path });
        b.Ignore(x => x.Revoked);
    }
}

internal sealed class CertificateCounterConfiguration : IEntityTypeConfiguration<CertificateCounter>
{
    public void Configure(EntityTypeBuilder<CertificateCounter> b)
    {
        b.HasKey(x => new { x.CommunityId, x.Year });
        b.Property(x => x.CommunityId).ValueGeneratedNever();
        b.Property(x => x.Year).ValueGeneratedNever();
    }
}
