using System.Security.Claims;
using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CoBuild.Tests.Infrastructure.Tenancy;

/// <summary>
/// The district of a pooled context belongs to one lease: a context leased for district 2 and returned to the pool
/// filters the next lease by that lease's caller only. Each test builds the app's database services on a pool of its
/// own, so the next lease gets the very same context back.
/// </summary>
[Collection(TwoDistrictsCollection.Name)]
public sealed class PooledLeaseTests(TwoDistrictsFixture app)
{
    private const int First = TestDistrict.DistrictId, Second = TestDistrict.SecondDistrictId;

    [Fact]
    public async Task A_context_leased_for_district_2_and_returned_does_not_filter_the_next_lease_by_district_2()
    {
        await using var services = Services();
        var http = services.GetRequiredService<IHttpContextAccessor>();

        http.HttpContext = Request(Second);
        AppDbContext leased;
        await using (var scope = services.CreateAsyncScope())
        {
            leased = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.Equal(Second, leased.District);
            Assert.Equal([Second], await Districts(leased));
        }

        http.HttpContext = null; // work outside a request: every district
        await using (var scope = services.CreateAsyncScope())
        {
            var next = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.Same(leased, next);
            Assert.Null(next.District);
            Assert.Equal([First, Second], await Districts(next));
            next.UseDistrict(Second); // as an interactive page names its caller's district
            Assert.Equal([Second], await Districts(next));
        }

        http.HttpContext = Request(First);
        await using (var scope = services.CreateAsyncScope())
        {
            var next = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.Same(leased, next);
            Assert.Equal(First, next.District);
            Assert.Equal([First], await Districts(next));
        }
    }

    [Fact]
    public async Task Work_that_outlives_its_request_keeps_that_callers_district_not_the_next_requests()
    {
        await using var services = Services();
        var http = services.GetRequiredService<IHttpContextAccessor>();
        var response = new CompletingResponse();
        var request = Request(Second);
        request.Features.Set<IHttpResponseFeature>(response);
        http.HttpContext = request;
        await using var scope = services.CreateAsyncScope();
        var lingering = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Equal([Second], await Districts(lingering));

        await response.CompleteAsync();
        request.User = Request(First).User; // the recycled HttpContext now serves someone of district 1
        Assert.Equal(Second, lingering.District);
        Assert.Equal([Second], await Districts(lingering));
    }

    private sealed class CompletingResponse : HttpResponseFeature
    {
        private readonly List<(Func<object, Task> Callback, object State)> _completed = [];

        public override void OnCompleted(Func<object, Task> callback, object state) => _completed.Add((callback, state));

        public async Task CompleteAsync()
        {
            foreach (var (callback, state) in _completed) await callback(state);
        }
    }

    [Fact]
    public async Task The_filter_reads_the_caller_when_a_query_runs_not_when_the_context_is_leased()
    {
        await using var services = Services();
        var request = new DefaultHttpContext();
        services.GetRequiredService<IHttpContextAccessor>().HttpContext = request;
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>(); // leased before authentication ran
        Assert.Equal([First, Second], await Districts(db)); // anonymous: published data of every district

        request.User = Principal(Second);
        Assert.Equal([Second], await Districts(db));

        request.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "nobody")], "test")); // signed in, no district
        Assert.Empty(await Districts(db));

        request.User = Principal(First);
        using (db.EveryDistrict())
            Assert.Equal([First, Second], await Districts(db));
        Assert.Equal([First], await Districts(db));
    }

    private ServiceProvider Services()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = AppFixture.IsPostgres ? "Postgres" : "Sqlite",
            ["ConnectionStrings:Default"] = app.ConnectionString,
        }).Build();
        return new ServiceCollection().AddAppDatabase(config, Path.GetTempPath()).BuildServiceProvider();
    }

    private static Task<List<int>> Districts(AppDbContext db) =>
        db.OrgUnits.AsNoTracking().Select(o => o.DistrictId).Distinct().OrderBy(d => d).ToListAsync();

    private static DefaultHttpContext Request(int district) => new() { User = Principal(district) };

    private static ClaimsPrincipal Principal(int district) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, $"admin.{district}"), new Claim(ClaimTypes.Role, Roles.DistrictAdmin), new Claim(Caller.DistrictClaim, $"{district}")], "test"));
}
