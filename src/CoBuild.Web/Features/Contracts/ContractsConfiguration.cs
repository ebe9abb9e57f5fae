using CoBuild.Web.Features.Members;
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
        b.Property(x => x.Pledge).HasPrecision(14, 2);
        b.Property(x => x.PledgeUnit).HasMaxLength(8);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.Source).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.CreatedBy).HasMaxLength(64);
        b.Property(x => x.EndReason).HasMaxLength(500);
        b.Property(x => x.UpdatedAt).IsConcurrencyToken();
        b.Ignore(x => x.Number);
        b.HasIndex(x => x.Path);
        b.HasIndex(x => new { x.ResidentUnitId, x.Status });
        b.HasIndex(x => new { x.Source, x.SourceId });
        b.HasOne(x => x.OrgUnit).WithMany().HasForeignKey(x => x.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Unit).WithMany().HasForeignKey(x => x.ResidentUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Commitments).WithOne().HasForeignKey(x => x.ContractId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CommitmentConfiguration : IEntityTypeConfiguration<Commitment>
{
    public void Configure(EntityTypeBuilder<Commitment> b)
    {
        b.Property(x => x.Title).HasMaxLength(200);
        b.Property(x => x.Side).HasConversion<string>().HasMaxLength(8);
        b.Property(x => x.Link).HasConversion<string>().HasMaxLength(16);
        b.HasIndex(x => new { x.DueOn, x.DoneOn });
    }
}

internal sealed class DeliveryConfiguration : IEntityTypeConfiguration<Delivery>
{
    public void Configure(EntityTypeBuilder<Delivery> b)
    {
        b.Property(x => x.Description).HasMaxLength(1000);
        b.Property(x => x.Quantity).HasPrecision(14, 2);
        b.Property(x => x.QuantityUnit).HasMaxLength(8);
        b.Property(x => x.Side).HasConversion<string>().HasMaxLength(8);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(12);
        b.Property(x => x.CreatedBy).HasMaxLength(64);
        b.Property(x => x.AnsweredBy).HasMaxLength(64);
        b.Property(x => x.AnswerNote).HasMaxLength(500);
        b.HasIndex(x => new { x.ContractId, x.CommitmentId });
        b.HasOne<OrgContract>().WithMany().HasForeignKey(x => x.ContractId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Commitment>().WithMany().HasForeignKey(x => x.CommitmentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ContractVersionConfiguration : IEntityTypeConfiguration<ContractVersion>
{
    public void Configure(EntityTypeBuilder<ContractVersion> b)
    {
        b.Property(x => x.Title).HasMaxLength(120);
        b.Property(x => x.ContentHash).HasMaxLength(64);
        b.Property(x => x.Reason).HasMaxLength(500);
        b.Property(x => x.CreatedBy).HasMaxLength(64);
        b.HasIndex(x => new { x.ContractId, x.Number }).IsUnique();
        b.HasIndex(x => x.ContentHash);
        b.HasOne<OrgContract>().WithMany().HasForeignKey(x => x.ContractId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ContractSignatureConfiguration : IEntityTypeConfiguration<ContractSignature>
{
    public void Configure(EntityTypeBuilder<ContractSignature> b)
    {
        b.Property(x => x.Side).HasConversion<string>().HasMaxLength(8);
        b.Property(x => x.UserName).HasMaxLength(64);
        b.Property(x => x.SignerName).HasMaxLength(64);
        b.Property(x => x.ContentHash).HasMaxLength(64);
        // One signature per side and version, whatever races.
        b.HasIndex(x => new { x.ContractId, x.Version, x.Side }).IsUnique();
        b.HasOne<OrgContract>().WithMany().HasForeignKey(x => x.ContractId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ContractEvaluationConfiguration : IEntityTypeConfiguration<ContractEvaluation>
{
    public void Configure(EntityTypeBuilder<ContractEvaluation> b)
    {
        b.Property(x => x.RaterSide).HasConversion<string>().HasMaxLength(8);
        b.Property(x => x.Comment).HasMaxLength(500);
        b.Property(x => x.CreatedBy).HasMaxLength(64);
        b.HasIndex(x => new { x.ContractId, x.Period, x.RaterSide }).IsUnique();
        b.HasOne<OrgContract>().WithMany().HasForeignKey(x => x.ContractId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PersonalContractConfiguration : IEntityTypeConfiguration<PersonalContract>
{
    public void Configure(EntityTypeBuilder<PersonalContract> b)
    {
        b.Property(x => x.Path).HasMaxLength(128);
        b.Property(x => x.PledgedHours).HasPrecision(6, 1);
        b.Property(x => x.HoursDone).HasPrecision(7, 1);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(12);
        b.Property(x => x.ContentHash).HasMaxLength(64);
        b.Property(x => x.SignedBy).HasMaxLength(64);
        b.Property(x => x.Grade).HasMaxLength(8);
        b.Property(x => x.GradeComment).HasMaxLength(500);
        b.Property(x => x.EvaluatedBy).HasMaxLength(64);
        // A member holds one live contract a year; a terminated one does not block signing again.
        b.HasIndex(x => new { x.PartyMemberId, x.Year }).IsUnique().HasFilter("\"Status\" <> 'Terminated'").HasDatabaseName("IX_PersonalContracts_OnePerYear");
        b.HasIndex(x => new { x.Path, x.Year });
        b.HasOne(x => x.PartyMember).WithMany().HasForeignKey(x => x.PartyMemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Community).WithMany().HasForeignKey(x => x.CommunityId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<SigningCampaign>().WithMany().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Items).WithOne().HasForeignKey(x => x.ContractId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PersonalContractItemConfiguration : IEntityTypeConfiguration<PersonalContractItem>
{
    public void Configure(EntityTypeBuilder<PersonalContractItem> b)
    {
        b.Property(x => x.Title).HasMaxLength(80);
        b.HasOne<ServiceMenu.ServiceItem>().WithMany().HasForeignKey(x => x.ServiceItemId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ServiceLogConfiguration : IEntityTypeConfiguration<ServiceLog>
{
    public void Configure(EntityTypeBuilder<ServiceLog> b)
    {
        b.Property(x => x.Path).HasMaxLength(128);
        b.Property(x => x.Hours).HasPrecision(4, 1);
        b.Property(x => x.What).HasMaxLength(200);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(12);
        b.Property(x => x.AnsweredBy).HasMaxLength(64);
        b.Property(x => x.AnswerNote).HasMaxLength(500);
        b.HasIndex(x => new { x.ContractId, x.On });
        b.HasIndex(x => new { x.Path, x.Status });
        b.HasOne<PersonalContract>().WithMany().HasForeignKey(x => x.ContractId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<PartyMember>().WithMany().HasForeignKey(x => x.PartyMemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Files.StoredFile>().WithMany().HasForeignKey(x => x.PhotoId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SigningCampaignConfiguration : IEntityTypeConfiguration<SigningCampaign>
{
    public void Configure(EntityTypeBuilder<SigningCampaign> b)
    {
        b.Property(x => x.Path).HasMaxLength(128);
        b.Property(x => x.Title).HasMaxLength(80);
        b.Property(x => x.SuggestedHours).HasPrecision(6, 1);
        b.Property(x => x.CreatedBy).HasMaxLength(64);
        b.HasIndex(x => new { x.OrgUnitId, x.Year }).IsUnique();
        b.HasOne(x => x.OrgUnit).WithMany().HasForeignKey(x => x.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}
