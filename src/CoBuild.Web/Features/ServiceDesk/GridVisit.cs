using CoBuild.Web.Features.Organizations;
using CoBuild.Web.Infrastructure.ErrorHandling;

namespace CoBuild.Web.Features.ServiceDesk;

/// <summary>
/// A cadre's walk through a grid (干部走进网格): with the desk taking requests, cadres visit households; what they find
/// can become requests at once (channel GridPatrol), which the visit lists.
/// </summary>
public sealed class GridVisit
{
    private GridVisit() { }

    public GridVisit(OrgUnit grid, string cadre, string cadreName, DateOnly visitedOn, DateOnly today, int households, string? notes, DateTimeOffset now)
    {
        if (grid.Level != OrgLevel.Grid) throw new InvalidInput("gridId", "请选择一个网格。");
        if (visitedOn > today) throw new InvalidInput("visitedOn", "走访日期不能晚于今天。");
        if (visitedOn < today.AddDays(-31)) throw new InvalidInput("visitedOn", "只能补记一个月内的走访。");
        if (households is < 0 or > 2000) throw new InvalidInput("households", "走访户数须在 0–2000 之间。");
        notes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim();
        if (notes?.Length > 1000) throw new InvalidInput("notes", "走访情况不超过 1000 字。");
        DistrictId = grid.DistrictId;
        GridId = grid.Id;
        Path = grid.Path;
        Cadre = cadre;
        CadreName = cadreName;
        VisitedOn = visitedOn;
        Households = households;
        Notes = notes;
        CreatedAt = now;
    }

    public int Id { get; private set; }
    public int DistrictId { get; private set; }
    public int GridId { get; private set; }
    public string Path { get; private set; } = "";
    /// <summary>The account that walked the grid, and its display name when it did.</summary>
    public string Cadre { get; private set; } = "";
    public string CadreName { get; private set; } = "";
    public DateOnly VisitedOn { get; private set; }
    public int Households { get; private set; }
    public int IssuesFound { get; private set; }
    public string? Notes { get; private set; }
    /// <summary>Numbers of the requests filed from this visit, comma-separated.</summary>
    public string? TicketNumbers { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    internal void Found(IEnumerable<string> numbers)
    {
        var list = numbers.ToList();
        IssuesFound = list.Count;
        TicketNumbers = list.Count == 0 ? null : string.Join(",", list);
    }
}
