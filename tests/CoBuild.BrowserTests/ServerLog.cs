using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CoBuild.BrowserTests;

/// <summary>Keeps the server's errors (a circuit that dies logs one) so a test can fail on them, and notes a demo load.</summary>
public sealed class ServerLog : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _errors = new();

    /// <summary>Errors so far, as "category: message".</summary>
    public IReadOnlyCollection<string> Errors => _errors;

    /// <summary>True when the app loaded the demo district itself (DemoDistrict logs "Demo district loaded").</summary>
    public bool DemoLoaded { get; private set; }

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    public void Dispose() { }

    private sealed class Logger(string category, ServerLog log) : ILogger
    {
        private readonly bool _demo = category.EndsWith(".DemoDistrict", StringComparison.Ordinal);
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error || (_demo && logLevel >= LogLevel.Information);
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error) log._errors.Enqueue($"{category}: {formatter(state, exception)} {exception?.GetType().Name} {exception?.Message} {exception?.StackTrace?.Split('\n').FirstOrDefault()?.Trim()}");
            else if (_demo && formatter(state, exception).StartsWith("Demo district loaded", StringComparison.Ordinal)) log.DemoLoaded = true;
        }
    }
}
