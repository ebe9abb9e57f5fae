using CoBuild.Web.Features.Organizations;
using CoBuild.Web.Infrastructure.PersonalData;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoBuild.Web.Features.Members;

internal sealed class PartyMemberConfiguration : IEntityTypeConfiguration<PartyMember>
{
    public void Configure(EntityTypeBuilder<PartyMember> b)
    {
        b.Property(x => x.Name).HasMaxLength(32);
        b.Property(x => x.IdCardHash).HasMaxLength(64);
        b.Property(x => x.IdCardMasked).HasMaxLength(18);
        b.Property(x => x.Gender).HasConversion<string>().HasMaxLength(8);
        b.Property(x => x.Phone).HasMaxLength(11);
        b.Property(x => x.Occupation).HasMaxLength(32);
        b.HasIndex(x => new { x.DistrictId, x.IdCardHash }).IsUnique();
        b.HasIndex(x => x.WorkUnitId);
        b.HasOne(x => x.WorkUnit).WithMany().HasForeignKey(x => x.WorkUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<PartyOrganization>().WithMany().HasForeignKey(x => x.PartyOrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Registration).WithOne(x => x.PartyMember).HasForeignKey<MemberRegistration>(x => x.PartyMemberId);
    }
}

internal sealed class MemberRegistrationConfiguration : IEntityTypeConfiguration<MemberRegistration>
{
    public void Configure(EntityTypeBuilder<MemberRegistration> b)
    {
        b.Property(x => x.CommunityPath).HasMaxLength(128);
        b.Property(x => x.Skills).HasMaxLength(200);
        b.Property(x => x.ServicePreferences).HasMaxLength(200);
        b.HasIndex(x => x.PartyMemberId).IsUnique();
        b.HasIndex(x => x.CommunityPath);
        b.HasIndex(x => x.CommunityId);
        b.HasOne(x => x.Community).WithMany().HasForeignKey(x => x.CommunityId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Grid).WithMany().HasForeignKey(x => x.GridId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PersonalDataAccessConfiguration : IEntityTypeConfiguration<PersonalDataAccess>
{
    public void Configure(EntityTypeBuilder<PersonalDataAccess> b)
    {
        b.Property(x => x.UserName).HasMaxLength(64);
        b.Property(x => x.Field).HasMaxLength(32);
        b.Property(x => x.Purpose).HasMaxLength(200);
        b.HasIndex(x => x.PartyMemberId);
    }
}
