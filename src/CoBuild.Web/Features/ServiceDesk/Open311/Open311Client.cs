using System.Security.Cryptography;
using System.Text;
using CoBuild.Web.Infrastructure.ErrorHandling;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoBuild.Web.Features.ServiceDesk.Open311;

/// <summary>
/// An app the district lets file requests through Open311 (a city hotline, a resident app). Its API key is shown once
/// when issued; only its SHA-256 is kept, with the first characters to tell keys apart in the list.
/// </summary>
public sealed class Open311Client
{
    public const int MaxName = 40;

    private Open311Client() { }

    private Open311Client(int districtId, string name, string key, DateTimeOffset now, string actor)
    {
        DistrictId = districtId;
        Name = name;
        KeyHash = Hash(key);
        KeyPrefix = key[..8];
        Active = true;
        CreatedBy = actor;
        CreatedAt = now;
    }

    /// <summary>A new client and its key, which the caller hands out once and never sees again.</summary>
    public static (Open311Client Client, string Key) Issue(int districtId, string? name, DateTimeOffset now, string actor)
    {
        name = name?.Trim() ?? "";
        if (name.Length is 0 or > MaxName) throw new InvalidInput("name", $"请填写接入应用的名称，不超过 {MaxName} 个字。");
        var key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        return (new Open311Client(districtId, name, key, now, actor), key);
    }

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public int Id { get; private set; }
    public int DistrictId { get; private set; }
    public string Name { get; private set; } = "";
    public string KeyHash { get; private set; } = "";
    public string KeyPrefix { get; private set; } = "";
    public bool Active { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? LastUsedAt { get; private set; }

    public void Deactivate() => Active = false;

    public void Used(DateTimeOffset now) => LastUsedAt = now;
}

internal sealed class Open311ClientConfiguration : IEntityTypeConfiguration<Open311Client>
{
    public void Configure(EntityTypeBuilder<Open311Client> b)
    {
        b.Property(x => x.Name).HasMaxLength(Open311Client.MaxName);
        b.Property(x => x.KeyHash).HasMaxLength(64);
        b.Property(x => x.KeyPrefix).HasMaxLength(8);
        b.Property(x => x.CreatedBy).HasMaxLength(64);
        b.HasIndex(x => x.KeyHash).IsUnique();
        b.HasIndex(x => x.DistrictId);
    }
}
