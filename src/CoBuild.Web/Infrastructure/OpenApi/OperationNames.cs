using System.Text;

namespace CoBuild.Web.Infrastructure.OpenApi;

/// <summary>
/// A readable operationId from a route, so generated clients get listOrgContracts instead of getApiV1OrgContracts1:
/// GET on a collection lists it, GET on an id gets one, POST creates, PUT updates, DELETE deletes, and a trailing
/// verb segment names the action (POST /org-contracts/{id}/sign → signOrgContract).
/// </summary>
public static class OperationNames
{
    /// <summary>Last segments that are actions on what precedes them, not sub-resources (read-all → readAllInbox).</summary>
    private static readonly Dictionary<string, string> Verbs = new(StringComparer.Ordinal)
    {
        ["sign"] = "sign", ["close"] = "close", ["withdraw"] = "withdraw", ["terminate"] = "terminate", ["complete"] = "complete",
        ["grade"] = "grade", ["remind"] = "remind", ["replay"] = "replay", ["open"] = "open", ["stop"] = "stop", ["hammer"] = "hammer",
        ["pass"] = "pass", ["undo"] = "undo", ["done"] = "complete", ["accept"] = "accept", ["confirm"] = "confirm", ["read"] = "read",
        ["read-all"] = "readAll", ["reveal"] = "reveal", ["logout"] = "logout", ["verify"] = "verify", ["export"] = "export",
        ["overdue-sweep"] = "sweepOverdue", ["revoke"] = "revoke",
    };

    public static string For(string method, string route)
    {
        var segments = route.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (segments is ["api", "v1", ..]) segments = segments[2..];
        if (segments.Count == 0) return method.ToLowerInvariant() + "Root";
        var verb = method.ToUpperInvariant();
        bool IsParam(int i) => segments[i].StartsWith('{');
        string Noun(int end)
        {
            var name = new StringBuilder();
            for (var i = 0; i < end; i++)
                if (!IsParam(i)) name.Append(Pascal(i + 1 < segments.Count && IsParam(i + 1) ? Singular(segments[i]) : segments[i]));
            return name.ToString();
        }

        var last = segments.Count - 1;
        if (IsParam(last))
        {
            // /orders/{id}/{action}: the parameter is the verb.
            if (last > 0 && IsParam(last - 1)) return Camel(ParamName(segments[last])) + Noun(last);
            return (verb switch { "GET" => "get", "PUT" => "update", "DELETE" => "delete", "PATCH" => "patch", _ => "create" }) + Noun(last);
        }
        if (Verbs.TryGetValue(segments[last], out var action)) return action + Noun(last);
        var plural = IsPlural(segments[last]);
        var head = Noun(last);
        return verb switch
        {
            "GET" => (plural ? "list" : "get") + head + Pascal(segments[last]),
            "POST" => "create" + head + Pascal(Singular(segments[last])),
            "PUT" => "update" + head + Pascal(segments[last]),
            "DELETE" => "delete" + head + Pascal(segments[last]),
            _ => verb.ToLowerInvariant() + head + Pascal(segments[last]),
        };
    }

    /// <summary>"listOrgContracts" → "List org contracts".</summary>
    public static string Summary(string operationId)
    {
        var text = new StringBuilder();
        foreach (var c in operationId)
        {
            if (char.IsUpper(c) && text.Length > 0) text.Append(' ').Append(char.ToLowerInvariant(c));
            else text.Append(text.Length == 0 ? char.ToUpperInvariant(c) : c);
        }
        return text.ToString();
    }

    private static string ParamName(string segment) => segment.Trim('{', '}').Split(':')[0];

    private static bool IsPlural(string word) => word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) && !word.EndsWith("us", StringComparison.Ordinal);

    private static string Singular(string word) =>
        word.EndsWith("ies", StringComparison.Ordinal) ? word[..^3] + "y" : IsPlural(word) ? word[..^1] : word;

    private static string Pascal(string word) =>
        string.Concat(word.Split('-', '_', '.').Where(p => p.Length > 0).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));

    private static string Camel(string word) => word.Length == 0 ? word : char.ToLowerInvariant(word[0]) + word[1..];
}
