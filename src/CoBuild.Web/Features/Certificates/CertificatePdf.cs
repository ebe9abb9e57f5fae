using System.Globalization;
using System.Text;
using CoBuild.Web.Features.Contracts;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using QRCoder;

namespace CoBuild.Web.Features.Certificates;

/// <summary>What one printed certificate says.</summary>
public sealed record CertificateDocument(string Serial, string TypeCode, string TypeName, string Community, string? Street, string ResidentName,
    string Purpose, DateOnly IssuedOn, int WhitelistVersion, bool Revoked, string VerifyUrl, DateTimeOffset PrintedAt);

/// <summary>
/// Prints a certificate on one A4 page the way a 居委会 letter looks: red title, serial at the top right, the body with a
/// two-character indent, the issuing committee and date over a red round seal, and a QR code of the public verification
/// page. Same font handling as the contract PDF (<see cref="CjkFontResolver"/>, the <c>Pdf:FontPath</c> setting).
/// </summary>
public static class CertificatePdf
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly XColor Red = XColor.FromArgb(204, 0, 0);
    private static double Mm(double mm) => XUnit.FromMillimeter(mm).Point;
    private static readonly double PageWidth = Mm(210), PageHeight = Mm(297), Left = Mm(28), Right = PageWidth - Mm(26), Top = Mm(37), Bottom = PageHeight - Mm(35);

    public static byte[] Render(CertificateDocument doc, string fontPath)
    {
        ArgumentNullException.ThrowIfNull(doc);
        var family = CjkFontResolver.FamilyFor(fontPath);
        XFont Font(double size, bool bold = false) => new(family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, new XPdfFontOptions(PdfFontEncoding.Unicode));

        using var pdf = new PdfDocument();
        pdf.Info.Title = $"{doc.TypeName} {doc.Serial}";
        pdf.Info.Creator = "CoBuild 共建";
        var page = pdf.AddPage();
        page.Width = XUnit.FromPoint(PageWidth);
        page.Height = XUnit.FromPoint(PageHeight);
        using (var g = XGraphics.FromPdfPage(page))
        {
            if (doc.Revoked) Watermark(g, Font(90));
            var red = new XSolidBrush(Red);
            var width = Right - Left;
            var y = Top;

            g.DrawString(doc.TypeName, Font(26, bold: true), red, new XRect(Left, y, width, 40), XStringFormats.Center);
            y += 52;
            g.DrawString($"编号：{doc.Serial}", Font(11), XBrushes.Black, new XRect(Left, y, width, 16), XStringFormats.CenterRight);
            y += 20;
            g.DrawLine(new XPen(Red, 2), Left, y, Right, y);
            y += 34;

            var body = Font(16);
            var pitch = body.Size * 2;
            foreach (var paragraph in Paragraphs(doc))
                foreach (var line in Wrap(g, "　　" + paragraph, body, width))
                {
                    g.DrawString(line, body, XBrushes.Black, new XRect(Left, y, width, pitch), XStringFormats.CenterLeft);
                    y += pitch;
                }

            // The issuer and the date sit at the right, the seal over them as on a stamped letter.
            y += pitch * 2;
            var issuer = Issuer(doc.Community);
            var blockWidth = Math.Max(g.MeasureString(issuer, body).Width, g.MeasureString(Date(doc.IssuedOn), body).Width) + 8;
            var blockLeft = Right - blockWidth - Mm(8);
            g.DrawString(issuer, body, XBrushes.Black, new XRect(blockLeft, y, blockWidth, pitch), XStringFormats.Center);
            g.DrawString(Date(doc.IssuedOn), body, XBrushes.Black, new XRect(blockLeft, y + pitch, blockWidth, pitch), XStringFormats.Center);
            Seal(g, new XPoint(blockLeft + blockWidth / 2, y + pitch), doc.Community, Font(11, bold: true), Font(8));

            Verification(g, doc, Font(9), Font(7));
        }
        using var stream = new MemoryStream();
        pdf.Save(stream);
        return FlateStreams.Complete(stream.ToArray());
    }

    private static IEnumerable<string> Paragraphs(CertificateDocument doc)
    {
        var place = $"{doc.Street}{doc.Community}";
        yield return doc.TypeCode is "residence" or "rental-residence"
            ? $"兹证明{doc.ResidentName}现居住在本社区（{place}）辖区内，情况属实。"
            : $"兹证明{doc.ResidentName}申请的{doc.TypeName}事项，经本社区核实，情况属实。";
        yield return $"本证明用于：{doc.Purpose.TrimEnd('。')}。";
        yield return "特此证明。";
    }

    /// <summary>A community's residents' committee: 蕺山社区 → 蕺山社区居民委员会.</summary>
    private static string Issuer(string community) => community.EndsWith("居民委员会", StringComparison.Ordinal) ? community : community + "居民委员会";

    private static string Date(DateOnly d) => $"{d.Year}年{d.Month}月{d.Day}日";

    private static void Watermark(XGraphics g, XFont font)
    {
        var state = g.Save();
        g.RotateAtTransform(-35, new XPoint(PageWidth / 2, PageHeight / 2));
        g.DrawString("已作废", font, new XSolidBrush(XColor.FromArgb(226, 226, 226)), new XRect(0, 0, PageWidth, PageHeight), XStringFormats.Center);
        g.Restore(state);
    }

    /// <summary>A round red seal: the committee's name along the upper arc, a star in the middle, 证明专用章 below it.</summary>
    private static void Seal(XGraphics g, XPoint centre, string community, XFont arcFont, XFont small)
    {
        const double radius = 46;
        var red = new XSolidBrush(XColor.FromArgb(200, Red));
        g.DrawEllipse(new XPen(Red, 2.2), centre.X - radius, centre.Y - radius, 2 * radius, 2 * radius);
        var text = Issuer(community);
        var span = Math.Min(240.0, 22.0 * text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var angle = text.Length == 1 ? 0 : -span / 2 + span * i / (text.Length - 1);
            var state = g.Save();
            g.RotateAtTransform(angle, centre);
            g.DrawString(text[i].ToString(), arcFont, red, new XRect(centre.X - 8, centre.Y - radius + 3, 16, 14), XStringFormats.Center);
            g.Restore(state);
        }
        var star = Enumerable.Range(0, 10).Select(k =>
        {
            var r = k % 2 == 0 ? 13.0 : 5.2;
            var a = -Math.PI / 2 + k * Math.PI / 5;
            return new XPoint(centre.X + r * Math.Cos(a), centre.Y + r * Math.Sin(a));
        }).ToArray();
        g.DrawPolygon(red, star, XFillMode.Winding);
        g.DrawString("证明专用章", small, red, new XRect(centre.X - radius, centre.Y + 16, 2 * radius, 10), XStringFormats.Center);
    }

    private static void Verification(XGraphics g, CertificateDocument doc, XFont small, XFont tiny)
    {
        // PDFsharp reads 8-bit colour PNGs only: QRCoder's default black-and-white PNG is 1-bit greyscale.
        using var qrData = QRCodeGenerator.GenerateQrCode(doc.VerifyUrl, QRCodeGenerator.ECCLevel.M);
        using var qrPng = new MemoryStream(new PngByteQRCode(qrData).GetGraphic(4, [0, 0, 0, 255], [255, 255, 255, 255]));
        using var qr = XImage.FromStream(qrPng);
        qr.Interpolate = false;

        const double size = 80;
        var top = Bottom - size - 14;
        g.DrawLine(new XPen(XColors.Gray, 0.5), Left, top - 10, Right, top - 10);
        g.DrawImage(qr, Right - size, top, size, size);
        g.DrawString(doc.VerifyUrl, tiny, XBrushes.DimGray, new XRect(Left, top + size + 3, Right - Left, 10), XStringFormats.TopRight);
        var lines = new[]
        {
            "扫描右侧二维码或访问其下网址，可核验本证明的编号、出具社区、日期与是否有效。",
            $"出具依据：本区证明事项清单第 {doc.WhitelistVersion} 版。",
            $"打印时间：{TimeZoneInfo.ConvertTime(doc.PrintedAt, Shanghai).ToString("yyyy年M月d日 HH:mm", CultureInfo.InvariantCulture)}",
        };
        var y = top + 8;
        foreach (var line in lines.SelectMany(l => Wrap(g, l, small, Right - Left - size - 16)))
        {
            g.DrawString(line, small, XBrushes.DimGray, new XRect(Left, y, Right - Left - size - 16, small.Size * 1.7), XStringFormats.CenterLeft);
            y += small.Size * 1.7;
        }
    }

    /// <summary>Breaks between any two characters (Chinese text), never before closing punctuation.</summary>
    private static List<string> Wrap(XGraphics g, string text, XFont font, double width)
    {
        const string noLineStart = "，。、；：？！）》」』”’,.;:?!)]}";
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (var ch in text)
        {
            if (line.Length > 0 && g.MeasureString(line.ToString() + ch, font).Width > width && !noLineStart.Contains(ch))
            {
                lines.Add(line.ToString());
                line.Clear();
            }
            line.Append(ch);
        }
        if (line.Length > 0) lines.Add(line.ToString());
        return lines;
    }
}
