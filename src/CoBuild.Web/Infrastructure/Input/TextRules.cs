namespace CoBuild.Web.Infrastructure.Input;

/// <summary>
/// What text the platform accepts anywhere: no C0 control characters but tab, CR and LF (PostgreSQL refuses NUL
/// outright, and the others only corrupt exports and pages), and no more than a column holds.
/// </summary>
public static class TextRules
{
    public const string ControlMessage = "不能含有控制字符（如 \\u0000）。";

    public static bool HasControl(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
            if (c < ' ' && c is not ('\t' or '\r' or '\n') || c == '\u007f') return true;
        return false;
    }

    public static string TooLong(int max, int length) => $"最多 {max} 个字符，现有 {length} 个。";
}
