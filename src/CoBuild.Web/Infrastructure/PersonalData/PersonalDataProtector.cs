using System.Security.Cryptography;
using System.Text;
using CoBuild.Web.Features.Members;
using CoBuild.Web.Infrastructure.ErrorHandling;

namespace CoBuild.Web.Infrastructure.PersonalData;

public sealed record ProtectedIdCard(byte[] Cipher, string Hash, string Masked, Gender Gender, DateOnly BirthDate);

/// <summary>
/// AES-GCM encryption and HMAC-SHA256 lookup hash for ID-card numbers. The key comes from
/// <c>PersonalData:Key</c> (base64, 32 bytes) so every app node shares it; without it a key file under the
/// data folder is created once, which suits the single-node embedded setup.
/// </summary>
public sealed class PersonalDataProtector
{
    private readonly byte[] _encKey;
    private readonly byte[] _hashKey;

    public PersonalDataProtector(byte[] masterKey)
    {
        if (masterKey.Length != 32) throw new ArgumentException("PersonalData:Key must be 32 bytes.");
        _encKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, masterKey, 32, info: "cobuild-idcard-enc"u8.ToArray());
        _hashKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, masterKey, 32, info: "cobuild-idcard-hash"u8.ToArray());
    }

    public static PersonalDataProtector FromConfiguration(IConfiguration config, string dataDirectory)
    {
        var configured = config["PersonalData:Key"];
        if (!string.IsNullOrEmpty(configured)) return new PersonalDataProtector(Convert.FromBase64String(configured));
        Directory.CreateDirectory(dataDirectory);
        var file = Path.Combine(dataDirectory, "personal-data.key");
        if (!File.Exists(file)) File.WriteAllText(file, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        return new PersonalDataProtector(Convert.FromBase64String(File.ReadAllText(file).Trim()));
    }

    /// <summary>Validates (GB 11643) and protects an ID-card number; throws <see cref="InvalidInput"/> when invalid.</summary>
    public ProtectedIdCard Protect(string idCard, string field = "idCard")
    {
        var s = IdCardNumber.Normalize(idCard);
        var error = IdCardNumber.Validate(s);
        if (error is not null) throw new InvalidInput(field, "身份证号" + error + "。");
        return new ProtectedIdCard(Encrypt(s), Hash(s), IdCardNumber.Mask(s),
            IdCardNumber.IsMale(s) ? Gender.Male : Gender.Female, IdCardNumber.BirthDate(s));
    }

    public string Hash(string idCard) =>
        Convert.ToHexString(HMACSHA256.HashData(_hashKey, Encoding.ASCII.GetBytes(IdCardNumber.Normalize(idCard))));

    public string Decrypt(byte[] cipher)
    {
        var nonce = cipher.AsSpan(0, 12);
        var tag = cipher.AsSpan(12, 16);
        var data = cipher.AsSpan(28);
        var plain = new byte[data.Length];
        using var aes = new AesGcm(_encKey, 16);
        aes.Decrypt(nonce, data, tag, plain);
        return Encoding.ASCII.GetString(plain);
    }

    private byte[] Encrypt(string s)
    {
        var plain = Encoding.ASCII.GetBytes(s);
        var result = new byte[12 + 16 + plain.Length];
        RandomNumberGenerator.Fill(result.AsSpan(0, 12));
        using var aes = new AesGcm(_encKey, 16);
        aes.Encrypt(result.AsSpan(0, 12), plain, result.AsSpan(28), result.AsSpan(12, 16));
        return result;
    }
}
