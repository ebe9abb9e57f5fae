using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Graphics.Colors;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace CoBuild.Tests.Certificates;

/// <summary>Reads the QR code image of a printed page back into its text, as a phone would (no image library needed).</summary>
internal static class CertificateQr
{
    public static string Decode(IPdfImage image)
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
