using CoBuild.Web.Infrastructure.Data;
using CoBuild.Web.Infrastructure.PersonalData;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MiniExcelLibs;

namespace CoBuild.BrowserTests;

/// <summary>Journey 1: the street imports 12 members from a unit's Excel; a bad check digit refuses the file, the fix goes in.</summary>
public sealed class ImportPageTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_bad_row_refuses_the_whole_file_then_the_fixed_file_imports()
    {
        var tag = Guid.NewGuid().ToString("N")[..4];
        var rows = Enumerable.Range(1, 12).Select(i => new Dictionary<string, object?>
        {
            ["姓名"] = $"导入{tag}{i:00}", ["身份证号"] = IdCard(i), ["手机号"] = "13905751234", ["职业"] = "医生", ["工作单位"] = "绍兴市人民医院",
            ["居住街道"] = "府山街道", ["居住社区"] = "蕺山社区", ["网格"] = "第2网格", ["技能特长"] = "义诊", ["服务意向"] = "义诊",
        }).ToList();
        var good = (string)rows[5]["身份证号"]!;
        rows[5]["身份证号"] = good[..17] + (good[17] == '1' ? '2' : '1');

        var page = await app.NewPageAsync();
        await AppFixture.LogInAsync(page, "street.fushan", "/admin");
        await AppFixture.OpenInteractiveAsync(page, "/admin/imports");
        await page.SetInputFilesAsync("#import-file", Xlsx("党员.xlsx", rows));
        var errors = page.Locator(".import-errors");
        await Assertions.Expect(errors).ToContainTextAsync("校验位错误");
        await Assertions.Expect(errors.Locator("tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(errors.Locator("tbody tr").First).ToContainTextAsync("7");
        await Assertions.Expect(errors.Locator("tbody tr").First).ToContainTextAsync("身份证号");
        await AppFixture.ScreenshotAsync(page, "05-import-refused");
        Assert.Equal(0, await CountImported(tag));

        rows[5]["身份证号"] = good;
        await page.SetInputFilesAsync("#import-file", Xlsx("党员-改正.xlsx", rows));
        await Assertions.Expect(page.Locator(".import-result")).ToContainTextAsync("已保存 12 条");
        await AppFixture.ScreenshotAsync(page, "06-import-accepted");
        Assert.Equal(12, await CountImported(tag));
    }

    private async Task<int> CountImported(string tag)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.MemberRegistrations.CountAsync(r => r.PartyMember!.Name.StartsWith("导入" + tag) && r.Community!.Name == "蕺山社区");
    }

    private static string IdCard(int i)
    {
        var first17 = $"330603{new DateOnly(1985, 1, 1).AddDays(i * 31 + Random.Shared.Next(300)):yyyyMMdd}{Random.Shared.Next(1000):000}";
        return first17 + IdCardNumber.CheckChar(first17);
    }

    private static FilePayload Xlsx(string name, List<Dictionary<string, object?>> rows)
    {
        using var ms = new MemoryStream();
        ms.SaveAs(rows, excelType: ExcelType.XLSX);
        return new FilePayload { Name = name, MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Buffer = ms.ToArray() };
    }
}
