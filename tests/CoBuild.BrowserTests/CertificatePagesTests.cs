using CoBuild.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CoBuild.BrowserTests;

/// <summary>
/// Journey 6, the certificate desk: at 蕺山社区's tablet (1024x768) a removed certificate is refused with where to go,
/// a 居住证明 is issued; the resident's paper is then checked on a phone from its QR code's page.
/// </summary>
public sealed class CertificatePagesTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task The_desk_refuses_a_removed_certificate_issues_a_residence_one_and_a_phone_checks_it()
    {
        var desk = await app.NewPageAsync(1024, 768);
        await AppFixture.LogInAsync(desk, "community.jishan", "/admin");
        await desk.GotoAsync("/admin/certificates");
        await Assertions.Expect(desk.Locator(".cert-whitelist")).ToContainTextAsync("证明事项清单 第 1 版");
        await Assertions.Expect(desk.Locator(".cert-type.cert-removed", new() { HasText = "婚姻状况证明" })).ToContainTextAsync("婚姻登记机关");

        await desk.Locator(".cert-form select[name=Type]").SelectOptionAsync("marital-status");
        await desk.Locator(".cert-form input[name=ResidentName]").FillAsync("吴桂芳");
        await desk.Locator(".cert-form input[name=Purpose]").FillAsync("办理房屋过户");
        await desk.Locator(".cert-submit").ClickAsync();
        await Assertions.Expect(desk.Locator(".cert-error")).ToContainTextAsync("《婚姻状况证明》已从本区证明事项清单第 1 版");
        await Assertions.Expect(desk.Locator(".cert-error")).ToContainTextAsync("请到：");
        await Assertions.Expect(desk.Locator(".cert-form input[name=ResidentName]")).ToHaveValueAsync("吴桂芳");
        await AppFixture.ScreenshotAsync(desk, "150-desk-certificate-refused");

        await desk.Locator(".cert-form select[name=Type]").SelectOptionAsync("residence");
        await desk.Locator(".cert-form input[name=Purpose]").FillAsync("办理子女入学");
        await desk.Locator(".cert-submit").ClickAsync();
        await Assertions.Expect(desk.Locator(".cert-ok")).ToContainTextAsync("已出具证明");
        var serial = (await desk.Locator(".cert-ok b").TextContentAsync())!;
        Assert.Matches(@"^ZM-\d{12}-\d{4}-\d{5}$", serial);
        await Assertions.Expect(desk.Locator(".cert-row", new() { HasText = serial })).ToContainTextAsync("吴桂芳");
        var width = await desk.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 1024, $"the desk page is {width}px wide on a 1024px tablet");
        await AppFixture.ScreenshotAsync(desk, "151-desk-certificate-issued");

        string token;
        using (var scope = app.Services.CreateScope())
            token = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Certificates.Where(c => c.Serial == serial).Select(c => c.VerifyToken).SingleAsync();
        var phone = await app.NewPageAsync(375, 812);
        await phone.GotoAsync($"/verify/certificate/{token}");
        await Assertions.Expect(phone.Locator(".cert-state")).ToContainTextAsync("真实有效");
        await Assertions.Expect(phone.Locator(".cert-serial")).ToHaveTextAsync(serial);
        await Assertions.Expect(phone.Locator(".cert-name")).ToHaveTextAsync("吴*芳");
        var phoneWidth = await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(phoneWidth <= 375, $"the verification page is {phoneWidth}px wide on a 375px screen");
        await AppFixture.ScreenshotAsync(phone, "152-phone-certificate-verified");
    }
}
