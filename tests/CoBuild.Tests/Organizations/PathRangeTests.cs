using CoBuild.Web.Infrastructure.Data;

namespace CoBuild.Tests.Organizations;

public sealed class PathRangeTests
{
    [Theory]
    [InlineData("/330602/330602001/", "/330602/330602001/330602001001/", true)]
    [InlineData("/330602/330602001/", "/330602/330602001/", true)]
    [InlineData("/330602/330602001/", "/330602/330602002/", false)]
    [InlineData("/330602/330602001/", "/330602/3306020010/", false)]
    [InlineData("/330602/330602001/", "/330602/330602001", false)]
    [InlineData("/330602/330602001/", "/330602/", false)]
    public void The_range_holds_exactly_the_paths_below(string scope, string path, bool below)
    {
        var inRange = string.CompareOrdinal(path, scope) >= 0 && string.CompareOrdinal(path, PathRange.End(scope)) < 0;
        Assert.Equal(below, inRange);
        Assert.Equal(path.StartsWith(scope, StringComparison.Ordinal), inRange);
    }
}
