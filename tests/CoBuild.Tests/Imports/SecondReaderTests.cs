using System.Globalization;
using CoBuild.Tests.Auctions;
using CoBuild.Tests.Infrastructure;
using CoBuild.Web.Features.Imports;
using MiniExcelLibs;

namespace CoBuild.Tests.Imports;

/// <summary>
/// Every workbook we serve, opened by a second, independent reader (ExcelJS, as front ends use it): it must open,
/// and show the sheets, headers, rows and first cells our own reader sees.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class SecondReaderTests(AppFixture app)
{
    [Theory]
    [InlineData("units")]
    [InlineData("party-organizations")]
    [InlineData("members")]
    [InlineData("needs")]
    [InlineData("resources")]
    public async Task Every_import_template_opens_in_exceljs_with_its_text_columns(string kind)
    {
        var bytes = await (await app.ClientFor("district.admin")).GetByteArrayAsync($"/api/v1/imports/{kind}/template");
        var book = ExternalTools.ReadWithExcelJs(bytes);
        SameAsOurReader(bytes, book);

        Assert.True(ImportsApi.TryParseKind(kind, out var k));
        var columns = ImportService.ColumnsOf(k);
        var data = book.Sheets[0];
        Assert.Equal(ImportSheet.DataSheet, data.Name);
        Assert.Equal(columns.Select(c => c.Name), data.Rows[0]);
        Assert.Equal(columns.Select(c => c.Text ? "@" : null), data.ColumnFormats);
    }

    [Theory]
    [InlineData("/api/v1/exports/org-units")]
    [InlineData("/api/v1/exports/units")]
    [InlineData("/api/v1/exports/party-organizations")]
    [InlineData("/api/v1/exports/members")]
    [InlineData("/api/v1/exports/committee-seats")]
    [InlineData("/api/v1/exports/venues")]
    [InlineData("/api/v1/exports/needs")]
    [InlineData("/api/v1/exports/resources")]
    [InlineData("/api/v1/exports/offers")]
    [InlineData("/api/v1/exports/projects")]
    [InlineData("/api/v1/org-contracts/export")]
    [InlineData("/api/v1/personal-contracts/export")]
    public async Task Every_export_opens_in_exceljs(string url)
    {
        var bytes = await (await app.ClientFor("district.admin")).GetByteArrayAsync(url);
        var book = ExternalTools.ReadWithExcelJs(bytes);
        SameAsOurReader(bytes, book);
        Assert.All(book.Sheets, s => Assert.True(s.RowCount > 1, $"{url}: sheet {s.Name} has no data rows to compare"));
    }

    [Fact]
    public async Task The_auction_results_open_in_exceljs()
    {
        var ceremony = await Ceremony.StartAsync(app, "第二读者拍卖会");
        var lot = await ceremony.LotAsync(capacity: 1);
        (await ceremony.Raise((await ceremony.Units(61, 1))[0], lot.Id)).EnsureSuccessStatusCode();
        (await ceremony.Hammer(lot.Id)).EnsureSuccessStatusCode();

        var bytes = await ceremony.Street.GetByteArrayAsync(ceremony.Url("/export"));
        var book = ExternalTools.ReadWithExcelJs(bytes);
        SameAsOurReader(bytes, book);
        Assert.Equal(["拍卖结果", "举牌记录", "操作记录"], book.Sheets.Select(s => s.Name));
        Assert.All(book.Sheets, s => Assert.True(s.RowCount > 1, $"sheet {s.Name} has no data rows"));
    }

    /// <summary>Same sheets in the same order, same header row, same number of rows, same first data row.</summary>
    private static void SameAsOurReader(byte[] xlsx, ForeignWorkbook book)
    {
        Assert.Equal(MiniExcel.GetSheetNames(new MemoryStream(xlsx)), book.Sheets.Select(s => s.Name));
        foreach (var sheet in book.Sheets)
        {
            var rows = MiniExcel.Query(new MemoryStream(xlsx), useHeaderRow: true, sheetName: sheet.Name, excelType: ExcelType.XLSX)
                .Select(r => (IDictionary<string, object?>)r).ToList();
            var headers = MiniExcel.GetColumns(new MemoryStream(xlsx), useHeaderRow: true, sheetName: sheet.Name)?.ToList() ?? [];
            Assert.Equal(headers, sheet.Rows.FirstOrDefault() ?? []);
            var filled = rows.Where(r => r.Values.Any(v => v is not null)).ToList();
            Assert.Equal(filled.Count, Math.Max(sheet.RowCount - 1, 0));
            if (filled.Count > 0)
                Assert.Equal(headers.Select(h => Text(filled[0][h])), sheet.Rows[1]);
        }
    }

    private static string? Text(object? value) => value is null ? null : Convert.ToString(value, CultureInfo.InvariantCulture);
}
