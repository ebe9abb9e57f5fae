using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoBuild.Web.Infrastructure.Idempotency;

/// <summary>
/// One request that carried an <c>Idempotency-Key</c> (or a form's per-render token): who sent it, what it was, and the
/// answer it got, so that the same request again gets the same answer and changes nothing. Status 0 while it runs.
/// </summary>
public sealed class IdempotencyRecord
{
    public const int InProgress = 0;

    private IdempotencyRecord() { }

    public IdempotencyRecord(string caller, string key, string request, string bodyHash, DateTimeOffset createdAt)
    {
        Caller = caller;
        Key = key;
        Request = request;
        BodyHash = bodyHash;
        CreatedAt = createdAt;
    }

    public long Id { get; private set; }
    public string Caller { get; private set; } = "";
    public string Key { get; private set; } = "";
    /// <summary>Method and path (with query), e.g. <c>POST /api/v1/resources/12/orders</c>.</summary>
    public string Request { get; private set; } = "";
    /// <summary>SHA-256 of the request body, hex.</summary>
    public string BodyHash { get; private set; } = "";
    public int Status { get; private set; }
    public string? ContentType { get; private set; }
    public string? Location { get; private set; }
    public byte[]? Body { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public bool Matches(string request, string bodyHash) => Request == request && BodyHash == bodyHash;
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> b)
    {
        b.Property(x => x.Caller).HasMaxLength(100);
        b.Property(x => x.Key).HasMaxLength(IdempotencyKey.MaxLength + 10);
        b.Property(x => x.Request).HasMaxLength(IdempotencyStore.MaxRequestLength);
        b.Property(x => x.BodyHash).HasMaxLength(64);
        b.Property(x => x.ContentType).HasMaxLength(200);
        b.Property(x => x.Location).HasMaxLength(400);
        b.HasIndex(x => new { x.Caller, x.Key }).IsUnique();
        b.HasIndex(x => x.CreatedAt);
    }
}
