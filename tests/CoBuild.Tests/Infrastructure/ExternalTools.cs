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

    private static readonly Lock ReaderLock = new();
    private static Process? s_reader;

    /// <summary>Opens the workbook with ExcelJS; fails the test with the reader's own error when it cannot. One Node
    /// process (read-xlsx.js --serve) reads every workbook of the test process: starting Node and loading ExcelJS
    /// took about a second per workbook.</summary>
    public static ForeignWorkbook ReadWithExcelJs(byte[] xlsx, int rows = 5)
    {
        Assert.True(Directory.Exists(Path.Combine(Root, "tests", "readers", "node_modules", "exceljs")),
            "ExcelJS is not installed: run `npm ci --prefix tests/readers` (scripts/install-test-deps.sh does)");
        var file = Path.Combine(Path.GetTempPath(), $"cobuild-{Guid.NewGuid():N}.xlsx");
        File.WriteAllBytes(file, xlsx);
        try
        {
            string? line;
            lock (ReaderLock)
            {
                var reader = Reader();
                reader.StandardInput.WriteLine(JsonSerializer.Serialize(new { file, rows }));
                reader.StandardInput.Flush();
                var answer = reader.StandardOutput.ReadLineAsync();
                if (!answer.Wait(TimeSpan.FromSeconds(60)))
                {
                    reader.Kill(entireProcessTree: true);
                    s_reader = null;
                    throw new TimeoutException("ExcelJS did not answer within 60 s");
                }
                line = answer.Result;
                if (line is null) s_reader = null;
            }
            Assert.True(line is not null, "the ExcelJS reader (node read-xlsx.js --serve) exited");
            var result = JsonDocument.Parse(line).RootElement;
            Assert.False(result.TryGetProperty("error", out var error), $"ExcelJS could not open the workbook: {error}");
            return result.GetProperty("book").Deserialize<ForeignWorkbook>(new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        }
        finally { File.Delete(file); }
    }

    private static Process Reader()
    {
        if (s_reader is { HasExited: false }) return s_reader;
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = false, UseShellExecute = false,
            StandardOutputEncoding = System.Text.Encoding.UTF8, StandardInputEncoding = new System.Text.UTF8Encoding(false),
        };
        start.ArgumentList.Add(Path.Combine(Root, "tests", "readers", "read-xlsx.js"));
        start.ArgumentList.Add("--serve");
        s_reader = Process.Start(start) ?? throw new InvalidOperationException("could not start node");
        var reader = s_reader;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => { try { reader.Kill(); } catch (InvalidOperationException) { } };
        return reader;
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
