using CoBuild.Web.Components;

namespace CoBuild.Web.Features.ServiceDesk.Board;

/// <summary>The ladder's words in the UI's language (Text.T reads literals only, see TranslationTests).</summary>
internal static class DeskNames
{
    public static string Level(TicketLevel l) => l switch { TicketLevel.Community => Text.T("社区"), TicketLevel.Street => Text.T("街道"), _ => Text.T("区级部门") };

    public static string Status(TicketStatus s) => s switch
    {
        TicketStatus.Received => Text.T("已受理"),
        TicketStatus.Assigned => Text.T("办理中"),
        TicketStatus.Escalated => Text.T("已上报"),
        _ => Text.T("已办结"),
    };
}
