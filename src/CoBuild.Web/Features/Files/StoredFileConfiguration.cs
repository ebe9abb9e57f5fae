using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoBuild.Web.Features.Files;

internal sealed class StoredFileConfiguration : IEntityTypeConfiguration<StoredFile>
{
    public void Configure(EntityTypeBuilder<StoredFile> b)
    {
        b.ToTable("Files");
        b.Property(x => x.Owner).HasMaxLength(16);
        b.Property(x => x.Name).HasMaxLength(120);
        b.Property(x => x.ContentType).HasMaxLength(40);
        b.Property(x => x.Sha256).HasMaxLength(64);
        b.Property(x => x.CreatedBy).HasMaxLength(64);
        b.HasIndex(x => new { x.Owner, x.OwnerId });
    }
}
