using System.Linq.Expressions;

namespace CoBuild.Web.Infrastructure.Data;

/// <summary>
/// Paths under a node form one key range, <c>[path, End(path))</c>, so "at or below" filters are written as two
/// comparisons: both providers use the B-tree index for them, where <c>LIKE 'path%'</c> scans on SQLite.
/// Paths hold digits and '/', and every path ends with '/', so raising that last '/' to '0' closes the range.
/// PostgreSQL compares these columns in the "C" collation so that the order is the same bytewise order.
/// </summary>
public static class PathRange
{
    public static string End(string path) => path[..^1] + (char)(path[^1] + 1);

    /// <summary>Rows whose path (picked by <paramref name="pathOf"/>) lies at or below <paramref name="path"/>, as the two comparisons above.</summary>
    public static IQueryable<T> Under<T>(this IQueryable<T> query, Expression<Func<T, string>> pathOf, string path)
    {
        var end = End(path);
        // Captured variables, so that EF sends the bounds as parameters and reuses one plan for every scope.
        Expression<Func<string, bool>> inRange = p => p.CompareTo(path) >= 0 && p.CompareTo(end) < 0;
        var body = new Substitute(inRange.Parameters[0], pathOf.Body).Visit(inRange.Body);
        return query.Where(Expression.Lambda<Func<T, bool>>(body, pathOf.Parameters));
    }

    private sealed class Substitute(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
