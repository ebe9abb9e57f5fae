using System.IO.Compression;
using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;

namespace CoBuild.Web.Features.Contracts;

/// <summary>
/// PDFsharp 6.2.4 (the newest we may use) writes every FlateDecode stream as a zlib header followed by raw deflate
/// data, without the Adler-32 checksum that ends a zlib stream (RFC 1950). Viewers inflate such streams anyway, but
/// a strict reader cannot tell a complete stream from a cut one: <c>qpdf --check</c> warns "input stream is complete
/// but output may still be valid" on each content stream. This rewrites each Flate layer as a whole zlib stream.
/// </summary>
internal static class FlateStreams
{
    public static byte[] Complete(byte[] pdf)
    {
        using var document = PdfReader.Open(new MemoryStream(pdf, writable: false), PdfDocumentOpenMode.Modify);
        foreach (var item in document.Internals.GetAllObjects())
        {
            // The first filter is the outer layer: redoing only that layer keeps any further filters and their parameters valid.
            if (item is not PdfDictionary { Stream: { } stream } dictionary || !FlateFirst(dictionary.Elements["/Filter"])) continue;
            var data = stream.Value;
            if (data.Length < 2 || (data[0] & 0x0F) != 8 || (data[1] & 0x20) != 0) continue; // not deflate, or a preset dictionary: leave it
            using var inflated = new MemoryStream();
            using (var deflate = new DeflateStream(new MemoryStream(data, 2, data.Length - 2, writable: false), CompressionMode.Decompress))
                deflate.CopyTo(inflated);
            using var zlib = new MemoryStream();
            using (var writer = new ZLibStream(zlib, CompressionLevel.Optimal))
                inflated.WriteTo(writer);
            stream.Value = zlib.ToArray();
        }
        using var output = new MemoryStream();
        document.Save(output);
        return output.ToArray();
    }

    private static bool FlateFirst(PdfItem? filter) => filter switch
    {
        PdfName name => name.Value == "/FlateDecode",
        PdfArray { Elements.Count: > 0 } array => array.Elements[0] is PdfName { Value: "/FlateDecode" },
        _ => false,
    };
}
