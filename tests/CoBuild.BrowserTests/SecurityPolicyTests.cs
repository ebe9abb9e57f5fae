using CoBuild.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CoBuild.BrowserTests;

/// <summary>
/// Pages work under the Content-Security-Policy: no inline script or handler is refused, print buttons and the
/// auto-submitting campaign picker work through js/app.js, and the API reference renders under its own policy.
/// </summary>
public sealed class SecurityPolicyTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Print_buttons_and_the_campaign_picker_work_without_inline_handlers()
    {
        int auctionId;
        await using (var scope = app.Services.CreateAsyncScope())
            auctionId = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Auctions.OrderBy(a => a.Id).Select(a => a.Id).FirstAsync();
        var page = await app.NewPageAsync(375, 812);
        await page.GotoAsync($"/auctions/{auctionId}");
        await page.EvaluateAsync("() => { window.printed = 0; window.print = () => window.printed++; }");
        await page.Locator("button[data-print]").ClickAsync();
        Assert.Equal(1, await page.EvaluateAsync<int>("() => window.printed"));

        var district = await app.NewPageAsync();
        await AppFixture.LogInAsync(district, "district.admin", "/admin");
        await district.GotoAsync("/admin/personal-contracts");
        var picker = district.Locator("select.pc-campaign-pick");
        var other = await picker.Locator("option:not([selected])").First.GetAttributeAsync("value");
        await picker.SelectOptionAsync(other!);
        await district.WaitForURLAsync(url => url.Contains($"campaign={other}", StringComparison.Ordinal));
        await Assertions.Expect(picker).ToHaveValueAsync(other!);
        app.AssertNoCspViolations();
    }

    [Fact]
    public async Task The_api_reference_renders_under_its_policy()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/api/docs/", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        // Scalar draws the whole OpenAPI document in the browser: seconds on a loaded 2-core machine.
        await Assertions.Expect(page.GetByText("CoBuild 共建 API").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        app.AssertNoCspViolations();
    }
}
