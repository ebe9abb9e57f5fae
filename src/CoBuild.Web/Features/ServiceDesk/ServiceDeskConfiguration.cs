using System.Text.Json;
using CoBuild.Web.Features.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoBuild.Web.Features.ServiceDesk;

internal sealed class ServiceCatalogueConfiguration : IEntityTypeConfiguration<ServiceCatalogue>
{
    public void Configure(EntityTypeBuilder<ServiceCatalogue> b)
    {
        b.Property(x => x.Path).HasMaxLength(128);
        b.Property(x => x.PublishedBy).HasMaxLength(64);
        b.HasIndex(x => new { x.CommunityId, x.Version }).IsUnique();
        b.HasIndex(x => new { x.DistrictId, x.Path });
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(x => x.CommunityId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Categories).WithOne().HasForeignKey(x => x.CatalogueId);
        b.Navigation(x => x.Categories).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class ServiceCategoryConfiguration : IEntityTypeConfiguration<ServiceCategory>
{
    public void Configure(EntityTypeBuilder<ServiceCategory> b)
    {
        b.Property(x => x.Code).HasMaxLength(32);
        b.Property(x => x.Name).HasMaxLength(20);
        b.Property(x => x.Group).HasMaxLength(20);
        b.Property(x => x.HandlerRole).HasMaxLength(20);
        b.Property(x => x.Description).HasMaxLength(300);
        b.Property(x => x.Keywords).HasMaxLength(100);
        b.Property(x => x.Fields).HasConversion(JsonColumn.Converter<IReadOnlyList<CategoryField>>(), JsonColumn.Comparer<IReadOnlyList<CategoryField>>());
        b.HasIndex(x => new { x.CatalogueId, x.Code }).IsUnique();
    }
}

internal sealed class TicketConfiguration : IEntityTypeConfiguration<Ticket>
{
    public void Configure(EntityTypeBuilder<Ticket> b)
    {
        b.Property(x => x.Path).HasMaxLength(128);
        b.Property(x => x.Number).HasMaxLength(32);
        b.Property(x => x.CategoryCode).HasMaxLength(32);
        b.Property(x => x.CategoryName).HasMaxLength(20);
        b.Property(x => x.Description).HasMaxLength(Ticket.MaxDescription);
        b.Property(x => x.ResidentName).HasMaxLength(32);
        b.Property(x => x.Phone).HasMaxLength(11);
        b.Property(x => x.Address).HasMaxLength(200);
        b.Property(x => x.Assignee).HasMaxLength(64);
        b.Property(x => x.Result).HasMaxLength(1000);
        b.Property(x => x.RatingCode).HasMaxLength(24);
        b.Property(x => x.CreatedBy).HasMaxLength(64);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Level).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.ClosedLevel).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Channel).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Platform).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.Rating).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.Answers).HasConversion(JsonColumn.Converter<Dictionary<string, string[]>>(), JsonColumn.Comparer<Dictionary<string, string[]>>());
        // Two people acting on the same request at once: the second save finds the row changed and gets a 409.
        b.Property(x => x.UpdatedAt).IsConcurrencyToken();
        b.HasIndex(x => x.Number).IsUnique();
        b.HasIndex(x => new { x.DistrictId, x.Path, x.Status });
        b.HasIndex(x => new { x.CommunityId, x.ReceivedAt });
        b.HasIndex(x => x.DepartmentUnitId);
        b.HasIndex(x => x.HelperUnitId);
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(x => x.CommunityId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ServiceCategory>().WithMany().HasForeignKey(x => x.CategoryId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Events).WithOne().HasForeignKey(x => x.TicketId);
        b.Navigation(x => x.Events).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class TicketEventConfiguration : IEntityTypeConfiguration<TicketEvent>
{
    public void Configure(EntityTypeBuilder<TicketEvent> b)
    {
        b.Property(x => x.Action).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Level).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Actor).HasMaxLength(64);
        b.Property(x => x.Text).HasMaxLength(1100);
    }
}

internal sealed class TicketCounterConfiguration : IEntityTypeConfiguration<TicketCounter>
{
    public void Configure(EntityTypeBuilder<TicketCounter> b) => b.HasIndex(x => new { x.CommunityId, x.Year }).IsUnique();
}

internal sealed class WorkCalendarDayConfiguration : IEntityTypeConfiguration<WorkCalendarDay>
{
    public void Configure(EntityTypeBuilder<WorkCalendarDay> b)
    {
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Name).HasMaxLength(20);
        b.Property(x => x.Source).HasMaxLength(100);
        b.HasIndex(x => new { x.DistrictId, x.Date }).IsUnique();
    }
}

internal sealed class GridVisitConfiguration : IEntityTypeConfiguration<GridVisit>
{
    public void Configure(EntityTypeBuilder<GridVisit> b)
    {
        b.Property(x => x.Path).HasMaxLength(128);
        b.Property(x => x.Cadre).HasMaxLength(64);
        b.Property(x => x.CadreName).HasMaxLength(64);
        b.Property(x => x.Notes).HasMaxLength(1000);
        b.Property(x => x.TicketNumbers).HasMaxLength(400);
        b.HasIndex(x => new { x.DistrictId, x.Path, x.VisitedOn });
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(x => x.GridId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>Small structured values kept as JSON text, the same on both providers.</summary>
internal static class JsonColumn
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    public static Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<T, string> Converter<T>() where T : class =>
        new(v => JsonSerializer.Serialize(v, Options), s => JsonSerializer.Deserialize<T>(s, Options)!);

    public static ValueComparer<T> Comparer<T>() where T : class =>
        new((a, b) => JsonSerializer.Serialize(a, Options) == JsonSerializer.Serialize(b, Options),
            v => JsonSerializer.Serialize(v, Options).GetHashCode(),
            v => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(v, Options), Options)!);
}
