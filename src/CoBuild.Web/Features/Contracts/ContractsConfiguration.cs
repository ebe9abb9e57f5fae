using CoBuild.Web.Features.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoBuild.Web.Features.Contracts;

internal sealed class OrgContractConfiguration : IEntityTypeConfiguration<OrgContract>
{
    public void Configure(EntityTypeBuilder<OrgContract> b)
    {
        b.Property(x => x.Path).HasMaxLength(128);
        b.Property(x => x.Title).HasMaxLength(120);
        b.Property(x => x.Commitment).HasMaxLength(2000);
        b.Property(x => x.Pledge).HasPrecision(14, 2);
        b.Property(x => x.PledgeUnit).HasMaxLength(8);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.Source).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.CreatedBy).HasMaxLength(64);
        b.HasIndex(x => x.Path);
        b.HasIndex(x => new { x.ResidentUnitId, x.Status });
        b.HasIndex(x => new { x.Source, x.SourceId });
        b.HasOne(x => x.OrgUnit).WithMany().HasForeignKey(x => x.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Unit).WithMany().HasForeignKey(x => x.ResidentUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Restrict);
    }
}
