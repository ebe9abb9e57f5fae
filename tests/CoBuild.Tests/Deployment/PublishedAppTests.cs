using System.Net;
using System.Text.RegularExpressions;

namespace CoBuild.Tests.Deployment;

/// <summary>The published app started from another working directory finds its own files.</summary>
public sealed partial class PublishedAppTests(PublishedApp app) : IClassFixture<PublishedApp>
{
    [Theory]
    [InlineData("_framework/blazor.web.js")]
    [InlineData("css/app.css")]
    [InlineData("lib/signalr/signalr.min.js")]
    [InlineData("js/auction-live.js")]
    [InlineData("_content/AntDesign/css/ant-design-blazor.css")]
    public async Task Static_files_are_served_whole(string path)
    {
        var onDisk = await File.ReadAllBytesAsync(Path.Combine(app.PublishDir, "wwwroot", path));
        Assert.NotEmpty(onDisk);
        using var response = await app.Client.GetAsync("/" + path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(onDisk, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task The_pages_fingerprinted_stylesheet_is_served()
    {
        var html = await app.Client.GetStringAsync("/account/login");
        var href = StylesheetHref().Match(html);
        Assert.True(href.Success, html);
        var css = await app.Client.GetByteArrayAsync("/" + href.Groups[1].Value);
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(app.PublishDir, "wwwroot", "css", "app.css")), css);
    }

    [Fact]
    public async Task Its_appsettings_apply_and_its_data_stays_in_its_folder()
    {
        Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync("/communities")).StatusCode); // reads the database
        // appsettings.json turns EF Core's SQL log down to warnings; without it every statement is written out.
        Assert.DoesNotContain("Executed DbCommand", app.Output);
        Assert.Contains("Content root path: " + app.PublishDir.TrimEnd('/'), app.Output);
        // DataDirectory and the default SQLite file are relative: they land in the app's folder, not the working directory.
        Assert.Empty(Directory.EnumerateFileSystemEntries(app.WorkingDir));
        Assert.True(File.Exists(Path.Combine(app.PublishDir, "data", "personal-data.key")));
        if (!Infrastructure.AppFixture.IsPostgres) Assert.True(File.Exists(Path.Combine(app.PublishDir, "data", "cobuild.db")));
    }

    [GeneratedRegex("href=\"(css/app\\.[a-z0-9]+\\.css)\"")]
    private static partial Regex StylesheetHref();
}
