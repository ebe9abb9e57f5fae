using System.Linq.Expressions;
using System.Security.Claims;
using CoBuild.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Web.Infrastructure.Data;

/// <summary>
/// The tenant filter: every entity with a <c>DistrictId</c> is filtered to <see cref="District"/>, so a handler that forgets
/// its district check still reads only its caller's district. The context is pooled: <see cref="Lease"/> ties a leased
/// context to the request that leased it (the district is read from that request's caller when a query runs, so
/// authentication and the session check may still change the caller after the lease), and returning the context to
/// the pool (its disposal) forgets both, so no lease sees another's district.
/// </summary>
public partial class AppDbContext
{
    /// <summary>Name of the district filter, for <c>IgnoreQueryFilters([DistrictFilterName])</c>.</summary>
    public const string DistrictFilterName = "district";

    private HttpContext? _request;
    private int? _namedDistrict;
    private int _everyDistrict;
    private int _leases;

    /// <summary>
    /// The district the queries of this lease see: the named one, else the signed-in caller's (none at all for a signed-in
    /// principal without one); null, every district, for anonymous requests (their handlers serve published data
    /// only) and for work done outside a request (start-up, the demo seed, scheduled jobs).
    /// </summary>
    public int? District => _everyDistrict > 0 ? null : _namedDistrict ?? DistrictOf(_request?.User);

    /// <summary>The district a request's queries see: null (every district) for anonymous callers, 0 (none) for a signed-in principal without one.</summary>
    public static int? DistrictOf(ClaimsPrincipal? user) =>
        user?.Identity?.IsAuthenticated != true ? null : int.TryParse(user.FindFirstValue(Caller.DistrictClaim), out var d) ? d : 0;

    /// <summary>Ties this lease to the request it serves (null outside a request).</summary>
    internal AppDbContext Lease(HttpContext? request)
    {
        ForgetDistrict();
        _request = request;
        var lease = ++_leases;
        // Kestrel reuses an HttpContext for the next request on its connection: work that outlives this request (a task it
        // left running) keeps this caller's district instead of reading whoever is served next.
        request?.Response.OnCompleted(() =>
        {
            if (_leases == lease) (_namedDistrict, _request) = (_namedDistrict ?? DistrictOf(request.User), null);
            return Task.CompletedTask;
        });
        return this;
    }

    /// <summary>Names the district of work done on a caller's behalf outside its request: interactive pages, whose events run on the circuit.</summary>
    public AppDbContext UseDistrict(int districtId)
    {
        _namedDistrict = districtId;
        return this;
    }

    /// <summary>
    /// Lifts the district filter until the handle is disposed, for the few reads anyone may make across districts
    /// (checking a printed contract's hash). Call sites say why.
    /// </summary>
    public IDisposable EveryDistrict()
    {
        _everyDistrict++;
        return new Restore(this);
    }

    private sealed class Restore(AppDbContext db) : IDisposable
    {
        private bool _done;

        public void Dispose()
        {
            if (_done) return;
            _done = true;
            db._everyDistrict--;
        }
    }

    private void ForgetDistrict()
    {
        _request = null;
        _namedDistrict = null;
        _everyDistrict = 0;
    }

    /// <summary>Disposing a pooled context returns it to the pool: it must not keep this lease's district.</summary>
    public override void Dispose()
    {
        ForgetDistrict();
        base.Dispose();
    }

    public override ValueTask DisposeAsync()
    {
        ForgetDistrict();
        return base.DisposeAsync();
    }

    /// <summary>
    /// <c>e => District == null || e.DistrictId == District</c> on every district-owned entity. Accounts are left out:
    /// they are read at sign-in, before any district is known, and their claims carry the district.
    /// </summary>
    private void AddDistrictFilters(ModelBuilder builder)
    {
        var district = Expression.Property(Expression.Constant(this), nameof(District));
        foreach (var entity in builder.Model.GetEntityTypes().Where(t => t.BaseType is null && t.ClrType != typeof(AppUser)))
        {
            if (entity.FindProperty(nameof(Features.Organizations.OrgUnit.DistrictId)) is not { } property || property.ClrType != typeof(int)) continue;
            var e = Expression.Parameter(entity.ClrType, "e");
            var own = Expression.Convert(Expression.Property(e, property.PropertyInfo!), typeof(int?));
            var body = Expression.OrElse(Expression.Equal(district, Expression.Constant(null, typeof(int?))), Expression.Equal(own, district));
            builder.Entity(entity.ClrType).HasQueryFilter(DistrictFilterName, Expression.Lambda(body, e));
        }
    }
}
