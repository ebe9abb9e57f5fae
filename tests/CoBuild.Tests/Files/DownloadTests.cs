using System.Net;
using System.Net.Http.Headers;
using CoBuild.Tests.Contracts;
using CoBuild.Tests.Infrastructure;
using CoBuild.Web.Features.Contracts;
using CoBuild.Web.Features.Files;

namespace CoBuild.Tests.Files;

/// <summary>A stored file is named and served by the type read from its content, not by the uploader's name.</summary>
[Collection(AppCollection.Name)]
public sealed class DownloadTests(AppFixture app)
{
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, .. "JFIF"u8, 0x00, .. "<html><script>alert(1)</script></html>"u8];

    [Fact]
    public async Task A_jpeg_uploaded_as_html_downloads_as_a_jpeg()
    {
        var active = await Paper.ActiveAsync(app, "文件命名协议");
        var line = active.Commitments.Single(c => c.Side == ContractSide.Unit);
        var unit = await app.ClientFor("unit.drainage");
        var file = new ByteArrayContent(Jpeg);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/html");
        var form = new MultipartFormDataContent
        {
            { new StringContent(Paper.Today.ToString("yyyy-MM-dd")), "on" },
            { new StringContent("巡检照片"), "description" },
            { file, "file", "poly.html" },
        };
        var recorded = await unit.PostAsync($"/api/v1/org-contracts/{active.Contract.Id}/commitments/{line.Id}/deliveries", form);
        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        var detail = (await unit.Get<ContractDetail>($"/api/v1/org-contracts/{active.Contract.Id}"))!;
        var stored = Assert.Single(detail.Commitments.Single(c => c.Id == line.Id).Deliveries.Single().Files);
        Assert.Equal("poly.jpg", stored.Name);

        using var download = await unit.GetAsync($"/api/v1/files/{stored.Id}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("image/jpeg", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("poly.jpg", download.Content.Headers.ContentDisposition.FileNameStar ?? download.Content.Headers.ContentDisposition.FileName);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(Jpeg, await download.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("poly.html", "image/jpeg", "poly.jpg")]
    [InlineData("scan.PDF", "application/pdf", "scan.pdf")]
    [InlineData("photo.jpeg", "image/jpeg", "photo.jpg")]
    [InlineData("no-extension", "image/png", "no-extension.png")]
    [InlineData(".html", "image/webp", "file.webp")]
    [InlineData("现场照片.exe", "image/png", "现场照片.png")]
    public void The_name_takes_the_extension_of_the_detected_type(string uploaded, string type, string expected) =>
        Assert.Equal(expected, StoredFile.NameFor(uploaded, type));

    [Fact]
    public void A_long_name_stays_within_the_column() =>
        Assert.Equal(120, StoredFile.NameFor(new string('长', 119) + ".html", "image/webp").Length);
}
