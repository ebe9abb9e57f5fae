using System.Globalization;
using CoBuild.Web.Infrastructure.Spreadsheets;
using MiniExcelLibs;

namespace CoBuild.Web.Features.Imports;

public enum ImportKind { Units, PartyOrganizations, Members, Needs, Resources }

public sealed record ImportError(int Row, string Column, string Reason)
{
    public override string ToString() => $"第 {Row} 行，{Column}，{Reason}";
}

public sealed record ImportReport(int Rows, int Saved, List<ImportError> Errors)
{
    public bool Ok => Errors.Count == 0;
}

/// <summary>One spreadsheet row as text by column name, with its row number as Excel shows it.</summary>
public sealed class SheetRow(int number, IDictionary<string, object?> cells, List<ImportError> errors)
{
    public int Number { get; } = number;

    public string? Text(string column) => cells.TryGetValue(column, out var v) && ImportSheet.AsText(v) is { Length: > 0 } s ? s : null;

    /// <summary>
    /// Whether the cell holds a number rather than text: Excel stores digits typed into a General column as a number,
    /// and one of more than 15 digits has already lost its last digits (shown as 3.30602199001011E+17).
    /// </summary>
    public bool IsNumber(string column) => cells.TryGetValue(column, out var v) && v is double or float or decimal or int or long;

    public string Required(string column)
    {
        var value = Text(column);
        if (value is null) Error(column, "不能为空");
        return value ?? "";
    }

    public void Error(string column, string reason) => errors.Add(new ImportError(Number, column, reason));

    /// <summary>A required name that must be new: not on an earlier row of the file, not already in the system. Length is checked by <see cref="ImportSheet.Read"/>.</summary>
    public string UniqueName(string column, Dictionary<string, int> seen, Func<string, bool> exists, string existsReason)
    {
        var name = Required(column);
        if (name.Length == 0) return name;
        if (seen.TryGetValue(name, out var first)) Error(column, $"与第 {first} 行重复");
        else if (exists(name)) Error(column, existsReason);
        seen.TryAdd(name, Number);
        return name;
    }
}

internal static class ImportSheet
{
    public const int MaxRows = 50_000;

    /// <summary>The template's data sheet; a workbook without one is read from its first sheet.</summary>
    public const string DataSheet = "导入数据";

    /// <summary>
    /// Reads the data sheet (<see cref="DataSheet"/>, else the first); a header row is required and every expected column
    /// must be present. When that sheet holds no data but another sheet does, the report names both sheets.
    /// </summary>
    public static List<SheetRow> Read(Stream xlsx, IReadOnlyList<ImportColumn> columns, List<ImportError> errors)
    {
        using var copy = new MemoryStream();
        xlsx.CopyTo(copy);
        var bytes = copy.ToArray();
        string sheet;
        List<IDictionary<string, object?>> raw;
        try
        {
            var names = MiniExcel.GetSheetNames(new MemoryStream(bytes, writable: false));
            sheet = names.Contains(DataSheet) ? DataSheet : names.FirstOrDefault() ?? throw new InvalidDataException("no sheet");
            raw = Query(bytes, sheet).Take(MaxRows + 1).ToList();
            if (!HasData(raw, columns) && names.Where(n => n != sheet).FirstOrDefault(n => HasData(Query(bytes, n), columns)) is { } other)
            {
                errors.Add(new ImportError(1, "工作表", $"数据在工作表“{other}”中，请放到“{sheet}”工作表"));
                return [];
            }
        }
        catch (Exception e) when (e is not OperationCanceledException) // any parse failure of an upload means "not a workbook"
        {
            errors.Add(new ImportError(1, "文件", "不是有效的 .xlsx 文件，请使用下载的模板"));
            return [];
        }
        if (raw.Count > MaxRows) errors.Add(new ImportError(MaxRows + 2, "文件", $"一次最多导入 {MaxRows} 行"));
        var headers = raw.Count > 0 ? raw[0].Keys.ToHashSet() : [];
        foreach (var c in columns.Where(c => c.Required && raw.Count > 0 && !headers.Contains(c.Name)))
            errors.Add(new ImportError(1, c.Name, "缺少此列，请使用下载的模板"));
        if (raw.Count == 0) errors.Add(new ImportError(2, "文件", "没有数据行"));
        if (errors.Count > 0) return [];
        var rows = raw.Select((cells, i) => new SheetRow(i + 2, cells, errors))
            .Where(r => columns.Any(c => r.Text(c.Name) is not null)) // blank lines at the end of a sheet are not rows
            .ToList();
        foreach (var row in rows)
            foreach (var c in columns)
                if (row.Text(c.Name) is { } v && v.Length > c.MaxLength) row.Error(c.Name, $"不超过 {c.MaxLength} 个字");
        if (rows.Count == 0) errors.Add(new ImportError(2, "文件", "没有数据行"));
        return rows;
    }

    private static IEnumerable<IDictionary<string, object?>> Query(byte[] xlsx, string sheet) =>
        MiniExcel.Query(new MemoryStream(xlsx, writable: false), useHeaderRow: true, sheetName: sheet, excelType: ExcelType.XLSX).Select(r => (IDictionary<string, object?>)r);

    /// <summary>A row with a value under one of the expected column names.</summary>
    private static bool HasData(IEnumerable<IDictionary<string, object?>> rows, IReadOnlyList<ImportColumn> columns) =>
        rows.Any(r => columns.Any(c => r.TryGetValue(c.Name, out var v) && AsText(v) is { Length: > 0 }));

    /// <summary>A cell as text; a whole number read as a number (a phone typed into a General column) as its digits.</summary>
    public static string? AsText(object? value) => value switch
    {
        null => null,
        double d when Math.Abs(d) < 1e15 && d == Math.Floor(d) => d.ToString("0", CultureInfo.InvariantCulture),
        _ => value.ToString()?.Trim(),
    };

    /// <summary>The template: the header row, and a second sheet that explains every column.</summary>
    public static byte[] Template(IReadOnlyList<ImportColumn> columns)
    {
        var header = new Dictionary<string, object?>();
        foreach (var c in columns) header[c.Name] = null;
        var help = columns.Select(c => new Dictionary<string, object?> { ["列名"] = c.Name, ["必填"] = c.Required ? "是" : "否", ["说明"] = c.Help }).ToList();
        var sheets = new Dictionary<string, object>
        {
            [DataSheet] = new List<Dictionary<string, object?>> { header },
            ["填写说明"] = help,
        };
        return Xlsx.Write(sheets, new Dictionary<string, IReadOnlyCollection<string>> { [DataSheet] = columns.Where(c => c.Text).Select(c => c.Name).ToList() });
    }
}

/// <summary>An expected column; <c>Text</c> columns (ID cards, phones) are formatted as text in the template so Excel keeps every digit typed.</summary>
public sealed record ImportColumn(string Name, bool Required, string Help, int MaxLength = 80, bool Text = false);
