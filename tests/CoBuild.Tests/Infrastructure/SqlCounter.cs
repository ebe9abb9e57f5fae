using System.Diagnostics;

namespace CoBuild.Tests.Infrastructure;

/// <summary>
/// Counts the commands EF Core executes in this test process, from its DiagnosticListener events. Tests in the app
/// collection run one at a time, so the count between Reset and Count belongs to the request in between. (Counting
/// the "Executed DbCommand" log events instead missed a request's statements now and then.)
/// The listener must also take CommandExecuting: when EF Core finds nobody listening to "executing", it stops reporting
/// that context's commands (both events) for its logging cache time, and pooled contexts carry that across requests —
/// which is how a request's count read 0.
/// </summary>
public sealed class SqlCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private const string Executing = "Microsoft.EntityFrameworkCore.Database.Command.CommandExecuting";
    private const string Executed = "Microsoft.EntityFrameworkCore.Database.Command.CommandExecuted";
    private readonly List<IDisposable> _subscriptions = [];
    private int _count;

    public SqlCounter() => _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));

    public int Count => Volatile.Read(ref _count);

    public void Reset() => Interlocked.Exchange(ref _count, 0);

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener listener)
    {
        if (listener.Name != "Microsoft.EntityFrameworkCore") return;
        lock (_subscriptions) _subscriptions.Add(listener.Subscribe(this, name => name is Executing or Executed));
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> e)
    {
        if (e.Key == Executed) Interlocked.Increment(ref _count);
    }

    void IObserver<DiagnosticListener>.OnCompleted() { }
    void IObserver<DiagnosticListener>.OnError(Exception error) { }
    void IObserver<KeyValuePair<string, object?>>.OnCompleted() { }
    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error) { }

    public void Dispose()
    {
        lock (_subscriptions) foreach (var s in _subscriptions) s.Dispose();
    }
}
