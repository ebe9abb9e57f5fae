using System.Security.Cryptography;
using System.Text;
using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Limits;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CoBuild.Web.Features.Accounts;

/// <summary>The outcome of a login attempt: the user, or a wait before the next try, or neither (a plain failure).</summary>
internal sealed record LoginOutcome(AppUser? User, TimeSpan? RetryAfter)
{
    public const string Failed = "用户名或密码错误。";

    public static string TooMany(TimeSpan wait) =>
        $"登录尝试过多，请 {(wait.TotalSeconds <= 90 ? $"{Math.Ceiling(wait.TotalSeconds)} 秒" : $"{Math.Ceiling(wait.TotalMinutes)} 分钟")}后再试。";

    /// <summary>Whole seconds for the Retry-After header, at least 1.</summary>
    public static string RetryAfterSeconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// Checks a user name and password for the token endpoint and the login page alike. An unknown name costs the same
/// password hash as a known one, and every refusal reads the same, so neither timing nor wording tells which names
/// exist. Failures are counted per address (a password spray) and per user name and address (guessing one account,
/// with a doubling wait); the name is counted whether or not it exists, so the wait gives nothing away either, and
/// someone guessing from elsewhere never locks the owner out. Successes are not counted.
/// </summary>
internal sealed class LoginGate(SignInManager<AppUser> signIn, IAttemptStore store, IOptionsMonitor<LoginLimits> options, DummyPassword dummy)
{
    public async Task<LoginOutcome> CheckAsync(HttpContext http, string userName, string password)
    {
        var limits = options.CurrentValue;
        var client = ClientAddress.Of(http);
        var addressKey = "login:addr:" + client;
        var pairKey = "login:pair:" + NameKey(userName) + ":" + client;
        var waitKey = "login:wait:" + NameKey(userName) + ":" + client;

        var address = await store.GetAsync(addressKey);
        if (address.Value >= limits.FailuresPerAddress) return new(null, address.Left);
        var wait = await store.GetAsync(waitKey);
        if (wait.Value > 0) return new(null, wait.Left);

        var users = signIn.UserManager;
        var user = await users.FindByNameAsync(userName.Trim());
        // The hash is checked first in every case: refusing a locked or disabled account before it would be quicker.
        var ok = user is null ? dummy.Check(password) : await users.CheckPasswordAsync(user, password);
        ok = ok && user is not null && await signIn.CanSignInAsync(user) && !await users.IsLockedOutAsync(user);
        if (ok)
        {
            await store.RemoveAsync(pairKey, waitKey);
            return new(user, null);
        }

        await store.IncrementAsync(addressKey, TimeSpan.FromMinutes(limits.AddressWindowMinutes), sliding: false);
        var failures = await store.IncrementAsync(pairKey, TimeSpan.FromHours(limits.FailureMemoryHours), sliding: true);
        if (limits.DelayAfter(failures) is { } delay && delay > TimeSpan.Zero) await store.SetAsync(waitKey, 1, delay);
        return new(null, null);
    }

    /// <summary>The normalized name hashed, so keys stay short and the store holds no user names.</summary>
    private string NameKey(string userName)
    {
        var normalized = signIn.UserManager.NormalizeName(userName.Trim()) ?? "";
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)), 0, 12);
    }
}

/// <summary>A hash of a random password, checked for unknown user names so that they cost as much as known ones.</summary>
internal sealed class DummyPassword(IPasswordHasher<AppUser> hasher)
{
    private static string? s_hash;

    public bool Check(string password)
    {
        var hash = s_hash ??= hasher.HashPassword(new AppUser(), Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)));
        hasher.VerifyHashedPassword(new AppUser(), hash, password);
        return false;
    }
}
