namespace CoBuild.Web.Infrastructure.ErrorHandling;

/// <summary>Input that breaks a field rule: 400 with the field named.</summary>
public sealed class InvalidInput(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>A business rule refuses the change in the current state: 409.</summary>
public sealed class RuleViolation(string message) : Exception(message);

/// <summary>Unknown id, or an id outside the caller's scope that must not be revealed: 404.</summary>
public sealed class UnknownId(string message) : Exception(message);

/// <summary>The caller is known but the scope does not allow this: 403.</summary>
public sealed class Forbidden(string message) : Exception(message);

/// <summary>The client acted on a version that is no longer current (If-Match): 412.</summary>
public sealed class StaleVersion(string message) : Exception(message);

/// <summary>The change needs the version the client saw (If-Match) and none was sent: 428.</summary>
public sealed class VersionRequired(string message) : Exception(message);

/// <summary>The request is understood and allowed, but a rule refuses what it asks for (a certificate the whitelist removed): 422.</summary>
public sealed class Unprocessable(string title, string message) : Exception(message)
{
    public string Title { get; } = title;
}
