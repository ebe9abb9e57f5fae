using Microsoft.AspNetCore.Components;

namespace CoBuild.Web.Features.Menus.Pages;

internal static class MenuLinks
{
    /// <summary>After a create form saved: the tab's first page without filters, drawn again by the server (enhanced navigation).</summary>
    public static void Show(NavigationManager nav, string tab)
    {
        var target = nav.ToAbsoluteUri("/admin/menus?tab=" + tab).ToString();
        if (target == nav.Uri) nav.Refresh();
        else nav.NavigateTo(target);
    }
}
