using System.Text.RegularExpressions;
using CoBuild.Web.Infrastructure.ErrorHandling;

namespace CoBuild.Web.Features.Certificates;

public enum CertificateStatus { Allowed, Removed }

/// <summary>
/// One published edition of a district's 证明事项清单: what communities may still issue and what was removed, with the
/// date the district reviewed it. Editions are never edited: the district publishes a whole new list, and the one
/// with the highest number is in force; older ones stay for history (a certificate names the edition it was issued under).
/// </summary>
public sealed partial class CertificateWhitelistVersion
{
    public const int MaxTypes = 200;

    private CertificateWhitelistVersion() { }

    public CertificateWhitelistVersion(int districtId, int version, DateOnly reviewedOn, DateOnly? nextReviewOn, string? notes,
        IReadOnlyList<CertificateTypeInput> types, DateTimeOffset now, string publishedBy)
    {
        if (nextReviewOn is { } next && next <= reviewedOn) throw new InvalidInput("nextReviewOn", "下次审定日期须晚于本次审定日期。");
        notes = notes?.Trim() is { Length: > 0 } n ? n : null;
        if (notes?.Length > 500) throw new InvalidInput("notes", "说明不超过 500 个字。");
        if (types is not { Count: > 0 }) throw new InvalidInput("types", "清单至少要有一项证明事项。");
        if (types.Count > MaxTypes) throw new InvalidInput("types", $"清单最多 {MaxTypes} 项。");
        DistrictId = districtId;
        Version = version;
        ReviewedOn = reviewedOn;
        NextReviewOn = nextReviewOn;
        Notes = notes;
        PublishedAt = now;
        PublishedBy = publishedBy;
        for (var i = 0; i < types.Count; i++)
            Types.Add(new CertificateType(districtId, i + 1, types[i], $"types[{i}]"));
        if (Types.GroupBy(t => t.Code).FirstOrDefault(g => g.Count() > 1) is { } code) throw new InvalidInput("types", $"事项代码“{code.Key}”重复。");
        if (Types.GroupBy(t => t.Name).FirstOrDefault(g => g.Count() > 1) is { } name) throw new InvalidInput("types", $"事项名称“{name.Key}”重复。");
    }

    public int Id { get; private set; }
    public int DistrictId { get; private set; }
    /// <summary>第 N 版, counted per district from 1.</summary>
    public int Version { get; private set; }
    /// <summary>审定日期.</summary>
    public DateOnly ReviewedOn { get; private set; }
    /// <summary>下次审定日期.</summary>
    public DateOnly? NextReviewOn { get; private set; }
    public string? Notes { get; private set; }
    public DateTimeOffset PublishedAt { get; private set; }
    public string PublishedBy { get; private set; } = "";
    public List<CertificateType> Types { get; private set; } = [];

    /// <summary>A type asked for by its code (any case) or by its exact name, as a desk worker may type either.</summary>
    public CertificateType? Find(string? asked)
    {
        var text = asked?.Trim() ?? "";
        if (text.Length == 0) return null;
        return Types.FirstOrDefault(t => string.Equals(t.Code, text, StringComparison.OrdinalIgnoreCase))
            ?? Types.FirstOrDefault(t => t.Name == text);
    }

    /// <summary>"越城区证明事项清单第 1 版（2026年9月3日审定）": how a refusal and a certificate name the edition.</summary>
    public string Label => $"证明事项清单第 {Version} 版（{ReviewedOn.Year}年{ReviewedOn.Month}月{ReviewedOn.Day}日审定）";

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$")]
    internal static partial Regex CodePattern();
}

public sealed record CertificateTypeInput(string? Code, string? Name, CertificateStatus? Status, string? Basis, string? Alternative);

/// <summary>One entry of an edition: a certificate communities may issue (Allowed) or one removed, with where to go instead.</summary>
public sealed class CertificateType
{
    private CertificateType() { }

    internal CertificateType(int districtId, int order, CertificateTypeInput input, string field)
    {
        var code = input.Code?.Trim().ToLowerInvariant() ?? "";
        if (!CertificateWhitelistVersion.CodePattern().IsMatch(code)) throw new InvalidInput($"{field}.code", "事项代码须为 1–40 位小写字母、数字或连字符，以字母或数字开头。");
        var name = input.Name?.Trim() ?? "";
        if (name.Length is 0 or > 40) throw new InvalidInput($"{field}.name", "证明名称不能为空，且不超过 40 个字。");
        if (input.Status is not { } status || !Enum.IsDefined(status)) throw new InvalidInput($"{field}.status", "状态只能是 Allowed（保留）或 Removed（取消）。");
        var basis = input.Basis?.Trim() is { Length: > 0 } b ? b : null;
        if (basis?.Length > 300) throw new InvalidInput($"{field}.basis", "依据不超过 300 个字。");
        var alternative = input.Alternative?.Trim() is { Length: > 0 } a ? a : null;
        if (alternative?.Length > 300) throw new InvalidInput($"{field}.alternative", "替代办理途径不超过 300 个字。");
        if (status == CertificateStatus.Removed && alternative is null)
            throw new InvalidInput($"{field}.alternative", $"已取消的“{name}”须写明群众可以到哪里办理（替代途径）。");
        if (status == CertificateStatus.Removed && basis is null)
            throw new InvalidInput($"{field}.basis", $"已取消的“{name}”须写明取消的原因或依据。");
        DistrictId = districtId;
        Order = order;
        Code = code;
        Name = name;
        Status = status;
        Basis = basis;
        Alternative = alternative;
    }

    public int Id { get; private set; }
    public int VersionId { get; private set; }
    public int DistrictId { get; private set; }
    public int Order { get; private set; }
    /// <summary>Stable across editions ("residence", "kinship"): what the API's <c>type</c> names.</summary>
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public CertificateStatus Status { get; private set; }
    /// <summary>Why it is kept or removed (法律依据 / 取消依据).</summary>
    public string? Basis { get; private set; }
    /// <summary>Where a resident goes instead (required when removed).</summary>
    public string? Alternative { get; private set; }

    public static string StatusName(CertificateStatus s) => s == CertificateStatus.Allowed ? "保留" : "已取消";
}
