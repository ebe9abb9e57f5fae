using CoBuild.Web.Infrastructure.ErrorHandling;

namespace CoBuild.Web.Features.Organizations;

public enum SeatPost { DeputySecretary, Member }

/// <summary>A unit leader's part-time seat on a street or community committee (大工委/大党委).</summary>
public sealed class CommitteeSeat
{
    private CommitteeSeat() { }

    public CommitteeSeat(OrgUnit committeeOf, int residentUnitId, string holderName, SeatPost post, DateOnly termStart, DateOnly termEnd)
    {
        if (committeeOf.Level is not (OrgLevel.Street or OrgLevel.Community))
            throw new RuleViolation("兼职委员只能在街道大工委或社区大党委任职。");
        if (termEnd <= termStart) throw new InvalidInput("termEnd", "任期结束日期必须晚于开始日期。");
        holderName = holderName?.Trim() ?? "";
        if (holderName.Length is 0 or > 32) throw new InvalidInput("holderName", "委员姓名不能为空。");
        DistrictId = committeeOf.DistrictId;
        OrgUnitId = committeeOf.Id;
        ResidentUnitId = residentUnitId;
        HolderName = holderName;
        Post = post;
        TermStart = termStart;
        TermEnd = termEnd;
    }

    public int Id { get; private set; }
    public int DistrictId { get; private set; }
    public int OrgUnitId { get; private set; }
    public OrgUnit? OrgUnit { get; private set; }
    public int ResidentUnitId { get; private set; }
    public ResidentUnit? ResidentUnit { get; private set; }
    public string HolderName { get; private set; } = "";
    public SeatPost Post { get; private set; }
    public DateOnly TermStart { get; private set; }
    public DateOnly TermEnd { get; private set; }

    public bool IsCurrent(DateOnly today) => TermStart <= today && today <= TermEnd;

    public static string PostName(SeatPost post) => post == SeatPost.DeputySecretary ? "兼职副书记" : "兼职委员";
}

/// <summary>A meeting of a street or community committee, with agenda, minutes and attendance.</summary>
public sealed class CommitteeMeeting
{
    private readonly List<MeetingAttendance> _attendance = [];

    private CommitteeMeeting() { }

    public CommitteeMeeting(OrgUnit committeeOf, string title, DateTimeOffset heldAt, string? location, string agenda)
    {
        if (committeeOf.Level is not (OrgLevel.Street or OrgLevel.Community)) throw new RuleViolation("只有街道大工委和社区大党委召开联席会议。");
        if (title?.Trim() is not { Length: > 0 and <= 120 }) throw new InvalidInput("title", "会议名称不能为空，且不超过 120 个字。");
        if (location is { Length: > 120 }) throw new InvalidInput("location", "地点不超过 120 个字。");
        if (agenda?.Trim() is not { Length: > 0 and <= 4000 }) throw new InvalidInput("agenda", "请填写会议议程，且不超过 4000 字。");
        DistrictId = committeeOf.DistrictId;
        OrgUnitId = committeeOf.Id;
        Title = title.Trim();
        HeldAt = heldAt.ToUniversalTime();
        Location = string.IsNullOrWhiteSpace(location) ? null : location.Trim();
        Agenda = agenda.Trim();
    }

    public int Id { get; private set; }
    public int DistrictId { get; private set; }
    public int OrgUnitId { get; private set; }
    public string Title { get; private set; } = "";
    public DateTimeOffset HeldAt { get; private set; }
    public string? Location { get; private set; }
    public string Agenda { get; private set; } = "";
    public string? Minutes { get; private set; }
    public IReadOnlyList<MeetingAttendance> Attendance => _attendance;

    public void RecordMinutes(string minutes)
    {
        minutes = minutes?.Trim() ?? "";
        if (minutes.Length is 0 or > 20000) throw new InvalidInput("minutes", "纪要不能为空，且不超过 20000 字。");
        Minutes = minutes;
    }

    public void MarkAttendance(int seatId, bool present)
    {
        var row = _attendance.FirstOrDefault(a => a.CommitteeSeatId == seatId);
        if (row is null) _attendance.Add(new MeetingAttendance(seatId, present));
        else row.Present = present;
    }
}

public sealed class MeetingAttendance
{
    private MeetingAttendance() { }
    internal MeetingAttendance(int seatId, bool present) { CommitteeSeatId = seatId; Present = present; }
    public int Id { get; private set; }
    public int CommitteeMeetingId { get; private set; }
    public int CommitteeSeatId { get; private set; }
    public bool Present { get; internal set; }
}
