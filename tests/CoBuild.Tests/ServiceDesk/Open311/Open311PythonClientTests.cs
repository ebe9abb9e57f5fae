using System.Diagnostics;
using System.Text.Json;
using CoBuild.Tests.Infrastructure;
using static CoBuild.Tests.ServiceDesk.Open311.Open311Scene;

namespace CoBuild.Tests.ServiceDesk.Open311;

/// <summary>
/// A client outside .NET: Python's xml.etree and json read each answer, and an independent Spark mapping of the XML
/// (tests/readers/open311_spark.py) must equal the JSON, booleans, numbers and nulls included.
/// </summary>
[Collection(TestDistrictCollection.Name)]
public sealed class Open311PythonClientTests(TestDistrictFixture app)
{
    [Fact]
    public async Task Python_reads_the_same_answer_from_xml_and_json()
    {
        var scene = await CreateAsync(app);
        var id = await scene.FileAsync([.. Drain(), ("lat", "30.0012"), ("long", "120.5801")]);
        var cases = new (string Path, string? Query, string Root)[]
        {
            ("services", null, "services"), ("services/facility-repair", null, "service_definition"), ("requests", null, "service_requests"),
            ($"requests/{id}", null, "service_requests"), ("requests", "start_date=bad", "errors"),
        };
        foreach (var (path, query, root) in cases)
        {
            var xml = await (await scene.GetAsync(path, "xml", query)).Content.ReadAsByteArrayAsync();
            var json = await (await scene.GetAsync(path, "json", query)).Content.ReadAsByteArrayAsync();
            var answer = Python(xml, json);
            Assert.True(answer.GetProperty("ok").GetBoolean(), $"{path}: {answer}");
            Assert.Equal(root, answer.GetProperty("root").GetString());
        }
    }

    private static JsonElement Python(byte[] xml, byte[] json)
    {
        var (x, j) = (Path.GetTempFileName(), Path.GetTempFileName());
        try
        {
            File.WriteAllBytes(x, xml);
            File.WriteAllBytes(j, json);
            var script = Path.Combine(Root(), "tests", "readers", "open311_spark.py");
            using var p = Process.Start(new ProcessStartInfo("python3", [script, x, j]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var output = p.StandardOutput.ReadToEnd();
            var error = p.StandardError.ReadToEnd();
            Assert.True(p.WaitForExit(60_000), "python3 did not finish");
            Assert.True(p.ExitCode == 0, $"python3 failed: {error}");
            return JsonDocument.Parse(output).RootElement.Clone();
        }
        finally
        {
            File.Delete(x);
            File.Delete(j);
        }
    }

    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CoBuild.slnx"))) return dir.FullName;
        throw new InvalidOperationException("the repository root (CoBuild.slnx) is not above the test binaries");
    }
}
