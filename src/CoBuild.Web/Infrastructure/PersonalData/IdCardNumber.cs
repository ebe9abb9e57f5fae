namespace CoBuild.Web.Infrastructure.PersonalData;

/// <summary>GB 11643-1999 citizen identity number: 17 digits and an ISO 7064 MOD 11-2 check character.</summary>
public static class IdCardNumber
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckChars = "10X98765432";

    public static string Normalize(string? value) => (value ?? "").Trim().ToUpperInvariant();

    /// <summary>Null when valid, otherwise the reason in Chinese.</summary>
    public static string? Validate(string? value)
    {
        var s = Normalize(value);
        if (s.Length != 18) return "应为 18 位";
        for (var i = 0; i < 17; i++)
            if (!char.IsAsciiDigit(s[i])) return "前 17 位应为数字";
        if (!DateOnly.TryParseExact(s.AsSpan(6, 8), "yyyyMMdd", out var birth) || birth.Year < 1900)
            return "出生日期无效";
        if (s[17] != CheckChar(s)) return "校验位错误";
        return null;
    }

    public static char CheckChar(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += (first17[i] - '0') * Weights[i];
        return CheckChars[sum % 11];
    }

    public static DateOnly BirthDate(string normalized) => DateOnly.ParseExact(normalized.AsSpan(6, 8), "yyyyMMdd");

    /// <summary>Odd 17th digit is male.</summary>
    public static bool IsMale(string normalized) => (normalized[16] - '0') % 2 == 1;

    public static string Mask(string normalized) => normalized[..4] + new string('*', 10) + normalized[14..];
}

public static class PhoneNumber
{
    public static bool IsValid(string value) => value.Length == 11 && value[0] == '1' && value.All(char.IsAsciiDigit);

    /// <summary>Masks a mobile number however it is written ("138-0013-8000", "+86 13800138000"); landlines stay as they are.</summary>
    public static string? Mask(string? value)
    {
        if (value is null) return null;
        var digits = new string(value.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length == 13 && digits.StartsWith("86")) digits = digits[2..];
        return digits.Length == 11 && digits[0] == '1' ? digits[..3] + "****" + digits[7..] : value;
    }
}
