using System.Globalization;
using System.Text.Json;

namespace CoBuild.Web.Features.Audit;

/// <summary>One field an event changed or set, with readable values ("2026年3月1日", "履约中").</summary>
public sealed record FieldChange(string Field, string? From, string To);

/// <summary>One line of a record's timeline: when, who (person and organization), what, and what it changed.</summary>
public sealed record TimelineEntry(DateTimeOffset At, string Who, string What, List<FieldChange> Changes);

/// <summary>Names the audit trail's ids point to (commitments, parties), so the timeline shows titles, not numbers.</summary>
public sealed record TimelineNames(IReadOnlyDictionary<int, string> Commitments, string PartyA, string PartyB);

/// <summary>
/// Reads the audit trail as people read a record: the raw rows keep English keys, login names and hashes (what the
/// chain covers); this turns them into Chinese, leaving out what only the chain needs (ids, hashes, sequence).
/// </summary>
internal static class AuditTimeline
{
    private static readonly Dictionary<string, string> Actions = new(StringComparer.Ordinal)
    {
        ["create"] = "起草协议", ["draft-from-auction"] = "拍卖会落槌，生成协议草稿", ["edit"] = "修改草稿", ["sign"] = "签署",
        ["sign-and-enact"] = "签署，协议生效", ["amend"] = "发起修订（补充协议）", ["delivery"] = "登记履约", ["delivery-confirm"] = "确认履约",
        ["delivery-return"] = "退回履约记录", ["evaluate"] = "评价", ["complete"] = "结项", ["terminate"] = "终止", ["term-end"] = "期满",
        ["overdue"] = "承诺逾期", ["void"] = "草稿作废", ["import"] = "导入", ["grade"] = "年度评定", ["service-confirm"] = "确认服务记录",
        ["service-return"] = "退回服务记录", ["document"] = "上传文件", ["rating"] = "评价",
    };

    /// <summary>Keys shown, in this order, with their Chinese names; every other key (ids, hashes) stays in the raw record.</summary>
    private static readonly (string Key, string Name)[] Fields =
    [
        ("title", "名称"), ("status", "状态"), ("version", "版本"), ("pendingVersion", "待签版本"), ("side", "签署方"), ("startsOn", "开始日期"),
        ("endsOn", "结束日期"), ("commitments", "承诺事项"), ("commitment", "承诺"), ("on", "日期"), ("description", "履约内容"),
        ("quantity", "数量"), ("hours", "时长"), ("files", "凭证"), ("year", "年度"), ("score", "评分"), ("grade", "评定等级"),
        ("services", "服务项目"), ("since", "逾期起算"), ("reason", "理由"), ("note", "说明"), ("comment", "评语"), ("name", "文件"),
    ];

    private static readonly Dictionary<string, string> Statuses = new(StringComparer.Ordinal)
    {
        ["Draft"] = "草稿", ["AwaitingSignatures"] = "待签署", ["Active"] = "履约中", ["Completed"] = "已完成", ["Terminated"] = "已终止",
        ["Expired"] = "已到期", ["Voided"] = "已作废", ["Pending"] = "待确认", ["Confirmed"] = "已确认", ["Rejected"] = "已退回",
    };

    public static string ActionName(string action) => Actions.GetValueOrDefault(action) ?? "其他操作";

    public static TimelineEntry Entry(DateTimeOffset at, string who, string action, string? before, string? after, TimelineNames names)
    {
        var b = Read(before);
        var a = Read(after);
        var changes = new List<FieldChange>();
        foreach (var (key, name) in Fields)
        {
            var had = b.TryGetValue(key, out var from);
            if (!a.TryGetValue(key, out var to)) continue;
            if (key == "commitments" && had && from.ValueKind == JsonValueKind.Array && to.ValueKind == JsonValueKind.Array)
            {
                changes.AddRange(CommitmentDiff(from, to, names));
                continue;
            }
            var text = Value(key, to, a, names);
            if (text is null) continue;
            var old = had ? Value(key, from, b, names) : null;
            if (had && old == text) continue;
            changes.Add(new FieldChange(key == "side" && action == "evaluate" ? "评价方" : key == "on" && action.StartsWith("delivery", StringComparison.Ordinal) ? "履约日期" : name, old, text));
        }
        if (action == "amend" && b.TryGetValue("version", out var current) && current.ValueKind == JsonValueKind.Number && current.GetInt32() > 0)
        {
            var i = changes.FindIndex(c => c.Field == "版本");
            if (i >= 0) changes[i] = changes[i] with { From = Version(current.GetInt32()) };
        }
        return new TimelineEntry(at, who, ActionName(action), changes);
    }

    private static Dictionary<string, JsonElement> Read(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return [];
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return [];
            // Keys as camelCase whatever the writer used (some events were serialized from PascalCase members).
            return doc.RootElement.EnumerateObject().GroupBy(p => char.ToLowerInvariant(p.Name[0]) + p.Name[1..])
                .ToDictionary(g => g.Key, g => g.First().Value.Clone(), StringComparer.Ordinal);
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static string? Value(string key, JsonElement v, Dictionary<string, JsonElement> all, TimelineNames names)
    {
        if (v.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined) return null;
        return key switch
        {
            "status" => v.ValueKind == JsonValueKind.String ? Statuses.GetValueOrDefault(v.GetString()!) : null,
            "version" or "pendingVersion" => v.ValueKind == JsonValueKind.Number && v.GetInt32() > 0 ? Version(v.GetInt32()) : null,
            "side" => v.GetString() switch { "Party" => $"甲方 {names.PartyA}", "Unit" => $"乙方 {names.PartyB}", _ => null },
            "startsOn" or "endsOn" or "on" or "since" => Date(v),
            "commitments" => v.ValueKind != JsonValueKind.Array ? null
                : string.Join("；", v.EnumerateArray().Select(c => c.ValueKind == JsonValueKind.Number ? Commitment(c.GetInt32(), names) : CommitmentLine(c, names)).Where(s => s.Length > 0)),
            "commitment" => v.ValueKind == JsonValueKind.Number ? Commitment(v.GetInt32(), names) : null,
            "quantity" => v.ValueKind == JsonValueKind.Number
                ? $"{v.GetDecimal().ToString("0.##", CultureInfo.InvariantCulture)}{(all.TryGetValue("quantityUnit", out var u) && u.ValueKind == JsonValueKind.String ? " " + u.GetString() : "")}" : null,
            "hours" => v.ValueKind == JsonValueKind.Number ? $"{v.GetDecimal().ToString("0.#", CultureInfo.InvariantCulture)} 小时" : null,
            "files" => v.ValueKind == JsonValueKind.Array ? (v.GetArrayLength() == 0 ? null : $"{v.GetArrayLength()} 个文件") : null,
            "year" => v.ValueKind == JsonValueKind.Number ? $"{v.GetInt32()} 年度" : null,
            "score" => v.ValueKind == JsonValueKind.Number && v.GetInt32() is >= 1 and <= 5 and var s ? new string('★', s) + new string('☆', 5 - s) : null,
            "services" => v.ValueKind == JsonValueKind.Array ? string.Join("、", v.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString())) : null,
            _ => v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } t ? t : null,
        };
    }

    private static IEnumerable<FieldChange> CommitmentDiff(JsonElement before, JsonElement after, TimelineNames names)
    {
        var old = before.EnumerateArray().Select(c => CommitmentLine(c, names)).ToList();
        var fresh = after.EnumerateArray().Select(c => CommitmentLine(c, names)).ToList();
        foreach (var gone in old.Except(fresh)) yield return new FieldChange("删除承诺", gone, "");
        foreach (var added in fresh.Except(old)) yield return new FieldChange("新增承诺", null, added);
    }

    private static string CommitmentLine(JsonElement c, TimelineNames names)
    {
        if (c.ValueKind != JsonValueKind.Object) return "";
        var fields = c.EnumerateObject().ToDictionary(p => p.Name.ToLowerInvariant(), p => p.Value);
        var side = fields.TryGetValue("side", out var s) ? s.GetString() switch { "Party" => "甲方", "Unit" => "乙方", _ => "" } : "";
        var title = fields.TryGetValue("title", out var t) ? t.GetString() ?? "" : "";
        var due = fields.TryGetValue("dueon", out var d) ? Date(d) : null;
        return $"{(side.Length > 0 ? side + "：" : "")}{title}{(due is null ? "" : $"（{due}前）")}";
    }

    private static string Commitment(int id, TimelineNames names) => names.Commitments.GetValueOrDefault(id) ?? "（已删除的承诺）";

    private static string Version(int n) => $"第 {n} 版";

    /// <summary>"2026年3月1日".</summary>
    public static string? Date(JsonElement v) =>
        v.ValueKind == JsonValueKind.String && DateOnly.TryParse(v.GetString(), CultureInfo.InvariantCulture, out var d) ? Date(d) : null;

    public static string Date(DateOnly d) => $"{d.Year}年{d.Month}月{d.Day}日";
}
