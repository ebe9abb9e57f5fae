using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;
using QRCoder;

namespace CoBuild.Web.Features.Contracts;

/// <summary>
/// Prints a 共建协议 as an A4 PDF laid out like a Chinese official document (GB/T 9704 margins, red title block),
/// with its CJK font embedded, the content hash, and a QR code of the public verification page.
/// </summary>
public static class ContractPdf
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <summary>Renders <paramref name="doc"/> and returns the PDF file.</summary>
    /// <param name="doc">The signed version to print.</param>
    /// <param name="fontPath">A TrueType font or collection (.ttf, .ttc) with Chinese glyphs: the <c>Pdf:FontPath</c> setting.</param>
    /// <exception cref="InvalidOperationException">The font file is missing or unreadable.</exception>
    public static byte[] Render(ContractDocument doc, string fontPath)
    {
        ArgumentNullException.ThrowIfNull(doc);
        var family = CjkFontResolver.FamilyFor(fontPath);

        using var pdf = new PdfDocument();
        pdf.Info.Title = doc.Title;
        pdf.Info.Subject = $"{doc.Number} 第 {doc.Version} 版";
        pdf.Info.Creator = "CoBuild 共建";

        // PDFsharp reads 8-bit colour PNGs only: QRCoder's default black-and-white PNG is 1-bit greyscale.
        using var qrData = QRCodeGenerator.GenerateQrCode(doc.VerifyUrl, QRCodeGenerator.ECCLevel.M);
        using var qrPng = new MemoryStream(new PngByteQRCode(qrData).GetGraphic(4, [0, 0, 0, 255], [255, 255, 255, 255]));
        using var qr = XImage.FromStream(qrPng);
        qr.Interpolate = false;

        using (var w = new Writer(pdf, family, superseded: !doc.IsCurrent))
        {
            TitleBlock(w, doc);
            w.Labeled("甲方：", doc.PartyA, w.Body);
            w.Labeled("乙方：", doc.PartyB, w.Body);
            w.Labeled("协议期限：", $"{Date(doc.StartsOn)}至{Date(doc.EndsOn)}", w.Body);
            Commitments(w, doc.Commitments);
            Signatures(w, doc);
            Verification(w, doc, qr);
            w.Footers($"{doc.Number}　第 {doc.Version} 版");
        }

        using var stream = new MemoryStream();
        pdf.Save(stream);
        return FlateStreams.Complete(stream.ToArray());
    }

    private static void TitleBlock(Writer w, ContractDocument doc)
    {
        if (w.Superseded)
        {
            // An older version can still be printed and verified; say so before anything else.
            var banner = new XRect(Writer.Left, Writer.Top - 34, Writer.Width, 22);
            w.G.DrawRectangle(new XSolidBrush(XColor.FromArgb(236, 236, 236)), banner);
            w.G.DrawString("非现行版本　本文本已被新版本替代，仅供查阅，以核验页所示现行版本为准", w.Small, XBrushes.DimGray, banner, XStringFormats.Center);
        }
        // A title a little too long for one line shrinks to fit (down to 18 pt); a longer one wraps into even lines.
        var font = w.Title;
        var width = w.Measure(doc.Title, font);
        if (width > Writer.Width && width * 18 / font.Size <= Writer.Width * 0.98)
            font = w.Font(Math.Floor(font.Size * Writer.Width * 0.98 / width * 10) / 10, bold: true);
        var lines = w.Wrap(doc.Title, font, Writer.Width);
        var even = w.Wrap(doc.Title, font, Math.Min(Writer.Width, w.Measure(doc.Title, font) / lines.Count + font.Size));
        foreach (var line in even.Count == lines.Count ? even : lines)
            w.Line(line, font, Writer.RedBrush, XStringFormats.TopCenter, 1.4);
        w.Y += 10;
        w.Line($"{doc.Number}　第 {doc.Version} 版", w.Body, XBrushes.Black, XStringFormats.TopRight);
        w.G.DrawLine(new XPen(Writer.Red, 2), Writer.Left, w.Y + 2, Writer.Right, w.Y + 2);
        w.Y += 20;
    }

    private static void Commitments(Writer w, IReadOnlyList<ContractDocumentCommitment> commitments)
    {
        w.Heading("一、共建承诺事项");
        if (commitments.Count == 0)
        {
            w.Labeled("", "本协议未列承诺事项。", w.Text);
            return;
        }
        w.Table(
            [new("序号", 32, XStringAlignment.Center), new("承担方", 46, XStringAlignment.Center),
             new("承诺事项", Writer.Width - 32 - 46 - 92 - 80, XStringAlignment.Near),
             new("完成时限", 92, XStringAlignment.Center), new("关联", 80, XStringAlignment.Near)],
            commitments.Select((c, i) => new[] { (i + 1).ToString(CultureInfo.InvariantCulture), c.Side, c.Title, Date(c.DueOn), c.Link ?? "" }));
    }

    private static void Signatures(Writer w, ContractDocument doc)
    {
        w.Heading("二、签署记录");
        if (doc.Signatures.Count == 0)
        {
            w.Labeled("", "尚无签署记录。", w.Text);
            return;
        }
        // Two signature blocks side by side, as at the foot of a paper contract.
        const double gap = 14, pad = 6;
        var width = (Writer.Width - gap) / 2;
        foreach (var pair in doc.Signatures.Chunk(2))
        {
            var blocks = pair.Select(s => SignatureLines(w, s, doc.ContentHash, width - 2 * pad)).ToList();
            var height = blocks.Max(b => b.Sum(l => l.Font.Size * 1.5)) + 2 * pad;
            w.EnsureRoom(height);
            for (var i = 0; i < blocks.Count; i++)
            {
                var x = Writer.Left + i * (width + gap);
                w.G.DrawRectangle(new XPen(XColors.Gray, 0.5), x, w.Y, width, height);
                var y = w.Y + pad;
                foreach (var (text, font, brush) in blocks[i])
                {
                    w.G.DrawString(text, font, brush, new XRect(x + pad, y, width - 2 * pad, font.Size * 1.5), XStringFormats.CenterLeft);
                    y += font.Size * 1.5;
                }
            }
            w.Y += height + 10;
        }
    }

    private static List<(string Text, XFont Font, XBrush Brush)> SignatureLines(Writer w, ContractDocumentSignature s, string documentHash, double width)
    {
        var lines = new List<(string, XFont, XBrush)>();
        lines.AddRange(w.Wrap($"{s.Side}：{s.Party}", w.TextBold, width).Select(l => (l, w.TextBold, (XBrush)XBrushes.Black)));
        lines.Add(($"签署人：{s.SignedBy}", w.Text, XBrushes.Black));
        lines.Add(($"签署时间：{Time(s.SignedAt)}", w.Text, XBrushes.Black));
        lines.AddRange(w.Wrap($"内容摘要：{s.ContentHash}", w.Tiny, width).Select(l => (l, w.Tiny, (XBrush)XBrushes.DimGray)));
        if (!string.Equals(s.ContentHash, documentHash, StringComparison.OrdinalIgnoreCase))
            lines.Add(("（与本文件内容摘要不一致）", w.Tiny, Writer.RedBrush));
        return lines;
    }

    private static void Verification(Writer w, ContractDocument doc, XImage qr)
    {
        w.Labeled("本文件内容摘要（SHA-256）：", doc.ContentHash, w.Small);

        // The QR code sits at the bottom right of the last page, its URL under it in small type.
        const double size = 80;
        var url = w.Wrap(doc.VerifyUrl, w.Tiny, Writer.Width);
        var pitch = w.Tiny.Size * 1.4;
        var height = size + 4 + url.Count * pitch;
        w.EnsureRoom(height + 16);
        var top = Writer.Bottom - height;
        w.G.DrawImage(qr, Writer.Right - size, top, size, size);
        for (var i = 0; i < url.Count; i++)
            w.G.DrawString(url[i], w.Tiny, XBrushes.DimGray, new XRect(Writer.Left, top + size + 4 + i * pitch, Writer.Width, pitch), XStringFormats.TopRight);

        var textWidth = Writer.Width - size - 16;
        var y = top + 10;
        foreach (var line in w.Wrap("扫描右侧二维码或访问其下网址，可核验本协议的版本、签署记录与内容摘要。", w.Small, textWidth)
            .Append($"打印时间：{Time(doc.PrintedAt)}"))
        {
            w.G.DrawString(line, w.Small, XBrushes.DimGray, new XRect(Writer.Left, y, textWidth, w.Small.Size * 1.6), XStringFormats.CenterLeft);
            y += w.Small.Size * 1.6;
        }
    }

    private static string Date(DateOnly d) => $"{d.Year}年{d.Month}月{d.Day}日";

    private static string Time(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, Shanghai).ToString("yyyy年M月d日 HH:mm", CultureInfo.InvariantCulture);

    private sealed record Column(string Header, double Width, XStringAlignment Align);

    /// <summary>Pages and the cursor on the current one; starts a new page when the next block does not fit.</summary>
    private sealed class Writer : IDisposable
    {
        public static readonly XColor Red = XColor.FromArgb(204, 0, 0);
        public static readonly XBrush RedBrush = new XSolidBrush(Red);
        public static readonly double PageWidth = XUnit.FromMillimeter(210).Point, PageHeight = XUnit.FromMillimeter(297).Point;
        public static readonly double Left = Mm(28), Right = PageWidth - Mm(26), Top = Mm(37), Bottom = PageHeight - Mm(35);
        public static double Width => Right - Left;

        // A unit of line breaking: a run of printable ASCII (a word, a number, a URL), a space, or one other character.
        private static readonly Regex Units = new(@"[\x21-\x7E]+|\s|[\uD800-\uDBFF][\uDC00-\uDFFF]|.", RegexOptions.Compiled);
        private const string NoLineStart = "，。、；：？！）》」』”’】,.;:?!)]}%";

        private readonly PdfDocument pdf;
        private readonly string family;
        private readonly Dictionary<(XFont, string), double> widths = [];

        public Writer(PdfDocument pdf, string family, bool superseded)
        {
            this.pdf = pdf;
            Superseded = superseded;
            this.family = family;
            Title = Font(22, bold: true);
            Body = Font(14);
            HeadingFont = Font(14, bold: true);
            Text = Font(10.5);
            TextBold = Font(10.5, bold: true);
            Small = Font(9);
            Tiny = Font(7);
            Watermark = Font(80);
            NewPage();
        }

        public bool Superseded { get; }
        public XFont Title { get; }
        public XFont Body { get; }
        public XFont HeadingFont { get; }
        public XFont Text { get; }
        public XFont TextBold { get; }
        public XFont Small { get; }
        public XFont Tiny { get; }
        private XFont Watermark { get; }
        public XGraphics G { get; private set; } = null!;
        public double Y { get; set; }

        private static double Mm(double mm) => XUnit.FromMillimeter(mm).Point;

        public XFont Font(double size, bool bold = false) =>
            new(family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, new XPdfFontOptions(PdfFontEncoding.Unicode));

        public void NewPage()
        {
            G?.Dispose();
            var page = pdf.AddPage();
            page.Width = XUnit.FromPoint(PageWidth);
            page.Height = XUnit.FromPoint(PageHeight);
            G = XGraphics.FromPdfPage(page);
            Y = Top;
            if (Superseded)
            {
                // Drawn first, so the content lies over it.
                var state = G.Save();
                G.RotateAtTransform(-35, new XPoint(PageWidth / 2, PageHeight / 2));
                G.DrawString("非现行版本", Watermark, new XSolidBrush(XColor.FromArgb(226, 226, 226)), new XRect(0, 0, PageWidth, PageHeight), XStringFormats.Center);
                G.Restore(state);
            }
        }

        public void EnsureRoom(double height)
        {
            if (Y + height > Bottom) NewPage();
        }

        public void Line(string text, XFont font, XBrush brush, XStringFormat format, double leading = 1.6)
        {
            var height = font.Size * leading;
            EnsureRoom(height);
            G.DrawString(text, font, brush, new XRect(Left, Y, Width, height), format);
            Y += height;
        }

        public void Heading(string text)
        {
            Y += 8;
            EnsureRoom(HeadingFont.Size * 1.6 + 40); // keep a heading with the start of what follows
            Line(text, HeadingFont, XBrushes.Black, XStringFormats.CenterLeft);
            Y += 2;
        }

        /// <summary>A paragraph whose lines hang under the text after its label, as in "甲方：…".</summary>
        public void Labeled(string label, string text, XFont font)
        {
            var indent = Measure(label, font);
            var lines = Wrap(text, font, Width - indent);
            for (var i = 0; i < lines.Count; i++)
            {
                var height = font.Size * 1.6;
                EnsureRoom(height);
                if (i == 0) G.DrawString(label, font, XBrushes.Black, new XRect(Left, Y, indent, height), XStringFormats.CenterLeft);
                G.DrawString(lines[i], font, XBrushes.Black, new XRect(Left + indent, Y, Width - indent, height), XStringFormats.CenterLeft);
                Y += height;
            }
        }

        /// <summary>A ruled table whose cells wrap; a row that does not fit goes to the next page under a repeated header.</summary>
        public void Table(IReadOnlyList<Column> columns, IEnumerable<string[]> rows)
        {
            const double pad = 4;
            var pitch = Text.Size * 1.45;
            var border = new XPen(XColors.Black, 0.5);
            var headerHeight = pitch + 2 * pad;

            void Cells(IReadOnlyList<IReadOnlyList<string>> cells, XFont font, double height, XBrush? fill)
            {
                var x = Left;
                for (var c = 0; c < columns.Count; c++)
                {
                    var rect = new XRect(x, Y, columns[c].Width, height);
                    if (fill is not null) G.DrawRectangle(fill, rect);
                    G.DrawRectangle(border, rect);
                    var format = new XStringFormat { Alignment = columns[c].Align, LineAlignment = XLineAlignment.Center };
                    var y = Y + (height - cells[c].Count * pitch) / 2;
                    foreach (var line in cells[c])
                    {
                        G.DrawString(line, font, XBrushes.Black, new XRect(x + pad, y, columns[c].Width - 2 * pad, pitch), format);
                        y += pitch;
                    }
                    x += columns[c].Width;
                }
                Y += height;
            }
            void Header() => Cells([.. columns.Select(c => (IReadOnlyList<string>)[c.Header])], TextBold, headerHeight, new XSolidBrush(XColor.FromArgb(242, 242, 242)));

            EnsureRoom(headerHeight + pitch + 2 * pad);
            Header();
            foreach (var row in rows)
            {
                var cells = columns.Select((c, i) => Wrap(row[i], Text, c.Width - 2 * pad)).ToList();
                while (cells.Any(c => c.Count > 0))
                {
                    var tallest = cells.Max(c => c.Count);
                    var room = (int)((Bottom - Y - 2 * pad) / pitch);
                    // Split a row only when it is taller than a whole page; otherwise move it to the next page.
                    if (room < tallest && (room < 1 || tallest * pitch + 2 * pad <= Bottom - Top - headerHeight))
                    {
                        NewPage();
                        Header();
                        continue;
                    }
                    var take = Math.Min(tallest, room);
                    Cells([.. cells.Select(c => c.Take(take).ToList())], Text, take * pitch + 2 * pad, null);
                    cells = [.. cells.Select(c => c.Skip(take).ToList())];
                }
            }
            Y += 6;
        }

        /// <summary>Breaks text into lines no wider than <paramref name="width"/>: between any two Chinese characters,
        /// between words of Latin text, never before closing punctuation.</summary>
        public List<string> Wrap(string text, XFont font, double width)
        {
            var lines = new List<string>();
            foreach (var paragraph in text.ReplaceLineEndings("\n").Split('\n'))
            {
                var line = new StringBuilder();
                var used = 0.0;
                foreach (Match unit in Units.Matches(paragraph))
                {
                    // A run wider than a whole line (a long URL or hash) breaks anywhere.
                    var pieces = Measure(unit.Value, font) > width ? unit.Value.Select(ch => ch.ToString()) : [unit.Value];
                    foreach (var piece in pieces)
                    {
                        var w = Measure(piece, font);
                        if (used + w > width && line.Length > 0 && !(piece.Length == 1 && NoLineStart.Contains(piece[0])))
                        {
                            lines.Add(line.ToString().TrimEnd());
                            line.Clear();
                            used = 0;
                            if (string.IsNullOrWhiteSpace(piece)) continue;
                        }
                        line.Append(piece);
                        used += w;
                    }
                }
                lines.Add(line.ToString().TrimEnd());
            }
            return lines;
        }

        public double Measure(string text, XFont font)
        {
            if (!widths.TryGetValue((font, text), out var width))
                widths[(font, text)] = width = text.Length == 0 ? 0 : G.MeasureString(text, font).Width;
            return width;
        }

        /// <summary>"第 1 页 / 共 N 页" on every page, once the number of pages is known.</summary>
        public void Footers(string reference)
        {
            G.Dispose();
            G = null!;
            var count = pdf.PageCount;
            for (var i = 0; i < count; i++)
            {
                using var g = XGraphics.FromPdfPage(pdf.Pages[i], XGraphicsPdfPageOptions.Append);
                var line = new XRect(Left, Bottom + Mm(7), Width, Small.Size * 1.6);
                g.DrawString($"第 {i + 1} 页 / 共 {count} 页", Small, XBrushes.Black, line, XStringFormats.Center);
                g.DrawString(reference, Tiny, XBrushes.Gray, line, XStringFormats.CenterLeft);
            }
        }

        public void Dispose() => G?.Dispose();
    }
}

/// <summary>
/// Serves CJK TrueType fonts to PDFsharp. Its font settings are process-wide, so this resolver is installed once
/// (under a lock, as requests render in parallel); every font file read becomes a family of its own.
/// </summary>
internal sealed class CjkFontResolver : IFontResolver
{
    private static readonly Lock Gate = new();
    private static readonly CjkFontResolver Instance = new();
    private static readonly Dictionary<string, string> FamilyByPath = [];
    private readonly ConcurrentDictionary<string, byte[]> faces = new();

    /// <summary>The family name under which the font at <paramref name="fontPath"/> is served.</summary>
    public static string FamilyFor(string fontPath)
    {
        if (string.IsNullOrWhiteSpace(fontPath))
            throw new InvalidOperationException("No font for contract PDFs: set Pdf:FontPath to a TrueType font with Chinese glyphs (e.g. /usr/share/fonts/truetype/wqy/wqy-microhei.ttc).");
        var path = Path.GetFullPath(fontPath);
        lock (Gate)
        {
            if (FamilyByPath.TryGetValue(path, out var family)) return family;
            if (!File.Exists(path))
                throw new InvalidOperationException($"The font for contract PDFs was not found at '{path}'. Install it (Debian: fonts-wqy-microhei) or point the Pdf:FontPath setting at a TrueType font with Chinese glyphs.");
            if (GlobalFontSettings.FontResolver is null) GlobalFontSettings.FontResolver = Instance;
            else if (GlobalFontSettings.FontResolver != Instance)
                throw new InvalidOperationException("Another PDFsharp font resolver is installed; contract PDFs need CjkFontResolver.");
            family = $"CoBuild CJK {FamilyByPath.Count + 1}";
            Instance.faces[family] = FirstFace(File.ReadAllBytes(path), path);
            FamilyByPath[path] = family;
            return family;
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        faces.ContainsKey(familyName) ? new FontResolverInfo(familyName, bold, italic) : null;

    public byte[]? GetFont(string faceName) => faces.GetValueOrDefault(faceName);

    /// <summary>
    /// PDFsharp 6.2 reads single fonts only, so the first face of a TrueType collection (.ttc) is copied into a
    /// standalone font: its tables one after another, the table directory pointing at their new offsets.
    /// </summary>
    internal static byte[] FirstFace(byte[] data, string path)
    {
        try
        {
            if (BinaryPrimitives.ReadUInt32BigEndian(data) != 0x74746366) return data; // not 'ttcf': a single font
            var face = (int)BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(12));
            var count = BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(face + 4));
            var directory = 12 + 16 * count;
            var tables = Enumerable.Range(0, count).Select(i => face + 12 + 16 * i).Select(entry => (
                Offset: (int)BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(entry + 8)),
                Length: (int)BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(entry + 12)))).ToList();
            var font = new byte[directory + tables.Sum(t => (t.Length + 3) & ~3)];
            data.AsSpan(face, directory).CopyTo(font);
            var at = directory;
            for (var i = 0; i < count; i++)
            {
                data.AsSpan(tables[i].Offset, tables[i].Length).CopyTo(font.AsSpan(at));
                BinaryPrimitives.WriteUInt32BigEndian(font.AsSpan(12 + 16 * i + 8), (uint)at);
                at += (tables[i].Length + 3) & ~3;
            }
            return font;
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new InvalidOperationException($"The font at '{path}' (Pdf:FontPath) is not a readable TrueType font.", e);
        }
    }
}
