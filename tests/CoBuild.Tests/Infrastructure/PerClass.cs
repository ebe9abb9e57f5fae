namespace CoBuild.Tests.Infrastructure;

/// <summary>
/// What the tests of one class share and build from the collection's app (xunit hands class fixtures no collection
/// fixture): made by the first test that asks, disposed after the class's last test. Extra nodes and a Redis server
/// started once per class instead of once per test.
/// </summary>
public sealed class PerClass : IAsyncLifetime
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private object? _value;

    public async Task<T> GetAsync<T>(Func<Task<T>> create) where T : class
    {
        await _lock.WaitAsync();
        try { return (T)(_value ??= await create()); }
        finally { _lock.Release(); }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_value is IAsyncDisposable d) await d.DisposeAsync();
        else if (_value is IDisposable e) e.Dispose();
    }
}
