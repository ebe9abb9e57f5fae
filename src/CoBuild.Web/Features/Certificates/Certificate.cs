using System.Security.Cryptography;
using CoBuild.Web.Features.Organizations;
using CoBuild.Web.Infrastructure.ErrorHandling;

namespace CoBuild.Web.Features.Certificates;

/// <summary>
/// A certificate a community issued: its serial (gap-free per community and year), the type and whitelist edition it was
/// issued under, and a random token for the public verification page. Revoking keeps the row; the page then says so.
/// </summary>
public sealed class Certificate
{
    private Certificate() { }

    public Certificate(OrgUnit community, CertificateWhitelistVersion edition, CertificateType type, int year, int sequence,
        string residentName, string purpose, DateTimeOffset now, string issuedBy)
    {
        if (community.Level != OrgLevel.Community) throw new InvalidInput("communityId", "证明由社区出具，请选择一个社区。");
        if (type.Status != CertificateStatus.Allowed) throw new InvalidOperationException("A removed certificate type is refused before issuing.");
        DistrictId = community.DistrictId;
        CommunityId = community.Id;
        Path = community.Path;
        Year = year;
        Sequence = sequence;
        Serial = SerialOf(community.Code, year, sequence);
        TypeCode = type.Code;
        TypeName = type.Name;
        WhitelistVersion = edition.Version;
        ResidentName = residentName;
        Purpose = purpose;
        IssuedAt = now;
        IssuedBy = issuedBy;
        VerifyToken = NewToken();
    }

    public int Id { get; private set; }
    public int DistrictId { get; private set; }
    public int CommunityId { get; private set; }
    public OrgUnit? Community { get; private set; }
    /// <summary>The community's path, for scope filters without a join.</summary>
    public string Path { get; private set; } = "";
    public int Year { get; private set; }
    public int Sequence { get; private set; }
    /// <summary>"ZM-330602001001-2026-00042": 证明, the community's code, the year, the number within the year.</summary>
    public string Serial { get; private set; } = "";
    public string TypeCode { get; private set; } = "";
    public string TypeName { get; private set; } = "";
    public int WhitelistVersion { get; private set; }
    public string ResidentName { get; private set; } = "";
    public string Purpose { get; private set; } = "";
    public DateTimeOffset IssuedAt { get; private set; }
    public string IssuedBy { get; private set; } = "";
    /// <summary>128 random bits, URL-safe: the printed QR code's only key, so serials cannot be walked.</summary>
    public string VerifyToken { get; private set; } = "";
    public DateTimeOffset? RevokedAt { get; private set; }
    public string? RevokedBy { get; private set; }
    public string? RevokeReason { get; private set; }

    public bool Revoked => RevokedAt is not null;

    public static string SerialOf(string communityCode, int year, int sequence) => $"ZM-{communityCode}-{year}-{sequence:D5}";

    public void Revoke(string? reason, DateTimeOffset now, string by)
    {
        if (Revoked) throw new RuleViolation($"证明 {Serial} 已于此前作废。");
        reason = reason?.Trim() ?? "";
        if (reason.Length is 0 or > 200) throw new InvalidInput("reason", "请写明作废原因（不超过 200 个字）。");
        RevokedAt = now;
        RevokedBy = by;
        RevokeReason = reason;
    }

    private static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The name as the public page shows it: 王*明, 张*, 欧阳**.</summary>
    public static string Mask(string name)
    {
        var letters = System.Globalization.StringInfo.ParseCombiningCharacters(name.Trim());
        var text = name.Trim();
        return letters.Length switch
        {
            0 => "",
            1 => "*",
            2 => text[..letters[1]] + "*",
            _ => text[..letters[1]] + new string('*', letters.Length - 2) + text[letters[^1]..],
        };
    }
}

/// <summary>The next serial of a community in a year: one row, incremented in the issuing transaction, so numbers never repeat or skip.</summary>
public sealed class CertificateCounter
{
    private CertificateCounter() { }

    public CertificateCounter(int districtId, int communityId, int year)
    {
        DistrictId = districtId;
        CommunityId = communityId;
        Year = year;
    }

    public int DistrictId { get; private set; }
    public int CommunityId { get; private set; }
    public int Year { get; private set; }
    /// <summary>The last sequence handed out (0 before the first).</summary>
    public int Last { get; private set; }
}
