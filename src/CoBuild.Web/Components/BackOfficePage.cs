using CoBuild.Web.Infrastructure;
using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Caching.Memory;

namespace CoBuild.Web.Components;

/// <summary>
/// Base of the interactive back-office pages: the caller from the auth state, and one DI scope (so one pooled
/// AppDbContext) per operation, because a circuit lives long and its events may overlap.
/// </summary>
public abstract class BackOfficePage : ComponentBase
{
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;
    [Inject] private IServiceScopeFactory Scopes { get; set; } = default!;
    [Inject] protected TimeProvider Clock { get; set; } = default!;
    [Inject] private IMemoryCache Cache { get; set; } = default!;

    /// <summary>Set before <see cref="LoadAsync"/> runs; the page's policy guarantees a signed-in staff caller.</summary>
    protected Caller Caller { get; private set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        Caller = Caller.From((await AuthState).User) ?? throw new InvalidOperationException("Back-office page reached without a signed-in caller.");
        await LoadAsync();
    }

    protected virtual Task LoadAsync() => Task.CompletedTask;

    /// <summary>The caller's data for a page, loaded at most once per write and a few seconds (<see cref="ReadCaching.ForCallerAsync"/>).</summary>
    protected Task<T> Cached<T>(string what, Func<Task<T>> load) => Cache.ForCallerAsync(what, Caller, load);

    /// <summary><see cref="Query"/>, kept like <see cref="Cached"/>.</summary>
    protected Task<T> CachedQuery<T>(string what, Func<AppDbContext, Task<T>> work) => Cached(what, () => Query(work));

    protected async Task<T> Query<T>(Func<AppDbContext, Task<T>> work)
    {
        await using var scope = Scopes.CreateAsyncScope();
        // The circuit's events run outside the page's request: the lease is told whose district it reads.
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>().UseDistrict(Caller.DistrictId));
    }
}
