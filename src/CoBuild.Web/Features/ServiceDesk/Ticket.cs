using System.Security.Cryptography;
using CoBuild.Web.Features.Organizations;
using CoBuild.Web.Infrastructure.ErrorHandling;
using CoBuild.Web.Infrastructure.PersonalData;

namespace CoBuild.Web.Features.ServiceDesk;

public enum TicketStatus { Received, Assigned, Escalated, Closed }

/// <summary>Where a request is being handled: the ladder 小事不出社区，大事不出街道, and the district departments above.</summary>
public enum TicketLevel { Community, Street, District }

public enum TicketChannel { Desk, Phone, GridPatrol, Open311 }

/// <summary>The street's four platforms (四个平台) that its command room dispatches to.</summary>
public enum Platform { Governance, MarketRegulation, LawEnforcement, PublicService }

public enum Satisfaction { Satisfied, BasicallySatisfied, Dissatisfied }

/// <summary>
/// One request brought to the community living room (事项): received at one desk, handled by the back office,
/// escalated up the ladder when the community cannot close it, closed with a result and rated by the resident.
/// Its deadlines are fixed at intake from the category's limits and the district's working days.
/// </summary>
public sealed class Ticket
{
    public const int MaxDescription = 4000;
    private readonly List<TicketEvent> _events = [];

    private Ticket() { }

    internal Ticket(OrgUnit community, string number, ServiceCatalogue catalogue, ServiceCategory category, string description, bool urgent,
        Dictionary<string, string[]> answers, string? residentName, string? phone, string? address, double? lat, double? lon,
        TicketChannel channel, int? clientId, WorkingDays days, DateTimeOffset now, string actor)
    {
        description = description?.Trim() ?? "";
        if (description.Length == 0) throw new InvalidInput("description", "请描述诉求。");
        if (description.Length > MaxDescription) throw new InvalidInput("description", $"诉求描述不超过 {MaxDescription} 字。");
        residentName = string.IsNullOrWhiteSpace(residentName) ? null : residentName.Trim();
        if (residentName?.Length > 32) throw new InvalidInput("residentName", "姓名不超过 32 个字。");
        phone = string.IsNullOrWhiteSpace(phone) ? null : phone.Trim();
        if (phone is not null && !PhoneNumber.IsValid(phone)) throw new InvalidInput("phone", "手机号应为 11 位数字，以 1 开头。");
        address = string.IsNullOrWhiteSpace(address) ? null : address.Trim();
        if (address?.Length > 200) throw new InvalidInput("address", "地点不超过 200 个字。");
        if (lat is < -90 or > 90 || lon is < -180 or > 180 || (lat is null) != (lon is null))
            throw new InvalidInput("lat", "经纬度须成对填写，纬度 -90–90，经度 -180–180。");
        DistrictId = community.DistrictId;
        CommunityId = community.Id;
        Path = community.Path;
        Number = number;
        CatalogueVersion = catalogue.Version;
        CategoryId = category.Id;
        CategoryCode = category.Code;
        CategoryName = category.Name;
        Description = description;
        Urgent = urgent;
        Answers = answers;
        ResidentName = residentName;
        Phone = phone;
        Address = address;
        Lat = lat;
        Long = lon;
        Channel = channel;
        ClientId = clientId;
        Status = TicketStatus.Received;
        Level = TicketLevel.Community;
        ReceivedAt = UpdatedAt = now;
        AcceptBy = urgent ? now.AddHours(category.UrgentAcceptHours) : days.Deadline(now, category.AcceptDays);
        DueBy = urgent ? now.AddHours(category.UrgentHandleHours) : days.Deadline(now, category.HandleDays);
        CreatedBy = actor;
        RatingCode = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        _events.Add(new TicketEvent(TicketAction.Receive, now, actor, TicketLevel.Community, null, true));
    }

    public int Id { get; private set; }
    public int DistrictId { get; private set; }
    public int CommunityId { get; private set; }
    /// <summary>The community's path; street and district staff cover it by prefix.</summary>
    public string Path { get; private set; } = "";
    /// <summary>事项编号, e.g. JS2026-000123: the community's code, the year and a running number without gaps.</summary>
    public string Number { get; private set; } = "";
    public int CatalogueVersion { get; private set; }
    public int CategoryId { get; private set; }
    public string CategoryCode { get; private set; } = "";
    public string CategoryName { get; private set; } = "";
    public string Description { get; private set; } = "";
    public bool Urgent { get; private set; }
    public Dictionary<string, string[]> Answers { get; private set; } = [];
    public string? ResidentName { get; private set; }
    public string? Phone { get; private set; }
    public string? Address { get; private set; }
    public double? Lat { get; private set; }
    public double? Long { get; private set; }
    public TicketChannel Channel { get; private set; }
    /// <summary>The Open311 client app that filed it, if any.</summary>
    public int? ClientId { get; private set; }
    public TicketStatus Status { get; private set; }
    public TicketLevel Level { get; private set; }
    public string? Assignee { get; private set; }
    public Platform? Platform { get; private set; }
    /// <summary>The district department (a resident unit) handling it at district level.</summary>
    public int? DepartmentUnitId { get; private set; }
    /// <summary>The co-building unit asked for help (有事大家帮), and the delivery it recorded.</summary>
    public int? HelperUnitId { get; private set; }
    public int? HelperContractId { get; private set; }
    public int? DeliveryId { get; private set; }
    public DateTimeOffset ReceivedAt { get; private set; }
    public DateTimeOffset AcceptBy { get; private set; }
    public DateTimeOffset DueBy { get; private set; }
    public DateTimeOffset? AcceptedAt { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public TicketLevel? ClosedLevel { get; private set; }
    public string? Result { get; private set; }
    public Satisfaction? Rating { get; private set; }
    public DateTimeOffset? RatedAt { get; private set; }
    /// <summary>Lets the resident rate from the link on the receipt without an account.</summary>
    public string RatingCode { get; private set; } = "";
    public string CreatedBy { get; private set; } = "";
    public DateTimeOffset UpdatedAt { get; private set; }
    public IReadOnlyList<TicketEvent> Events => _events;

    public bool IsOverdue(DateTimeOffset now) => Status != TicketStatus.Closed && now >= DueBy;

    public void Assign(string assignee, string? note, DateTimeOffset now, string actor)
    {
        RequireOpen("指派");
        assignee = assignee?.Trim() ?? "";
        if (assignee.Length is 0 or > 64) throw new InvalidInput("assignee", "请选择承办人。");
        Assignee = assignee;
        if (Status == TicketStatus.Received || Status == TicketStatus.Escalated) Status = TicketStatus.Assigned;
        AcceptedAt ??= now;
        Add(TicketAction.Assign, now, actor, $"指派给 {assignee}。{Trim(note, 500)}".TrimEnd(), false);
    }

    public void Note(string text, DateTimeOffset now, string actor)
    {
        RequireOpen("添加办理记录");
        Add(TicketAction.Note, now, actor, Trim(text, 1000) ?? throw new InvalidInput("text", "请填写办理记录。"), false);
    }

    public void Close(string? result, DateTimeOffset now, string actor)
    {
        RequireOpen("办结");
        Result = Trim(result, 1000) ?? throw new InvalidInput("result", "办结时请填写办理结果。");
        Status = TicketStatus.Closed;
        ClosedAt = now;
        ClosedLevel = Level;
        AcceptedAt ??= now;
        Add(TicketAction.Close, now, actor, Result, true);
    }

    /// <summary>The community hands it up to the street's command room with its notes; the street's own limit starts now.</summary>
    public void Escalate(string? reason, WorkingDays days, DateTimeOffset now, string actor)
    {
        RequireOpen("上报");
        if (Level != TicketLevel.Community) throw new RuleViolation("事项已在街道或区级办理，不能再上报；请由街道指挥室分派。");
        var why = Trim(reason, 500) ?? throw new InvalidInput("reason", "上报时请说明社区无法办结的原因。");
        Level = TicketLevel.Street;
        Status = TicketStatus.Escalated;
        Assignee = null;
        DueBy = Urgent ? now.AddHours(24) : days.Deadline(now, ServiceCategory.DefaultHandleDays);
        Add(TicketAction.Escalate, now, actor, why, true);
    }

    /// <summary>The street's command room dispatches it to one of its four platforms, or to a district department.</summary>
    public void Route(Platform? platform, int? departmentUnitId, string? departmentName, WorkingDays days, DateTimeOffset now, string actor)
    {
        RequireOpen("分派");
        if (Level == TicketLevel.Community) throw new RuleViolation("社区事项须先上报街道，才能由指挥室分派。");
        if ((platform is null) == (departmentUnitId is null)) throw new InvalidInput("platform", "请选择一个平台或一个区级部门。");
        Platform = platform;
        DepartmentUnitId = departmentUnitId;
        Assignee = null;
        Status = TicketStatus.Assigned;
        AcceptedAt ??= now;
        if (departmentUnitId is not null)
        {
            Level = TicketLevel.District;
            DueBy = Urgent ? now.AddHours(24) : days.Deadline(now, ServiceCategory.DefaultHandleDays);
        }
        else Level = TicketLevel.Street;
        Add(TicketAction.Route, now, actor, platform is { } p ? $"分派至{PlatformName(p)}平台" : $"分派至{departmentName}", true);
    }

    /// <summary>A district department sends it back to the street with its reason.</summary>
    public void Return(string? reason, DateTimeOffset now, string actor)
    {
        RequireOpen("退回");
        if (Level != TicketLevel.District) throw new RuleViolation("只有区级部门承办的事项可以退回街道。");
        var why = Trim(reason, 500) ?? throw new InvalidInput("reason", "退回时请说明理由。");
        Level = TicketLevel.Street;
        Status = TicketStatus.Escalated;
        DepartmentUnitId = null;
        Add(TicketAction.Return, now, actor, why, true);
    }

    public void AskHelp(int unitId, int contractId, string unitName, DateTimeOffset now, string actor)
    {
        RequireOpen("请求共建单位协助");
        if (HelperUnitId is not null && DeliveryId is null && HelperUnitId != unitId) throw new RuleViolation("已请一家共建单位协助，等其答复后再请其他单位。");
        HelperUnitId = unitId;
        HelperContractId = contractId;
        DeliveryId = null;
        Add(TicketAction.AskHelp, now, actor, $"请 {unitName} 协助（有事大家帮）", true);
    }

    public void HelpTaken(int unitId, int deliveryId, DateTimeOffset now, string actor)
    {
        if (HelperUnitId != unitId) throw new Forbidden("本单位没有被请求协助这件事项。");
        if (DeliveryId is not null) throw new RuleViolation("本单位已承接这件事项。");
        RequireOpen("承接");
        DeliveryId = deliveryId;
        Add(TicketAction.HelpTaken, now, actor, "共建单位已承接，计入共建履约记录", true);
    }

    public void Rate(Satisfaction rating, string? comment, DateTimeOffset now, string actor)
    {
        if (Status != TicketStatus.Closed) throw new RuleViolation("事项办结后才能评价。");
        if (Rating is not null) throw new RuleViolation("这件事项已经评价过了。");
        Rating = rating;
        RatedAt = now;
        Add(TicketAction.Rate, now, actor, $"{SatisfactionName(rating)}。{Trim(comment, 300)}".TrimEnd(), false);
    }

    private void RequireOpen(string what)
    {
        if (Status == TicketStatus.Closed) throw new RuleViolation($"事项已办结，不能{what}。");
    }

    private void Add(TicketAction action, DateTimeOffset now, string actor, string? text, bool isPublic)
    {
        UpdatedAt = now;
        _events.Add(new TicketEvent(action, now, actor, Level, text, isPublic));
    }

    private static string? Trim(string? s, int max)
    {
        s = s?.Trim();
        if (string.IsNullOrEmpty(s)) return null;
        return s.Length <= max ? s : throw new InvalidInput("text", $"内容不超过 {max} 字。");
    }

    public static string StatusName(TicketStatus s) => s switch
    {
        TicketStatus.Received => "已受理",
        TicketStatus.Assigned => "办理中",
        TicketStatus.Escalated => "已上报",
        _ => "已办结",
    };

    public static string LevelName(TicketLevel l) => l switch { TicketLevel.Community => "社区", TicketLevel.Street => "街道", _ => "区级部门" };

    public static string PlatformName(Platform p) => p switch
    {
        ServiceDesk.Platform.Governance => "综治工作",
        ServiceDesk.Platform.MarketRegulation => "市场监管",
        ServiceDesk.Platform.LawEnforcement => "综合执法",
        _ => "便民服务",
    };

    public static string SatisfactionName(Satisfaction s) => s switch
    {
        Satisfaction.Satisfied => "满意",
        Satisfaction.BasicallySatisfied => "基本满意",
        _ => "不满意",
    };
}

public enum TicketAction { Receive, Assign, Note, Escalate, Route, Return, AskHelp, HelpTaken, Close, Rate }

/// <summary>One step in a request's life; public steps are what the resident and Open311 clients see.</summary>
public sealed class TicketEvent
{
    private TicketEvent() { }

    internal TicketEvent(TicketAction action, DateTimeOffset at, string actor, TicketLevel level, string? text, bool isPublic)
    {
        Action = action;
        At = at;
        Actor = actor;
        Level = level;
        Text = text;
        Public = isPublic;
    }

    public int Id { get; private set; }
    public int TicketId { get; private set; }
    public TicketAction Action { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string Actor { get; private set; } = "";
    public TicketLevel Level { get; private set; }
    public string? Text { get; private set; }
    public bool Public { get; private set; }
}
