using CoBuild.Web.Features.Menus;
using CoBuild.Web.Features.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoBuild.Web.Features.Orders;

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> b)
    {
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.BeneficiaryPath).HasMaxLength(128);
        b.Property(x => x.Title).HasMaxLength(80);
        b.Property(x => x.Note).HasMaxLength(500);
        // Two people answering the same order at once: the second save finds the row changed and gets a 409.
        b.Property(x => x.UpdatedAt).IsConcurrencyToken();
        // One claim per unit and need, kept by the database so parallel requests cannot both pass (orders have no need: NULLs never clash).
        b.HasIndex(x => new { x.NeedId, x.ProviderUnitId }).IsUnique();
        b.HasIndex(x => new { x.ResourceId, x.SlotStart });
        b.HasIndex(x => x.BeneficiaryPath);
        b.HasIndex(x => x.ProviderUnitId);
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(x => x.BeneficiaryOrgUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(x => x.ProviderOrgUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ResidentUnit>().WithMany().HasForeignKey(x => x.ProviderUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Need>().WithMany().HasForeignKey(x => x.NeedId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Resource>().WithMany().HasForeignKey(x => x.ResourceId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Events).WithOne().HasForeignKey(x => x.OrderId);
        b.Navigation(x => x.Events).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class OrderEventConfiguration : IEntityTypeConfiguration<OrderEvent>
{
    public void Configure(EntityTypeBuilder<OrderEvent> b)
    {
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Actor).HasMaxLength(64);
        b.Property(x => x.Note).HasMaxLength(500);
    }
}
