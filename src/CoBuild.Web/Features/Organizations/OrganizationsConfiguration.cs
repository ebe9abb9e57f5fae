using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoBuild.Web.Features.Organizations;

internal sealed class OrgUnitConfiguration : IEntityTypeConfiguration<OrgUnit>
{
    public void Configure(EntityTypeBuilder<OrgUnit> b)
    {
        b.Property(x => x.Name).HasMaxLength(64);
        b.Property(x => x.Code).HasMaxLength(24);
        b.Property(x => x.Path).HasMaxLength(128);
        b.Property(x => x.Address).HasMaxLength(200);
        b.Property(x => x.OfficePhone).HasMaxLength(32);
        b.Property(x => x.InternalNotes).HasMaxLength(2000);
        b.HasIndex(x => x.Code).IsUnique();
        b.HasIndex(x => x.Path);
        b.HasIndex(x => new { x.ParentId, x.Name }).IsUnique();
        b.HasIndex(x => new { x.DistrictId, x.Level });
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ResidentUnitConfiguration : IEntityTypeConfiguration<ResidentUnit>
{
    public void Configure(EntityTypeBuilder<ResidentUnit> b)
    {
        b.Property(x => x.Name).HasMaxLength(80);
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.Address).HasMaxLength(200);
        b.Property(x => x.ContactName).HasMaxLength(32);
        b.Property(x => x.ContactPhone).HasMaxLength(32);
        b.HasIndex(x => new { x.DistrictId, x.Name }).IsUnique();
        b.HasIndex(x => x.StreetId);
        b.HasOne(x => x.Street).WithMany().HasForeignKey(x => x.StreetId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Community).WithMany().HasForeignKey(x => x.CommunityId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PartyOrganizationConfiguration : IEntityTypeConfiguration<PartyOrganization>
{
    public void Configure(EntityTypeBuilder<PartyOrganization> b)
    {
        b.Property(x => x.Name).HasMaxLength(80);
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.SecretaryName).HasMaxLength(32);
        b.HasIndex(x => new { x.DistrictId, x.Name }).IsUnique();
        b.HasOne(x => x.OrgUnit).WithMany().HasForeignKey(x => x.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.ResidentUnit).WithMany().HasForeignKey(x => x.ResidentUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<PartyOrganization>().WithMany().HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CommitteeSeatConfiguration : IEntityTypeConfiguration<CommitteeSeat>
{
    public void Configure(EntityTypeBuilder<CommitteeSeat> b)
    {
        b.Property(x => x.HolderName).HasMaxLength(32);
        b.Property(x => x.Post).HasConversion<string>().HasMaxLength(24);
        b.HasIndex(x => x.OrgUnitId);
        b.HasOne(x => x.OrgUnit).WithMany().HasForeignKey(x => x.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.ResidentUnit).WithMany().HasForeignKey(x => x.ResidentUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CommitteeMeetingConfiguration : IEntityTypeConfiguration<CommitteeMeeting>
{
    public void Configure(EntityTypeBuilder<CommitteeMeeting> b)
    {
        b.Property(x => x.Title).HasMaxLength(120);
        b.Property(x => x.Location).HasMaxLength(120);
        b.Property(x => x.Agenda).HasMaxLength(4000);
        b.Property(x => x.Minutes).HasMaxLength(20000);
        b.HasIndex(x => x.OrgUnitId);
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(x => x.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Attendance).WithOne().HasForeignKey(x => x.CommitteeMeetingId);
        b.Navigation(x => x.Attendance).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class MeetingAttendanceConfiguration : IEntityTypeConfiguration<MeetingAttendance>
{
    public void Configure(EntityTypeBuilder<MeetingAttendance> b)
    {
        b.HasIndex(x => new { x.CommitteeMeetingId, x.CommitteeSeatId }).IsUnique();
        b.HasOne<CommitteeSeat>().WithMany().HasForeignKey(x => x.CommitteeSeatId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class VenueConfiguration : IEntityTypeConfiguration<Venue>
{
    public void Configure(EntityTypeBuilder<Venue> b)
    {
        b.Property(x => x.Name).HasMaxLength(80);
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.Address).HasMaxLength(200);
        b.Property(x => x.OpenHours).HasMaxLength(64);
        b.HasIndex(x => x.OrgUnitId);
        b.HasOne(x => x.OrgUnit).WithMany().HasForeignKey(x => x.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Rooms).WithOne().HasForeignKey(x => x.VenueId);
        b.Navigation(x => x.Rooms).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class RoomConfiguration : IEntityTypeConfiguration<Room>
{
    public void Configure(EntityTypeBuilder<Room> b)
    {
        b.Property(x => x.Name).HasMaxLength(64);
        b.Property(x => x.Facilities).HasMaxLength(200);
    }
}
