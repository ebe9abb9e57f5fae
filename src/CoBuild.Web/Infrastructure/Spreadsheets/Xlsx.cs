using System.IO.Compression;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using MiniExcelLibs;

namespace CoBuild.Web.Infrastructure.Spreadsheets;

/// <summary>
/// Every .xlsx the platform serves (import templates, register exports, ledgers, auction results) is written here.
/// MiniExcel writes the SpreadsheetML parts with an <c>x:</c> prefix on the main namespace; that is valid XML, but
/// readers that match element names literally (ExcelJS 4.4, which many front ends use) find no workbook and fail with
/// "Cannot set properties of undefined (setting 'sheetNo')". So the package is rewritten with the main namespace as the
/// default one, as Excel itself writes it, and columns that must keep what is typed (ID cards, phones) are styled as text.
/// </summary>
internal static class Xlsx
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string PackageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships";
    private const string XmlnsNamespace = "http://www.w3.org/2000/xmlns/";
    private const int TextFormat = 49; // the built-in "@" number format

    /// <summary>Writes the sheets (name → rows, in order) as one workbook.</summary>
    /// <param name="sheets">Rows as MiniExcel takes them; a sheet's columns are the keys of its first row.</param>
    /// <param name="textColumns">Per sheet, the header names of the columns Excel must keep as typed text.</param>
    public static byte[] Write(IReadOnlyDictionary<string, object> sheets, IReadOnlyDictionary<string, IReadOnlyCollection<string>>? textColumns = null)
    {
        using var written = new MemoryStream();
        written.SaveAs(sheets, excelType: ExcelType.XLSX);
        written.Position = 0;

        var textIndexes = new Dictionary<string, HashSet<int>>();
        foreach (var (sheet, names) in textColumns ?? new Dictionary<string, IReadOnlyCollection<string>>())
            if (sheets.TryGetValue(sheet, out var rows) && rows is IEnumerable<IDictionary<string, object?>> list && list.FirstOrDefault() is { } first)
                textIndexes[sheet] = first.Keys.Select((key, i) => (key, i)).Where(c => names.Contains(c.key)).Select(c => c.i + 1).ToHashSet();

        using var source = new ZipArchive(written, ZipArchiveMode.Read);
        var textParts = textIndexes.Count == 0 ? [] : SheetParts(source).Where(p => textIndexes.ContainsKey(p.Key)).ToDictionary(p => p.Value, p => textIndexes[p.Key]);
        using var result = new MemoryStream();
        using (var target = new ZipArchive(result, ZipArchiveMode.Create, leaveOpen: true))
        {
            int? textStyle = null;
            // styles.xml first: the text style's index is needed by the sheets that use it
            foreach (var entry in source.Entries.OrderBy(e => e.FullName == "xl/styles.xml" ? 0 : 1))
            {
                using var input = entry.Open();
                using var output = target.CreateEntry(entry.FullName, CompressionLevel.Optimal).Open();
                if (!IsXml(entry.FullName)) input.CopyTo(output);
                else if (entry.FullName == "xl/styles.xml" && textParts.Count > 0) textStyle = WriteStyles(input, output);
                else Rewrite(input, output, textParts.GetValueOrDefault("/" + entry.FullName) is { } columns && textStyle is { } style ? (columns, style) : null);
            }
        }
        return result.ToArray();
    }

    private static bool IsXml(string name) => name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".rels", StringComparison.OrdinalIgnoreCase);

    /// <summary>Sheet name → part name ("/xl/worksheets/sheet1.xml"), through workbook.xml and its relationships.</summary>
    private static Dictionary<string, string> SheetParts(ZipArchive package)
    {
        XDocument Load(string name) { using var s = package.GetEntry(name)!.Open(); return XDocument.Load(s); }
        var targets = Load("xl/_rels/workbook.xml.rels").Root!.Elements(XName.Get("Relationship", PackageRelationships))
            .ToDictionary(r => (string)r.Attribute("Id")!, r => (string)r.Attribute("Target")!);
        return Load("xl/workbook.xml").Descendants(XName.Get("sheet", Main)).ToDictionary(
            s => (string)s.Attribute("name")!,
            s => targets[(string)s.Attribute(XName.Get("id", Relationships))!] is var t && t.StartsWith('/') ? t : "/xl/" + t);
    }

    /// <summary>Adds a cell format with the text number format; returns its index in cellXfs.</summary>
    private static int WriteStyles(Stream input, Stream output)
    {
        var styles = XDocument.Load(input);
        var cellXfs = styles.Root!.Element(XName.Get("cellXfs", Main))!;
        var index = cellXfs.Elements(XName.Get("xf", Main)).Count();
        cellXfs.Add(new XElement(XName.Get("xf", Main),
            new XAttribute("numFmtId", TextFormat), new XAttribute("fontId", 0), new XAttribute("fillId", 0), new XAttribute("borderId", 0),
            new XAttribute("xfId", 0), new XAttribute("applyNumberFormat", 1)));
        cellXfs.SetAttributeValue("count", index + 1);
        using var buffer = new MemoryStream();
        styles.Save(buffer);
        buffer.Position = 0;
        Rewrite(buffer, output, null);
        return index;
    }

    /// <summary>
    /// Copies one XML part node by node with SpreadsheetML elements in the default namespace (streaming: an export
    /// can hold tens of thousands of rows). On a sheet with text columns, those columns get the text style: a
    /// <c>&lt;cols&gt;</c> entry for the cells still to be typed, and the style on the cells below the header.
    /// </summary>
    private static void Rewrite(Stream input, Stream output, (HashSet<int> Columns, int Style)? text)
    {
        using var reader = XmlReader.Create(input, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        using var writer = XmlWriter.Create(output, new XmlWriterSettings { Encoding = new UTF8Encoding(false) });
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.XmlDeclaration:
                    writer.WriteStartDocument(reader.GetAttribute("standalone") == "yes");
                    break;
                case XmlNodeType.Element:
                    if (text is { } t && reader.NamespaceURI == Main)
                    {
                        if (reader.LocalName == "cols") throw new InvalidOperationException("the sheet already has column settings: merge the text columns into them");
                        if (reader.LocalName == "sheetData") WriteTextColumns(writer, t.Columns, t.Style);
                    }
                    var empty = reader.IsEmptyElement;
                    writer.WriteStartElement(reader.NamespaceURI == Main ? "" : reader.Prefix, reader.LocalName, reader.NamespaceURI);
                    var styleCell = text is { } tc && reader.NamespaceURI == Main && reader.LocalName == "c" && InTextColumn(reader.GetAttribute("r"), tc.Columns);
                    if (styleCell) writer.WriteAttributeString("s", text!.Value.Style.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    while (reader.MoveToNextAttribute())
                    {
                        if (reader.NamespaceURI == XmlnsNamespace)
                        {
                            // the default namespace is declared by the writer as the elements need it
                            if (reader.Prefix == "xmlns" && reader.Value != Main) writer.WriteAttributeString("xmlns", reader.LocalName, XmlnsNamespace, reader.Value);
                        }
                        else if (!(styleCell && reader.LocalName == "s" && reader.NamespaceURI.Length == 0))
                            writer.WriteAttributeString(reader.Prefix, reader.LocalName, reader.NamespaceURI, reader.Value);
                    }
                    if (empty) writer.WriteEndElement();
                    break;
                case XmlNodeType.EndElement:
                    writer.WriteFullEndElement();
                    break;
                case XmlNodeType.Text:
                    writer.WriteString(reader.Value);
                    break;
                case XmlNodeType.Whitespace:
                case XmlNodeType.SignificantWhitespace:
                    writer.WriteWhitespace(reader.Value);
                    break;
                case XmlNodeType.CDATA:
                    writer.WriteCData(reader.Value);
                    break;
                case XmlNodeType.Comment:
                    writer.WriteComment(reader.Value);
                    break;
                case XmlNodeType.ProcessingInstruction:
                    writer.WriteProcessingInstruction(reader.Name, reader.Value);
                    break;
            }
        }
    }

    private static void WriteTextColumns(XmlWriter writer, HashSet<int> columns, int style)
    {
        writer.WriteStartElement("", "cols", Main);
        foreach (var c in columns.Order())
        {
            writer.WriteStartElement("", "col", Main);
            writer.WriteAttributeString("min", c.ToString(System.Globalization.CultureInfo.InvariantCulture));
            writer.WriteAttributeString("max", c.ToString(System.Globalization.CultureInfo.InvariantCulture));
            writer.WriteAttributeString("width", "22");
            writer.WriteAttributeString("style", style.ToString(System.Globalization.CultureInfo.InvariantCulture));
            writer.WriteAttributeString("customWidth", "1");
            writer.WriteEndElement();
        }
        writer.WriteEndElement();
    }

    /// <summary>Whether a cell reference such as "B7" is below the header row and in one of the columns (1-based).</summary>
    private static bool InTextColumn(string? reference, HashSet<int> columns)
    {
        if (reference is null) return false;
        var column = 0;
        var i = 0;
        for (; i < reference.Length && char.IsAsciiLetterUpper(reference[i]); i++) column = column * 26 + reference[i] - 'A' + 1;
        return columns.Contains(column) && int.TryParse(reference.AsSpan(i), out var row) && row > 1;
    }
}
