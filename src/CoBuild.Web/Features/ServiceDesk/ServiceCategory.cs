using System.Text.RegularExpressions;
using CoBuild.Web.Infrastructure.ErrorHandling;

namespace CoBuild.Web.Features.ServiceDesk;

/// <summary>The data types of an extra field; the names are Open311's attribute datatypes.</summary>
public enum FieldType { String, Number, Datetime, Text, Singlevaluelist, Multivaluelist }

public sealed record FieldOption(string Key, string Name);

/// <summary>One extra question a category asks at intake (楼栋号, 证明用途 ...).</summary>
public sealed record CategoryField(string Code, string Label, FieldType Type, bool Required, int Order, string? Help = null, IReadOnlyList<FieldOption>? Options = null);

/// <summary>
/// A kind of request a community accepts (民政, 养老, 设施报修 ...): the role that handles it, its time limits in
/// working days (accept 2, handle 7 by default) or, when urgent, in hours, and the extra fields its form asks.
/// </summary>
public sealed partial class ServiceCategory
{
    public const int DefaultAcceptDays = 2, DefaultHandleDays = 7;

    private ServiceCategory() { }

    public ServiceCategory(string code, string name, string group, string handlerRole, int order,
        int acceptDays = DefaultAcceptDays, int handleDays = DefaultHandleDays, int urgentAcceptHours = 2, int urgentHandleHours = 24,
        IReadOnlyList<CategoryField>? fields = null, string? description = null, string? keywords = null)
    {
        code = code?.Trim() ?? "";
        if (!CodeShape().IsMatch(code)) throw new InvalidInput("code", "类别代码只能用 1–32 个英文字母、数字、- 或 _。");
        name = name?.Trim() ?? "";
        if (name.Length is 0 or > 20) throw new InvalidInput("name", "类别名称不能为空，且不超过 20 个字。");
        if (acceptDays is < 1 or > 30 || handleDays < acceptDays || handleDays > 90)
            throw new InvalidInput("handleDays", "受理时限 1–30 个工作日，办结时限不少于受理时限且不超过 90 个工作日。");
        if (urgentAcceptHours is < 1 or > 72 || urgentHandleHours < urgentAcceptHours || urgentHandleHours > 240)
            throw new InvalidInput("urgentHandleHours", "紧急事项的受理时限 1–72 小时，办结时限不少于受理时限且不超过 240 小时。");
        fields ??= [];
        foreach (var f in fields)
        {
            if (!CodeShape().IsMatch(f.Code)) throw new InvalidInput("fields", $"字段代码“{f.Code}”只能用英文字母、数字、- 或 _。");
            if (f.Type is FieldType.Singlevaluelist or FieldType.Multivaluelist && f.Options is not { Count: > 0 })
                throw new InvalidInput("fields", $"选择题“{f.Label}”至少要有一个选项。");
        }
        if (fields.GroupBy(f => f.Code).Any(g => g.Count() > 1)) throw new InvalidInput("fields", "同一类别的字段代码不能重复。");
        Code = code;
        Name = name;
        Group = group?.Trim() ?? "";
        HandlerRole = handlerRole?.Trim() ?? "";
        Order = order;
        AcceptDays = acceptDays;
        HandleDays = handleDays;
        UrgentAcceptHours = urgentAcceptHours;
        UrgentHandleHours = urgentHandleHours;
        Fields = [.. fields.OrderBy(f => f.Order)];
        Description = description?.Trim();
        Keywords = keywords?.Trim();
        Active = true;
    }

    public int Id { get; private set; }
    public int CatalogueId { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    /// <summary>The line of work (民政、安全隐患 ...), Open311's <c>group</c>.</summary>
    public string Group { get; private set; } = "";
    public string? Description { get; private set; }
    public string? Keywords { get; private set; }
    /// <summary>Who in the back office takes it first (网格员, 民政专干 ...); shown to the desk when it assigns.</summary>
    public string HandlerRole { get; private set; } = "";
    public int Order { get; private set; }
    public int AcceptDays { get; private set; }
    public int HandleDays { get; private set; }
    public int UrgentAcceptHours { get; private set; }
    public int UrgentHandleHours { get; private set; }
    public bool Active { get; private set; }
    public IReadOnlyList<CategoryField> Fields { get; private set; } = [];

    /// <summary>Checks the answers to the extra fields and returns them cleaned: required ones present, list answers among the options.</summary>
    public Dictionary<string, string[]> Answers(IReadOnlyDictionary<string, string[]>? given)
    {
        given ??= new Dictionary<string, string[]>();
        var unknown = given.Keys.FirstOrDefault(k => Fields.All(f => f.Code != k));
        if (unknown is not null) throw new InvalidInput($"fields.{unknown}", $"“{Name}”没有字段“{unknown}”。");
        var answers = new Dictionary<string, string[]>();
        foreach (var f in Fields)
        {
            var values = given.TryGetValue(f.Code, out var v) ? v.Select(x => x?.Trim() ?? "").Where(x => x.Length > 0).ToArray() : [];
            if (values.Length == 0)
            {
                if (f.Required) throw new InvalidInput($"fields.{f.Code}", $"请填写“{f.Label}”。");
                continue;
            }
            if (values.Length > 1 && f.Type != FieldType.Multivaluelist) throw new InvalidInput($"fields.{f.Code}", $"“{f.Label}”只能填一个值。");
            foreach (var value in values) Check(f, value);
            answers[f.Code] = values;
        }
        return answers;
    }

    private static void Check(CategoryField f, string value)
    {
        var ok = f.Type switch
        {
            FieldType.Number => decimal.TryParse(value, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out _),
            FieldType.Datetime => DateTimeOffset.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _),
            FieldType.Singlevaluelist or FieldType.Multivaluelist => f.Options!.Any(o => o.Key == value),
            FieldType.String => value.Length <= 200 && !value.Contains('\n'),
            _ => value.Length <= 2000,
        };
        if (!ok) throw new InvalidInput($"fields.{f.Code}", $"“{f.Label}”的值“{(value.Length > 20 ? value[..20] + "…" : value)}”不符合要求。");
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,32}$")]
    private static partial Regex CodeShape();
}
