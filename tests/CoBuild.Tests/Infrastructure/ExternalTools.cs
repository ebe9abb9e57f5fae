using System.Diagnostics;
using System.Text.Json;

namespace CoBuild.Tests.Infrastructure;

/// <summary>What a second, independent .xlsx reader (ExcelJS, run by Node from tests/readers) sees in a workbook.</summary>
public sealed record ForeignWorkbook(List<ForeignSheet> Sheets);

/// <summary>One sheet as ExcelJS sees it: its first rows with each cell as text (null when empty), the number of rows
/// holding a value, and each column's number format ("@" = text; null when none).</summary>
public sealed record ForeignSheet(string Name, int RowCount, List<List<string?>> Rows, List<string?> ColumnFormats);

/// <summary>Runs the programs other people open our files with: ExcelJS for .xlsx, qpdf for PDF.</summary>
public static class ExternalTools
{
    private static readonly string Root = FindRoot();

    /// <summary>Opens the workbook with ExcelJS; fails the test with the reader's own error when it cannot.</summary>
    public static ForeignWorkbook ReadWithExcelJs(byte[] xlsx, int rows = 5)
    {
        var script = Path.Combine(Root, "tests", "readers", "read-xlsx.js");
        Assert.True(Directory.Exists(Path.Combine(Root, "tests", "readers", "node_modules", "exceljs")),
            "ExcelJS is not installed: run `npm ci --prefix tests/readers` (scripts/install-test-deps.sh does)");
        var file = Path.Combine(Path.GetTempPath(), $"cobuild-{Guid.NewGuid():N}.xlsx");
        File.WriteAllBytes(file, xlsx);
        try
        {
            var (code, output, error) = Run("node", script, file, rows.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.True(code == 0, $"ExcelJS could not open the workbook: {error}");
            return JsonSerializer.Deserialize<ForeignWorkbook>(output, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        }
        finally { File.Delete(file); }
    }

    /// <summary>Asserts that <c>qpdf --check</c> finds the PDF clean: exit 0 and not a single warning.</summary>
    public static void AssertQpdfClean(byte[] pdf)
    {
        var file = Path.Combine(Path.GetTempPath(), $"cobuild-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(file, pdf);
        try
        {
            var (code, output, error) = Run("qpdf", "--check", file);
            Assert.True(code == 0 && !error.Contains("WARNING", StringComparison.Ordinal) && !output.Contains("WARNING", StringComparison.Ordinal),
                $"qpdf --check exited {code}:\n{output}\n{error}");
            Assert.Contains("No syntax or stream encoding errors found", output);
        }
        finally { File.Delete(file); }
    }

    private static (int Code, string Output, string Error) Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish within 60 s");
        }
        return (process.ExitCode, output.Result, error.Result);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CoBuild.slnx"))) return dir.FullName;
        throw new InvalidOperationException("the repository root (CoBuild.slnx) is not above the test binaries");
    }
}
