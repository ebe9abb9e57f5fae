using CoBuild.Web.Features.Menus;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoBuild.Web.Features.Projects;

internal sealed class ProjectConfiguration : IEntityTypeConfiguration<Project>
{
    public void Configure(EntityTypeBuilder<Project> b)
    {
        b.Property(x => x.Path).HasMaxLength(128);
        b.Property(x => x.Title).HasMaxLength(80);
        b.Property(x => x.Description).HasMaxLength(4000);
        b.Property(x => x.Source).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.HasIndex(x => x.Path);
        b.HasOne(x => x.OrgUnit).WithMany().HasForeignKey(x => x.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<MenuCategory>().WithMany().HasForeignKey(x => x.CategoryId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.AcceptedBy).HasMaxLength(64);
        b.Property(x => x.AcceptanceNote).HasMaxLength(500);
        b.Ignore(x => x.Rating);
        b.HasMany(x => x.Participants).WithOne().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Milestones).WithOne().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Budget).WithOne().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ProjectParticipantConfiguration : IEntityTypeConfiguration<ProjectParticipant>
{
    public void Configure(EntityTypeBuilder<ProjectParticipant> b)
    {
        b.Property(x => x.Role).HasConversion<string>().HasMaxLength(12);
        b.Property(x => x.Duty).HasMaxLength(200);
        b.HasIndex(x => new { x.ProjectId, x.OrgUnitId, x.ResidentUnitId }).IsUnique();
        b.HasIndex(x => x.ResidentUnitId);
        b.HasOne(x => x.OrgUnit).WithMany().HasForeignKey(x => x.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Unit).WithMany().HasForeignKey(x => x.ResidentUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class MilestoneConfiguration : IEntityTypeConfiguration<Milestone>
{
    public void Configure(EntityTypeBuilder<Milestone> b) => b.Property(x => x.Title).HasMaxLength(80);
}

internal sealed class BudgetLineConfiguration : IEntityTypeConfiguration<BudgetLine>
{
    public void Configure(EntityTypeBuilder<BudgetLine> b)
    {
        b.Property(x => x.Source).HasConversion<string>().HasMaxLength(12);
        b.Property(x => x.Funder).HasMaxLength(80);
        b.Property(x => x.Amount).HasPrecision(14, 2);
    }
}

internal sealed class ProjectRatingConfiguration : IEntityTypeConfiguration<ProjectRating>
{
    public void Configure(EntityTypeBuilder<ProjectRating> b)
    {
        b.Property(x => x.UserName).HasMaxLength(64);
        b.Property(x => x.Comment).HasMaxLength(300);
        b.HasIndex(x => new { x.ProjectId, x.UserName }).IsUnique();
        b.HasOne<Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }
}
