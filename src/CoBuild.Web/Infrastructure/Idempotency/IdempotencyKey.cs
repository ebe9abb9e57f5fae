namespace CoBuild.Web.Infrastructure.Idempotency;

internal static class IdempotencyKey
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    public const int MaxLength = 100;

    /// <summary>1–100 visible ASCII characters (a UUID fits); anything else is a client bug worth a 400.</summary>
    public static bool IsValid(string? key) =>
        key is { Length: > 0 and <= MaxLength } && key.All(c => c is > ' ' and <= '~');
}
