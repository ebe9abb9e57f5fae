namespace CoBuild.Web.Features.Contracts;

/// <summary>What a printed contract shows; filled from the contract's signed version.</summary>
public sealed record ContractDocument(
    string Number,            // e.g. "GJ-2026-000123"
    string Title,
    string PartyA,            // street/community party organization, e.g. "中共府山街道工作委员会" or the org name
    string PartyB,            // unit party organization / unit name
    DateOnly StartsOn, DateOnly EndsOn,
    int Version, bool IsCurrent,
    IReadOnlyList<ContractDocumentCommitment> Commitments,
    IReadOnlyList<ContractDocumentSignature> Signatures,
    string ContentHash,       // hex SHA-256 of the signed content
    string VerifyUrl,         // absolute URL of the public verification page
    DateTimeOffset PrintedAt);

public sealed record ContractDocumentCommitment(string Side, string Title, DateOnly DueOn, string? Link); // Side "甲方" or "乙方"

public sealed record ContractDocumentSignature(string Side, string Party, string SignedBy, DateTimeOffset SignedAt, string ContentHash);
