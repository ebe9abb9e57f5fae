using System.Security.Cryptography;
using CoBuild.Web.Infrastructure.ErrorHandling;

namespace CoBuild.Web.Features.Files;

/// <summary>
/// An evidence file, document or photo, kept in the database so every node serves it and a backup holds it.
/// The type is taken from the file's first bytes, not from its name or the browser's word.
/// </summary>
public sealed class StoredFile
{
    public const int MaxBytes = 5 * 1024 * 1024;
    public const string Limit = "单个文件不超过 5 MB，只收 JPG、PNG、WebP 图片或 PDF 文件";

    private StoredFile() { }

    private StoredFile(int districtId, string owner, int ownerId, string name, string contentType, byte[] content, DateTimeOffset now, string by)
    {
        DistrictId = districtId;
        Owner = owner;
        OwnerId = ownerId;
        Name = NameFor(name, contentType);
        ContentType = contentType;
        Length = content.Length;
        Sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
        Content = content;
        CreatedAt = now;
        CreatedBy = by;
    }

    public int Id { get; private set; }
    public int DistrictId { get; private set; }
    /// <summary>What it belongs to: "delivery", "project", "service".</summary>
    public string Owner { get; private set; } = "";
    public int OwnerId { get; private set; }
    public string Name { get; private set; } = "";
    public string ContentType { get; private set; } = "";
    public int Length { get; private set; }
    public string Sha256 { get; private set; } = "";
    public byte[] Content { get; private set; } = [];
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";

    /// <summary>Attaches a file read before its owner had an id.</summary>
    internal StoredFile For(int ownerId)
    {
        OwnerId = ownerId;
        return this;
    }

    public bool IsImage => ContentType.StartsWith("image/", StringComparison.Ordinal);

    /// <summary>Reads an upload, refusing what is too large or not an image or PDF (400 naming the limit).</summary>
    public static async Task<StoredFile> ReadAsync(IFormFile file, int districtId, string owner, int ownerId, DateTimeOffset now, string by, CancellationToken ct)
    {
        if (Infrastructure.Input.TextRules.HasControl(file.FileName)) throw new InvalidInput("file", "文件名" + Infrastructure.Input.TextRules.ControlMessage);
        if (file.Length == 0) throw new InvalidInput("file", $"文件“{file.FileName}”是空的。");
        if (file.Length > MaxBytes) throw new InvalidInput("file", $"文件“{file.FileName}”有 {file.Length / 1024.0 / 1024:0.0} MB，超过上限：{Limit}。");
        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, ct);
        var bytes = buffer.ToArray();
        var type = Sniff(bytes) ?? throw new InvalidInput("file", $"文件“{file.FileName}”的类型不被接受：{Limit}。");
        var name = Path.GetFileName(file.FileName);
        if (name.Length > 120) name = name[^120..];
        return new StoredFile(districtId, owner, ownerId, name.Length == 0 ? "file" : name, type, bytes, now, by);
    }

    internal static StoredFile FromBytes(byte[] bytes, string name, int districtId, string owner, int ownerId, DateTimeOffset now, string by) =>
        new(districtId, owner, ownerId, name, Sniff(bytes) ?? throw new ArgumentException("not an image or PDF"), bytes, now, by);

    /// <summary>
    /// The name with the extension of the type read from the content: a JPEG sent as "poly.html" is kept and served
    /// as "poly.jpg", so no browser or desktop opens it by its claimed extension.
    /// </summary>
    public static string NameFor(string name, string contentType)
    {
        var extension = contentType switch
        {
            "application/pdf" => ".pdf",
            "image/png" => ".png",
            "image/jpeg" => ".jpg",
            "image/webp" => ".webp",
            _ => ".bin",
        };
        var stem = Path.GetFileNameWithoutExtension(name).Trim();
        if (stem.Length == 0) stem = "file";
        if (stem.Length > 120 - extension.Length) stem = stem[..(120 - extension.Length)];
        return stem + extension;
    }

    public static string? Sniff(ReadOnlySpan<byte> b) =>
        b.StartsWith("%PDF-"u8) ? "application/pdf"
        : b.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? "image/png"
        : b.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) ? "image/jpeg"
        : b.Length >= 12 && b.StartsWith("RIFF"u8) && b[8..12].SequenceEqual("WEBP"u8) ? "image/webp"
        : null;
}
