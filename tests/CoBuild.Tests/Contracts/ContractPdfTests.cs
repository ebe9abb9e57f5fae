using System.Diagnostics;
using System.Text;
using CoBuild.Tests.Infrastructure;
using CoBuild.Web.Features.Contracts;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Graphics.Colors;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace CoBuild.Tests.Contracts;

public sealed class ContractPdfTests
{
    private const string Font = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";
    private const string Hash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private const string Url = "https://cobuild.example.cn/verify/GJ-2026-000123?v=2&h=9f86d081";

    [Fact]
    public void Sample_is_A4_with_extractable_chinese_text()
    {
        using var pdf = PdfDocument.Open(ContractPdf.Render(Sample(3), Font));
        var text = Text(pdf);

        Assert.All(pdf.GetPages(), p =>
        {
            Assert.InRange(p.Width, 594, 596);
            Assert.InRange(p.Height, 841, 843);
        });
        Assert.Contains("府山街道与绍兴市排水有限公司党建共建协议", text);
        Assert.Contains("中共府山街道工作委员会", text);
        Assert.Contains("绍兴市排水有限公司党委", text);
        Assert.Contains("协议期限：2026年1月1日至2026年12月31日", text);
        Assert.Contains("GJ-2026-000123", text);
        Assert.Contains("第 2 版", text);
        Assert.Contains("承诺事项第1项：开放职工活动中心供社区居民使用", text);
        Assert.Contains("2026年2月2日", text);
        Assert.Contains("张建国", text);
        Assert.Contains("2026年1月5日 18:30", text); // 10:30 UTC shown in Asia/Shanghai
        Assert.Contains(Hash, text);
        Assert.Contains(Url, text);
        Assert.Contains("第 1 页 / 共 1 页", text);
        Assert.DoesNotContain("非现行版本", text);
    }

    [Fact]
    public void Font_is_embedded()
    {
        var bytes = ContractPdf.Render(Sample(3), Font);
        using var pdf = PdfDocument.Open(bytes);

        Assert.All(pdf.GetPage(1).Letters.Where(l => !string.IsNullOrWhiteSpace(l.Value)), l => Assert.Contains("WenQuanYi", l.FontName));
        Assert.Contains("/FontFile2", Encoding.Latin1.GetString(bytes));
    }

    [Fact]
    public void Fifty_commitments_run_onto_further_pages_with_the_header_repeated()
    {
        var timer = Stopwatch.StartNew();
        var bytes = ContractPdf.Render(Sample(50), Font);
        timer.Stop();
        using var pdf = PdfDocument.Open(bytes);
        var text = Text(pdf);

        Assert.True(pdf.NumberOfPages > 1);
        for (var i = 1; i <= 50; i++) Assert.Contains($"承诺事项第{i}项：", text);
        Assert.All(pdf.GetPages().Skip(1).Where(p => p.Text.Contains("承诺事项第")), p => Assert.Contains("序号承担方承诺事项完成时限关联", p.Text));
        Assert.Contains($"第 {pdf.NumberOfPages} 页 / 共 {pdf.NumberOfPages} 页", text);
        Assert.InRange(timer.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Superseded_version_is_marked_on_every_page()
    {
        using var pdf = PdfDocument.Open(ContractPdf.Render(Sample(50) with { IsCurrent = false }, Font));

        Assert.All(pdf.GetPages(), p => Assert.Contains("非现行版本", p.Text));
    }

    [Fact]
    public void Qr_code_encodes_the_verify_url()
    {
        using var pdf = PdfDocument.Open(ContractPdf.Render(Sample(3), Font));

        var image = Assert.Single(pdf.GetPage(pdf.NumberOfPages).GetImages());
        Assert.Equal(Url, DecodeQr(image));
    }

    [Fact]
    public void Qpdf_checks_every_stream_clean()
    {
        // Several pages, the superseded banner, the QR image and the embedded font: every kind of stream we write.
        ExternalTools.AssertQpdfClean(ContractPdf.Render(Sample(50) with { IsCurrent = false }, Font));
        ExternalTools.AssertQpdfClean(ContractPdf.Render(Sample(0) with { Signatures = [] }, Font));
    }

    [Fact]
    public void Missing_font_names_the_path_and_the_setting()
    {
        var e = Assert.Throws<InvalidOperationException>(() => ContractPdf.Render(Sample(1), "/nowhere/font.ttc"));

        Assert.Contains("/nowhere/font.ttc", e.Message);
        Assert.Contains("Pdf:FontPath", e.Message);
    }

    [Fact]
    public void Renders_in_parallel()
    {
        var files = new byte[6][];
        Parallel.For(0, files.Length, i => files[i] = ContractPdf.Render(Sample(10 + i), Font));

        Assert.All(files, f =>
        {
            using var pdf = PdfDocument.Open(f);
            Assert.Contains("中共府山街道工作委员会", Text(pdf));
        });
    }

    [Fact]
    public void No_commitments_nor_signatures_still_render()
    {
        using var pdf = PdfDocument.Open(ContractPdf.Render(Sample(0) with { Signatures = [] }, Font));

        Assert.Contains("本协议未列承诺事项", Text(pdf));
        Assert.Contains("尚无签署记录", Text(pdf));
    }

    [Fact]
    public void A_commitment_longer_than_a_page_is_split_across_pages()
    {
        var sample = Sample(2);
        var huge = sample.Commitments[0] with { Title = string.Concat(Enumerable.Repeat("社区共建，长期坚持。Open the hall to residents. ", 60)) };
        using var pdf = PdfDocument.Open(ContractPdf.Render(sample with { Commitments = [huge, sample.Commitments[1]] }, Font));

        Assert.True(pdf.NumberOfPages > 1);
        Assert.Contains("承诺事项第2项：", Text(pdf));
    }

    private static ContractDocument Sample(int commitments) => new(
        "GJ-2026-000123",
        "府山街道与绍兴市排水有限公司党建共建协议",
        "中共府山街道工作委员会",
        "绍兴市排水有限公司党委",
        new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31),
        2, true,
        [.. Enumerable.Range(1, commitments).Select(i => new ContractDocumentCommitment(
            i % 3 == 0 ? "甲方" : "乙方",
            $"承诺事项第{i}项：开放职工活动中心供社区居民使用" + (i % 4 == 0 ? "，每周二、四晚上开放，配备专人管理，并在社区公告栏和微信群公布开放时间与预约方式。" : ""),
            new DateOnly(2026, 1 + i % 12, 1 + i % 28),
            i % 5 == 0 ? $"项目 XM-2026-{i:0000}" : null))],
        [
            new ContractDocumentSignature("甲方", "中共府山街道工作委员会", "张建国", new DateTimeOffset(2026, 1, 5, 10, 30, 0, TimeSpan.Zero), Hash),
            new ContractDocumentSignature("乙方", "绍兴市排水有限公司党委", "李明", new DateTimeOffset(2026, 1, 6, 1, 15, 0, TimeSpan.Zero), Hash),
        ],
        Hash,
        Url,
        new DateTimeOffset(2026, 3, 1, 2, 0, 0, TimeSpan.Zero));

    private static string Text(PdfDocument pdf) => string.Concat(pdf.GetPages().Select(p => p.Text));

    /// <summary>Turns the image's decoded samples into grey pixels for ZXing (no image library needed).</summary>
    private static string DecodeQr(IPdfImage image)
    {
        Assert.True(image.TryGetBytesAsMemory(out var memory));
        var samples = memory.ToArray();
        int width = image.WidthInSamples, height = image.HeightInSamples, bits = image.BitsPerComponent;
        var (components, table) = image.ColorSpaceDetails is IndexedColorSpaceDetails indexed
            ? (1, indexed.ColorTable.ToArray())
            : (image.ColorSpaceDetails!.NumberOfColorComponents, null);
        var stride = (width * components * bits + 7) / 8;
        var grey = new byte[width * height];
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
            {
                int Sample(int c)
                {
                    var bit = (x * components + c) * bits;
                    var b = samples[y * stride + bit / 8];
                    return bits == 8 ? b : (b >> (8 - bits - bit % 8)) & ((1 << bits) - 1);
                }
                grey[y * width + x] = table is not null
                    ? (byte)((table[Sample(0) * 3] + table[Sample(0) * 3 + 1] + table[Sample(0) * 3 + 2]) / 3)
                    : (byte)Enumerable.Range(0, components).Average(c => Sample(c) * 255.0 / ((1 << bits) - 1));
            }
        var bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(grey, width, height, RGBLuminanceSource.BitmapFormat.Gray8)));
        return new QRCodeReader().decode(bitmap)?.Text ?? throw new InvalidOperationException("no QR code found");
    }
}
