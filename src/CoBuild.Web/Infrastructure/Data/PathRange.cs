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
}
