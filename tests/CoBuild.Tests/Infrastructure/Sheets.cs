using CoBuild.Web.Infrastructure.PersonalData;
using MiniExcelLibs;

namespace CoBuild.Tests.Infrastructure;

/// <summary>Builds real .xlsx files for import tests and reads exported ones back.</summary>
public static class Sheets
{
    private static int _sequence = Random.Shared.Next(100_000);

    public static MultipartFormDataContent Upload(IEnumerable<Dictionary<string, object?>> rows)
    {
        using var ms = new MemoryStream();
        ms.SaveAs(rows.ToList(), excelType: ExcelType.XLSX);
        return File(ms.ToArray());
    }

    /// <summary>A workbook of several sheets (name → rows), in order.</summary>
    public static MultipartFormDataContent Upload(Dictionary<string, object> sheets)
    {
        using var ms = new MemoryStream();
        ms.SaveAs(sheets, excelType: ExcelType.XLSX);
        return File(ms.ToArray());
    }

    private static MultipartFormDataContent File(byte[] xlsx)
    {
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(xlsx);
        file.Headers.ContentType = new("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        content.Add(file, "file", "upload.xlsx");
        return content;
    }

    public static List<Dictionary<string, object?>> Read(byte[] xlsx, string? sheet = null) =>
        MiniExcel.Query(new MemoryStream(xlsx), useHeaderRow: true, sheetName: sheet, excelType: ExcelType.XLSX)
            .Select(r => new Dictionary<string, object?>((IDictionary<string, object?>)r)).ToList();

    /// <summary>A valid, never-before-used ID-card number (region 330603, so never a demo number).</summary>
    public static string NewIdCard()
    {
        var n = Interlocked.Increment(ref _sequence);
        var birth = new DateOnly(1970, 1, 1).AddDays(n % 9000);
        var first17 = $"330603{birth:yyyyMMdd}{n / 9000 % 1000:000}";
        return first17 + IdCardNumber.CheckChar(first17);
    }

    public static string WrongCheckDigit(string idCard)
    {
        var right = idCard[17];
        return idCard[..17] + (right == '1' ? '2' : '1');
    }
}
