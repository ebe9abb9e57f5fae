using System.Security.Cryptography;
using System.Text;

namespace CoBuild.Web.Features.Contracts;

/// <summary>
/// One numbered text of a contract, frozen: the canonical JSON of what both sides sign and its SHA-256. Never
/// updated after it is written; an amendment is the next number.
/// </summary>
public sealed class ContractVersion
{
    private ContractVersion() { }

    public ContractVersion(int contractId, int number, string title, DateOnly startsOn, DateOnly endsOn, string content, string? reason, DateTimeOffset now, string by)
    {
        ContractId = contractId;
        Number = number;
        Title = title;
        StartsOn = startsOn;
        EndsOn = endsOn;
        Content = content;
        ContentHash = Hash(content);
        Reason = reason;
        CreatedAt = now;
        CreatedBy = by;
    }

    public int Id { get; private set; }
    public int ContractId { get; private set; }
    public int Number { get; private set; }
    public string Title { get; private set; } = "";
    public DateOnly StartsOn { get; private set; }
    public DateOnly EndsOn { get; private set; }
    /// <summary>Canonical JSON (see <see cref="ContractText"/>): parties, term and commitments as signed.</summary>
    public string Content { get; private set; } = "";
    public string ContentHash { get; private set; } = "";
    /// <summary>Why an amendment was made (null for version 1).</summary>
    public string? Reason { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateTimeOffset? EnactedAt { get; internal set; }

    public static string Hash(string content) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
}

/// <summary>A side's signature on one version: who, when, and the hash of exactly the content signed.</summary>
public sealed class ContractSignature
{
    private ContractSignature() { }

    public ContractSignature(int contractId, int version, ContractSide side, string userName, string signerName, string contentHash, DateTimeOffset now)
    {
        ContractId = contractId;
        Version = version;
        Side = side;
        UserName = userName;
        SignerName = signerName;
        ContentHash = contentHash;
        SignedAt = now;
    }

    public int Id { get; private set; }
    public int ContractId { get; private set; }
    public int Version { get; private set; }
    public ContractSide Side { get; private set; }
    public string UserName { get; private set; } = "";
    public string SignerName { get; private set; } = "";
    public string ContentHash { get; private set; } = "";
    public DateTimeOffset SignedAt { get; private set; }
}

/// <summary>One side's rating of the other at the end of the term, or for a year of a long contract.</summary>
public sealed class ContractEvaluation
{
    private ContractEvaluation() { }

    public ContractEvaluation(int contractId, int period, ContractSide raterSide, int score, string? comment, DateTimeOffset now, string by)
    {
        if (score is < 1 or > 5) throw new Infrastructure.ErrorHandling.InvalidInput("score", "评分为 1 到 5 星。");
        ContractId = contractId;
        Period = period;
        RaterSide = raterSide;
        Score = score;
        Comment = comment?.Trim() is { Length: > 0 } c ? (c.Length > 500 ? c[..500] : c) : null;
        CreatedAt = now;
        CreatedBy = by;
    }

    public int Id { get; private set; }
    public int ContractId { get; private set; }
    /// <summary>The year rated (a long contract is rated every year; the last one at the end of its term).</summary>
    public int Period { get; private set; }
    public ContractSide RaterSide { get; private set; }
    public int Score { get; private set; }
    public string? Comment { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";
}
