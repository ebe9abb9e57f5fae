using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using CoBuild.Tests.Infrastructure;
using CoBuild.Web.Features.Accounts;
using CoBuild.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CoBuild.Tests.Accounts;

/// <summary>
/// Login attempts on a node of their own (the fixture raises these limits for the rest of the suite), with the
/// production defaults and a client address per request. The node starts once for the class: every count it keeps is
/// per client address, and each test uses addresses of its own.
/// </summary>
[Collection(AppCollection.Name)]
public sealed partial class LoginLimitTests(AppFixture app, PerClass shared) : IAsyncLifetime, IClassFixture<PerClass>
{
    private static readonly LoginLimits Defaults = new();
    private HashCount _hashes = default!;
    private WebApplicationFactory<Program> _node = default!;

    public async Task InitializeAsync()
    {
        var node = await shared.GetAsync(() => Task.FromResult(Start()));
        (_node, _hashes) = (node.Factory, node.Hashes);
    }

    private Node Start()
    {
        var hashes = new HashCount();
        var factory = AddressedNode.Start(app, new Dictionary<string, string>
        {
            ["RateLimits:Login:FailuresPerAddress"] = Defaults.FailuresPerAddress.ToString(CultureInfo.InvariantCulture),
            ["RateLimits:Login:FailuresBeforeDelay"] = Defaults.FailuresBeforeDelay.ToString(CultureInfo.InvariantCulture),
        }, s =>
        {
            s.AddSingleton(hashes);
            s.AddScoped<IPasswordHasher<AppUser>>(sp => new CountingHasher(new PasswordHasher<AppUser>(sp.GetService<IOptions<PasswordHasherOptions>>()), hashes));
        });
        return new Node(factory, hashes);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private sealed record Node(WebApplicationFactory<Program> Factory, HashCount Hashes) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Factory.DisposeAsync();
    }

    [Fact]
    public async Task An_unknown_name_and_a_wrong_password_cost_one_hash_and_read_the_same()
    {
        var client = _node.From("10.12.1.1");
        var before = _hashes.Verified;
        var unknown = await client.Token("nobody." + Guid.NewGuid().ToString("N")[..8], "Demo@2018");
        Assert.Equal(before + 1, _hashes.Verified); // the unknown name is checked against a dummy hash
        var wrong = await client.Token("street.fushan", "wrong-password");
        Assert.Equal(before + 2, _hashes.Verified);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        var said = await wrong.Said();
        Assert.Equal(await unknown.Said(), said);
        Assert.Equal((401, "登录失败", "用户名或密码错误。"), said);

        // The page says the same for both.
        var page = _node.From("10.12.1.2");
        var onPage = await (await page.PageLogin("nobody.else", "Demo@2018")).Content.ReadAsStringAsync();
        Assert.Contains("用户名或密码错误。", onPage);
        Assert.Contains("用户名或密码错误。", await (await page.PageLogin("street.fushan", "wrong-password")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_name_that_waits_reads_the_same_whether_it_exists_or_not()
    {
        var client = _node.From("10.12.2.1");
        var unknown = "nobody." + Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < Defaults.FailuresBeforeDelay; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.Token(unknown, "guess-" + i)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.Token("street.dongpu", "guess-" + i)).StatusCode);
        }
        var real = await client.Token("street.dongpu", "Demo@2018"); // even the right password waits here
        var none = await client.Token(unknown, "Demo@2018");
        Assert.Equal(HttpStatusCode.TooManyRequests, real.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, none.StatusCode);
        var said = await real.Said();
        Assert.Equal(Digitless(said), Digitless(await none.Said()));
        Assert.StartsWith("登录尝试过多", said.Item3);
        Assert.DoesNotContain("锁定", said.Item3);
        Assert.InRange(int.Parse(real.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture), 1, Defaults.FirstDelaySeconds);
        Assert.InRange(int.Parse(none.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture), 1, Defaults.FirstDelaySeconds);
    }

    [Fact]
    public async Task Bad_passwords_from_one_address_do_not_lock_the_owner_out_from_another()
    {
        var attacker = _node.From("10.12.3.1");
        for (var i = 0; i < Defaults.FailuresBeforeDelay; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await attacker.Token("district.admin", "guess-" + i)).StatusCode);
        var waiting = await attacker.Token("district.admin", "guess-again");
        Assert.Equal(HttpStatusCode.TooManyRequests, waiting.StatusCode);
        Assert.True(waiting.Headers.RetryAfter is not null);

        var owner = _node.From("10.12.3.2");
        Assert.Equal(HttpStatusCode.OK, (await owner.Token("district.admin", "Demo@2018")).StatusCode);
        Assert.Equal(HttpStatusCode.Found, (await owner.PageLogin("district.admin", "Demo@2018")).StatusCode);
    }

    [Fact]
    public async Task A_password_spray_from_one_address_is_stopped_with_retry_after()
    {
        var sprayer = _node.From("10.12.4.1");
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage last = default!;
        for (var i = 0; i < 60; i++)
        {
            last = await sprayer.Token($"unit.fushan.{i % 25 + 1:00}", "Spring2026!" + i / 25);
            statuses.Add(last.StatusCode);
        }
        Assert.All(statuses.Take(Defaults.FailuresPerAddress), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.All(statuses.Skip(Defaults.FailuresPerAddress), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
        Assert.Equal(429, (await last.Said()).Item1);
        Assert.InRange(int.Parse(last.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture), 1, Defaults.AddressWindowMinutes * 60);
        // Everything from that address waits, the right password too (page and API); other addresses do not.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await sprayer.Token("unit.fushan.30", "Demo@2018")).StatusCode);
        var page = await sprayer.PageLogin("unit.fushan.30", "Demo@2018");
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.Contains("登录尝试过多", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await _node.From("10.12.4.2").Token("unit.fushan.30", "Demo@2018")).StatusCode);
    }

    [Fact]
    public async Task Eighty_representatives_behind_one_address_all_get_in_and_use_up_no_failures()
    {
        var hall = _node.From("10.12.5.1");
        var responses = await Task.WhenAll(Enumerable.Range(1, 80).Select(i => hall.Token($"unit.fushan.{i:00}", "Demo@2018")));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        for (var i = 0; i < Defaults.FailuresPerAddress - 1; i++) // successes left the whole failure budget
            Assert.Equal(HttpStatusCode.Unauthorized, (await hall.Token($"nobody.{i}", "typo")).StatusCode);
    }

    [Fact]
    public void The_wait_doubles_with_each_further_failure_up_to_the_cap()
    {
        var limits = new LoginLimits { FailuresBeforeDelay = 5, FirstDelaySeconds = 30, MaxDelayMinutes = 15 };
        Assert.Equal(TimeSpan.Zero, limits.DelayAfter(4));
        Assert.Equal(TimeSpan.FromSeconds(30), limits.DelayAfter(5));
        Assert.Equal(TimeSpan.FromSeconds(60), limits.DelayAfter(6));
        Assert.Equal(TimeSpan.FromSeconds(480), limits.DelayAfter(9));
        Assert.Equal(TimeSpan.FromMinutes(15), limits.DelayAfter(10));
        Assert.Equal(TimeSpan.FromMinutes(15), limits.DelayAfter(1000));
    }

    private static (int, string?, string?) Digitless((int Status, string? Title, string? Detail) said) =>
        (said.Status, said.Title, Digits().Replace(said.Detail ?? "", "#"));

    [GeneratedRegex("[0-9]+")]
    private static partial Regex Digits();

    internal sealed class HashCount
    {
        private int _verified;
        public int Verified => Volatile.Read(ref _verified);
        public void Add() => Interlocked.Increment(ref _verified);
    }

    /// <summary>The real hasher, counting its verifications.</summary>
    private sealed class CountingHasher(PasswordHasher<AppUser> inner, HashCount count) : IPasswordHasher<AppUser>
    {
        public string HashPassword(AppUser user, string password) => inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
        {
            count.Add();
            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
